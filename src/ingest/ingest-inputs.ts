import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { ArticleDraft } from '../core/article.ts';
import type { ArticleWriter, SaveStatus } from '../core/article-writer.ts';
import { trustedCanonical } from '../core/canonical-url.ts';
import type { Fetcher, FetchLimits } from '../core/ports/fetcher.ts';
import { isUserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { decodeBody } from './charset.ts';
import { parseScrapedText } from './clean-text.ts';
import { scrapedTextDate } from './dates/text-dates.ts';
import { type ExtractedPage, extractHtml } from './extract-html.ts';
import { createFetcher, FetchError } from './fetch.ts';
import { learnRepeatedLinesByFolder } from './source-furniture.ts';

/** One input's outcome, as `policywire ingest --json` prints it. */
export interface IngestItem {
  input: string;
  status: SaveStatus | 'failed';
  id?: string;
  title?: string;
  reason?: string;
}

/** The whole run's outcome. */
export interface IngestReport {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  items: IngestItem[];
}

/** Dependencies of file and URL ingest. */
export interface IngestDeps {
  writer: ArticleWriter;
  fetchLimits: FetchLimits;
  logger: Logger;
  /** The app's shared guarded fetcher; a one-off one is built from `fetchLimits` when absent. */
  fetcher?: Fetcher;
}

/** Optional per-file metadata beside a `.txt`: `story.meta.json` for `story.txt`. */
const sidecarSchema = z.object({
  url: z.url().optional(),
  source: z.string().min(1).optional(),
  author: z.string().min(1).optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
});

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

/** Whether ingest reads a file as an article: by its extension, .txt or .html (a folder walk keeps only these). */
export function isArticleFile(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return TEXT_EXTENSIONS.has(extension) || HTML_EXTENSIONS.has(extension);
}

/** Ingests files, directories (recursively) and http(s) URLs; one item per file or URL, failures included. */
export async function ingestInputs(
  inputs: string[],
  deps: IngestDeps,
  options: { owner?: string; onItem?: (item: IngestItem, done: number, total: number) => void } = {},
): Promise<IngestReport> {
  const expanded: string[] = [];
  const items: IngestItem[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) expanded.push(input);
    else {
      const listed = await listFiles(input);
      if (listed.ok) expanded.push(...listed.files);
      else items.push({ input, status: 'failed', reason: listed.reason });
    }
  }
  const total = expanded.length + items.length;
  let done = items.length;
  for (const item of items) options.onItem?.(item, done, total);
  const repeatedByFolder = await learnRepeatedLinesByFolder(expanded);
  for (const input of expanded) {
    const repeated = /^https?:\/\//i.test(input) ? undefined : repeatedByFolder.get(dirname(resolve(input)));
    const item = await ingestOne(input, deps, options.owner ?? '*', repeated);
    items.push(item);
    done += 1;
    options.onItem?.(item, done, total);
  }
  const count = (status: IngestItem['status']) => items.filter((item) => item.status === status).length;
  return {
    added: count('added'),
    updated: count('updated'),
    skipped: count('skipped'),
    failed: count('failed'),
    items,
  };
}

async function ingestOne(
  input: string,
  deps: IngestDeps,
  owner: string,
  repeated?: Set<string>,
): Promise<IngestItem> {
  try {
    const drafted = /^https?:\/\//i.test(input)
      ? await draftFromUrl(input, deps.fetcher ?? createFetcher({ limits: deps.fetchLimits }))
      : await draftFromFile(input, repeated);
    if (!drafted.ok) return { input, status: 'failed', reason: drafted.reason };
    const { status, article } = await deps.writer.save(drafted.draft, { owner });
    return { input, status, id: article.id, title: article.title };
  } catch (error) {
    // An operator's report: a refusal's detail (the address a host resolved to) belongs here.
    if (error instanceof FetchError && error.details.detail)
      return { input, status: 'failed', reason: `${error.message} (${error.details.detail})` };
    if (isUserError(error)) return { input, status: 'failed', reason: error.message };
    deps.logger.error({ err: error, input }, 'ingest failed');
    return { input, status: 'failed', reason: `internal error: ${(error as Error).message}` };
  }
}

type Drafted = { ok: true; draft: ArticleDraft } | { ok: false; reason: string };

/**
 * Reads one local file into a draft: `.txt` as scraped text (less the lines its folder repeats, when
 * known), `.html` through Readability.
 */
export async function draftFromFile(path: string, repeated?: Set<string>): Promise<Drafted> {
  const absolute = resolve(path);
  const extension = extname(absolute).toLowerCase();
  if (!isArticleFile(absolute)) {
    return { ok: false, reason: `unsupported file type "${extension || 'none'}": use .txt or .html` };
  }
  const buffer = await readFile(absolute);
  // A file has no HTTP header: its BOM, its own declaration or a sniff of its bytes says how to read it.
  const content = textOf(buffer);
  if (content === undefined) return { ok: false, reason: 'binary file: expected text or HTML' };
  const fileUrl = pathToFileURL(absolute).href;
  if (HTML_EXTENSIONS.has(extension)) return draftFromHtml(content, fileUrl);
  const { title, text } = parseScrapedText(content, repeated);
  if (!title) return { ok: false, reason: 'empty file: the first line should be the headline' };
  if (text.split(/\s+/).filter(Boolean).length < 20) {
    return { ok: false, reason: 'no article text after the headline (fewer than 20 words)' };
  }
  const meta = await readSidecar(absolute);
  if (!meta.ok) return meta;
  // The sidecar's date is the operator's word; the byline under the headline is the fallback.
  const publishedAt = meta.value.publishedAt ?? scrapedTextDate(text, new Date())?.iso;
  return {
    ok: true,
    draft: {
      url: meta.value.url ?? fileUrl,
      title,
      text,
      source: meta.value.source,
      author: meta.value.author,
      ...(publishedAt ? { publishedAt } : {}),
    },
  };
}

/** Extracts a draft from HTML already in hand, keeping the page's own canonical URL. */
export function draftFromHtml(html: string, url: string): Drafted {
  const extracted = extractHtml(html, url);
  return extracted.ok ? draftFromPage(extracted.page, url) : extracted;
}

/** A page already extracted as a draft: what ingest would store from it (preview shows the same). */
export function draftFromPage(page: ExtractedPage, url: string): Drafted {
  return {
    ok: true,
    draft: {
      url,
      // A local file has no site of its own, so its page's canonical URL is the best link we have.
      canonicalUrl: url.startsWith('file:') ? page.canonicalUrl : trustedCanonical(url, page.canonicalUrl),
      title: page.title,
      text: page.text,
      source: page.siteName,
      author: page.author,
      publishedAt: page.publishedAt,
      ...(page.modifiedAt ? { modifiedAt: page.modifiedAt } : {}),
      language: page.language,
    },
  };
}

async function draftFromUrl(url: string, fetcher: Fetcher): Promise<Drafted> {
  const fetched = await fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
  if (fetched.notModified) return { ok: false, reason: `${url} answered 304 Not Modified` };
  if (!/html|xml|text\/plain|^$/i.test(fetched.contentType)) {
    return { ok: false, reason: `${url} is ${fetched.contentType}, not an HTML page` };
  }
  const html = textOf(fetched.body, fetched.contentType);
  if (html === undefined) return { ok: false, reason: `${url} returned binary content, not HTML` };
  return draftFromHtml(html, fetched.url);
}

/** The bytes decoded by their charset, or undefined when they are not text (UTF-16/32 zeros are not binary). */
function textOf(bytes: Buffer, contentType?: string): string | undefined {
  const decoded = decodeBody(bytes, contentType);
  if (/^utf-(?:16|32)/.test(decoded.charset)) return decoded.text;
  return looksBinary(bytes) ? undefined : decoded.text;
}

async function readSidecar(
  path: string,
): Promise<{ ok: true; value: z.infer<typeof sidecarSchema> } | { ok: false; reason: string }> {
  const sidecar = path.replace(/\.[^.]+$/, '.meta.json');
  let raw: string;
  try {
    raw = await readFile(sidecar, 'utf8');
  } catch {
    return { ok: true, value: {} };
  }
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${basename(sidecar)}: ${issue?.path.join('.')} ${issue?.message}` };
  } catch {
    return { ok: false, reason: `${basename(sidecar)} is not valid JSON` };
  }
}

async function listFiles(
  input: string,
): Promise<{ ok: true; files: string[] } | { ok: false; reason: string }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(input);
  } catch {
    return { ok: false, reason: `no such file or directory: ${input}` };
  }
  if (info.isFile()) return { ok: true, files: [input] };
  if (!info.isDirectory()) return { ok: false, reason: `not a file or directory: ${input}` };
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isArticleFile(entry.name)) files.push(full);
    }
  };
  await walk(input);
  return { ok: true, files };
}

/** NUL bytes or many control characters in the first 8 KiB mean the file is not text. */
export function looksBinary(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 8192);
  if (head.includes(0)) return true;
  let control = 0;
  for (const byte of head) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  return head.length > 0 && control / head.length > 0.1;
}
