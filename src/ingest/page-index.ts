/**
 * The elements the metadata and date readers look up, each list in document order and each exactly what
 * its selector would return. One `querySelectorAll` finds them all: with a query per reader, linkedom
 * walked the whole page six times or more (every name a page lacks cost a walk to its end).
 */
export interface PageIndex {
  /** `meta` */
  metas: Element[];
  /** `meta, [property][content]` (RDFa properties on other elements too) */
  metaLike: Element[];
  /** `script[type="application/ld+json" i]` */
  jsonLd: Element[];
  /** `script:not([src])` */
  inlineScripts: Element[];
  /** `[itemprop]` */
  itemprops: Element[];
  /** `time` */
  times: Element[];
}

const ALL = 'meta, [property][content], script, [itemprop], time';

/** Indexes of the documents being read now; see `withPageIndex`. */
const scoped = new WeakMap<object, PageIndex>();

/**
 * Runs `read` with one index of the page shared by every reader it calls. The DOM must not change inside
 * `read`: the index is a snapshot, dropped when `read` returns, so no reader sees a stale one later.
 */
export function withPageIndex<T>(document: Document, read: () => T): T {
  if (scoped.has(document)) return read();
  scoped.set(document, indexPage(document));
  try {
    return read();
  } finally {
    scoped.delete(document);
  }
}

/** The page's index: the shared one inside `withPageIndex`, else a fresh one. */
export function pageIndex(document: Document): PageIndex {
  return scoped.get(document) ?? indexPage(document);
}

function indexPage(document: Document): PageIndex {
  const index: PageIndex = {
    metas: [],
    metaLike: [],
    jsonLd: [],
    inlineScripts: [],
    itemprops: [],
    times: [],
  };
  for (const el of Array.from(document.querySelectorAll(ALL))) {
    // How the selector engine names elements of an HTML document (linkedom's adapter for css-select).
    const name = el.localName.toLowerCase();
    if (name === 'meta') index.metas.push(el);
    if (name === 'meta' || (el.hasAttribute('property') && el.hasAttribute('content')))
      index.metaLike.push(el);
    if (name === 'script') {
      if (el.getAttribute('type')?.toLowerCase() === 'application/ld+json') index.jsonLd.push(el);
      if (!el.hasAttribute('src')) index.inlineScripts.push(el);
    }
    if (el.hasAttribute('itemprop')) index.itemprops.push(el);
    if (name === 'time') index.times.push(el);
  }
  return index;
}
