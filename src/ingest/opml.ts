import { generateOpml, parseOpml } from 'feedsmith';

/** One source as an OPML outline carries it. */
export interface OpmlSource {
  name: string;
  url: string;
}

type Outline = { text?: string; title?: string; xmlUrl?: string; htmlUrl?: string; outlines?: Outline[] };

/** Reads every feed outline of an OPML file, nested folders included; throws a plain Error saying what is wrong. */
export function parseOpmlSources(text: string): OpmlSource[] {
  let parsed: { body?: { outlines?: Outline[] } };
  try {
    parsed = parseOpml(text) as typeof parsed;
  } catch (error) {
    throw new Error(`not a readable OPML file: ${(error as Error).message}`);
  }
  const out: OpmlSource[] = [];
  const walk = (outlines: Outline[] | undefined) => {
    for (const outline of outlines ?? []) {
      const url = outline.xmlUrl?.trim();
      if (url) out.push({ name: (outline.title ?? outline.text ?? url).trim() || url, url });
      walk(outline.outlines);
    }
  };
  walk(parsed.body?.outlines);
  return out;
}

/** Writes sources as an OPML 2.0 document that feed readers import. */
export function toOpml(title: string, sources: OpmlSource[], now: Date): string {
  if (sources.length === 0) {
    // feedsmith refuses an empty body; an empty list is still a valid export.
    const safe = title.replace(/[<&>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n    <title>${safe}</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>\n  <body/>\n</opml>`;
  }
  return generateOpml({
    head: { title, dateCreated: now },
    body: { outlines: sources.map((s) => ({ text: s.name, title: s.name, type: 'rss', xmlUrl: s.url })) },
  } as Parameters<typeof generateOpml>[0]) as string;
}
