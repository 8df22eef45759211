import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleIdFor } from '../core/article.ts';
import { cardFields, cardSummary } from '../core/card-fields.ts';
import { countOf } from '../core/text/plural.ts';
import { UserError } from '../errors.ts';
import { decodeBody } from '../ingest/charset.ts';
import { draftFromFile, draftFromPage, isArticleFile } from '../ingest/ingest-inputs.ts';
import type { PolicyRead } from '../ingest/policy/policy-sources.ts';
import { type DocumentReading, readPage, sniffDocument } from '../ingest/read-document.ts';
import type { App } from '../main.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

/** What the bot would read from a URL or file, without storing anything. */
export async function previewInput(app: App, input: string): Promise<Record<string, unknown>> {
  if (/^https?:\/\//i.test(input) && app.policy.isApiUrl(input)) {
    const verdict = app.policy.check(input);
    if (!verdict.ok) throw new UserError('unsupported_input', `${input}: ${verdict.reason}.`, verdict.hint);
    return policyPreview(await app.policy.read(input, { maxPages: 1 }));
  }
  const { bytes, contentType, url, localPath } = /^https?:\/\//i.test(input)
    ? await fetchInput(app, input)
    : await readLocalInput(input);
  const policy = app.policy.recognise(decodeBody(bytes, contentType).text, url);
  if (policy && !policy.ok) throw new UserError('unsupported_input', `${input}: ${policy.reason}`);
  if (policy) return policyPreview(await app.policy.read(url, { first: policy.page, maxPages: 1 }));
  const sniffed = sniffDocument(bytes, contentType, url);
  // A local article file is read the way ingest reads it, so the two take and refuse the same files (a
  // LICENSE without an extension, a .txt with its headline first) and say the same thing about them; and
  // ingest's reading is its only extraction, not a second one after ours.
  if (localPath && sniffed.kind !== 'feed' && isArticleFile(localPath))
    return articlePreview(app, input, await draftFromFile(localPath));
  const reading = sniffed.kind === 'page' ? readPage(sniffed.text, url) : sniffed;
  // Another local file holding an article gets ingest's refusal of its type (it stops at the extension).
  if (localPath && reading.kind === 'article')
    return articlePreview(app, input, await draftFromFile(localPath));
  if (reading.kind === 'refused')
    throw new UserError(
      'unsupported_input',
      `${input}: ${reading.reason}`,
      'Give the URL or file of an RSS, Atom or JSON feed, or of an HTML article page.',
    );
  if (reading.kind === 'feed') return feedPreview(reading);
  return articlePreview(app, input, draftFromPage(reading.page, url));
}

/** The bytes of a URL to preview, through the app's guarded fetcher. */
async function fetchInput(app: App, input: string): Promise<PreviewBytes> {
  const fetched = await app.fetcher.fetch(input);
  if (fetched.notModified) throw new UserError('fetch_failed', `${input} answered 304 Not Modified`);
  return { bytes: fetched.body, contentType: fetched.contentType, url: fetched.url };
}

/** The bytes of a local file to preview; a missing file, another scheme or a folder is refused. */
async function readLocalInput(input: string): Promise<PreviewBytes> {
  const path = resolve(input);
  const exists = existsSync(path);
  // Checked only when no such file exists, so an odd local name that looks like a URL still reads.
  if (!exists && /^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    throw new UserError(
      'unsupported_input',
      `${input}: preview reads only http(s) URLs and local files`,
      'Give an http:// or https:// URL, or a file path.',
    );
  if (!exists)
    throw new UserError('not_found', `no such file or URL: ${input}`, 'Give an http(s) URL or a file path.');
  if (statSync(path).isDirectory())
    throw new UserError(
      'unsupported_input',
      `${input} is a folder: preview takes a file or an http(s) URL (ingest takes folders)`,
    );
  return { bytes: await readFile(path), contentType: '', url: pathToFileURL(path).href, localPath: path };
}

interface PreviewBytes {
  bytes: Buffer;
  contentType: string;
  url: string;
  /** Set for a local file, which is read the way ingest reads it. */
  localPath?: string;
}

/** A feed's preview: its title, link and format, and each item as the feed states it. */
function feedPreview({
  feed,
  recovered,
}: Extract<DocumentReading, { kind: 'feed' }>): Record<string, unknown> {
  return {
    kind: 'feed',
    title: feed.title ?? null,
    link: feed.link ?? null,
    format: feed.format,
    ...(recovered ? { warning: 'the feed markup is broken; this is what could be recovered' } : {}),
    items: feed.items.map((item) => ({
      title: item.title ?? null,
      url: item.url ?? null,
      id: item.id,
      publishedAt: item.publishedAt ?? null,
      summary: item.summary ?? null,
      author: item.author ?? null,
    })),
  };
}

/**
 * The article ingest would store from a draft, with the headline, outlet and summary bounds the article
 * writer stores (so what `/news` later shows); its refusal as the CLI reports it.
 */
async function articlePreview(
  app: App,
  input: string,
  drafted: ReturnType<typeof draftFromPage>,
): Promise<Record<string, unknown>> {
  if (!drafted.ok) throw new UserError('unsupported_input', `${input}: ${drafted.reason}`);
  const { draft } = drafted;
  const { canonicalUrl, title, source } = cardFields(draft);
  const summary = cardSummary(await app.core.summarizer.summarize({ title, text: draft.text }));
  return {
    kind: 'article',
    id: articleIdFor(canonicalUrl),
    url: draft.url,
    canonicalUrl,
    title,
    source,
    author: draft.author ?? null,
    publishedAt: draft.publishedAt ?? null,
    language: draft.language ?? null,
    summary,
    text: draft.text,
  };
}

/** A policy source's preview: each document with its `policy` record, as `items[].policy`. */
function policyPreview(read: PolicyRead): Record<string, unknown> {
  return {
    kind: 'policy',
    origin: read.origin,
    title: read.label,
    pages: read.pages,
    ...(read.errors.length > 0 ? { errors: read.errors.slice(0, 20) } : {}),
    items: read.documents.map((document) => ({
      title: document.title,
      url: document.url,
      id: document.id,
      publishedAt: document.publishedAt ?? null,
      summary: document.text.split('\n\n')[0] ?? null,
      policy: document.policy,
    })),
  };
}

/** `policywire preview <url|file> [--json]`: the admin's "test this feed" tool; stores nothing. */
export async function previewVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  const [input] = positionals;
  if (!input || positionals.length > 1) throw new UsageError('usage: policywire preview <url|file> [--json]');
  return withApp('warn', async (app) => {
    const preview = await previewInput(app, input);
    if (values.json) printJson(preview);
    else if (preview.kind === 'feed' || preview.kind === 'policy') {
      const items = preview.items as {
        title: string | null;
        url: string | null;
        publishedAt: string | null;
      }[];
      process.stdout.write(`${preview.title ?? '(untitled feed)'} — ${countOf(items.length, 'item')}\n`);
      for (const item of items)
        process.stdout.write(
          `  • ${item.title ?? '(untitled)'}\n    ${item.url ?? '(no link)'} · ${item.publishedAt ?? 'undated'}\n`,
        );
    } else {
      process.stdout.write(
        `${preview.title}\n${preview.source} · ${preview.publishedAt ?? 'undated'}\n${preview.canonicalUrl}\n\n${preview.summary}\n`,
      );
    }
    return 0;
  });
}
