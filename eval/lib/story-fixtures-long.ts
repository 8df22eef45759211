import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StoryFixture } from './story-fixtures.ts';

/** A full-length fixture article: its topic group and what kind of coverage it is, besides the gold event. */
export interface LongStoryFixture extends StoryFixture {
  group: string;
  kind: (typeof KINDS)[number];
}

// `same-day` is an unrelated event reported the same day in shared vocabulary (used by stories-blind).
const KINDS = ['report', 'follow-up', 'other-case', 'opinion', 'market', 'same-day'] as const;

/** The tuned full-length fixture, split into tune and check halves. */
export const LONG_FOLDER = new URL('../../tests/fixtures/stories-long/', import.meta.url);

/** The blind fixture: written after tuning ended, never to be tuned on (see its README). */
export const BLIND_FOLDER = new URL('../../tests/fixtures/stories-blind/', import.meta.url);

/** The second blind fixture, written without reading the clusterer; its first measurement is the integrator's (see its README). */
export const BLIND_2_FOLDER = new URL('../../tests/fixtures/stories-blind-2/', import.meta.url);

/** The third blind fixture, written without reading the clusterer or running it; its first measurement is the integrator's. */
export const BLIND_3_FOLDER = new URL('../../tests/fixtures/stories-blind-3/', import.meta.url);

const headerSchema = z.object({
  event: z.string().regex(/^[a-z0-9-]+$/),
  group: z.string().regex(/^[a-z0-9-]+$/),
  outlet: z.string().min(1),
  kind: z.enum(KINDS),
  published: z.iso.datetime({ offset: true }),
  title: z.string().min(1),
});

const splitSchema = z.object({ tune: z.array(z.string()), check: z.array(z.string()) });

/** Parses one fixture file: `### key`, `field: value` lines, a blank line, then paragraphs. */
export function parseStoryFile(text: string, file: string): LongStoryFixture[] {
  const out: LongStoryFixture[] = [];
  for (const block of text.split(/^### /m).slice(1)) {
    const [head = '', ...paragraphs] = block.split(/\n\s*\n/);
    const [key = '', ...fields] = head.split('\n');
    const header = Object.fromEntries(
      fields.map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }),
    );
    const parsed = headerSchema.safeParse(header);
    if (!parsed.success) {
      throw new Error(`${file}: article "${key.trim()}" has a bad header: ${z.prettifyError(parsed.error)}`);
    }
    const h = parsed.data;
    out.push({
      key: key.trim(),
      event: h.event,
      group: h.group,
      kind: h.kind,
      source: h.outlet,
      publishedAt: new Date(h.published).toISOString(),
      title: h.title,
      text: paragraphs
        .map((p) => p.trim())
        .filter(Boolean)
        .join('\n\n'),
    });
  }
  return out;
}

/** How groups were put in halves before tuning: sorted by SHA-1 of their names, alternately tune and check. */
export function hashedSplit(groups: string[]): { tune: string[]; check: string[] } {
  const sha = (g: string) => createHash('sha1').update(g).digest('hex');
  const ranked = [...new Set(groups)].sort((a, b) => sha(a).localeCompare(sha(b)));
  return {
    tune: ranked.filter((_, i) => i % 2 === 0).sort(),
    check: ranked.filter((_, i) => i % 2 === 1).sort(),
  };
}

/** Every article of a fixture folder's `*.txt` files, in file-name order; an article key used twice is an error. */
export function readStoryFolder(folder: URL): LongStoryFixture[] {
  const all = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => parseStoryFile(readFileSync(new URL(name, folder), 'utf8'), name));
  const keys = new Set<string>();
  for (const f of all) {
    if (keys.has(f.key)) throw new Error(`${folder.pathname}: article key "${f.key}" is used twice`);
    keys.add(f.key);
  }
  return all;
}

/** Every article of a split fixture (stories-long by default), in the tuning and the untouched half of its split.json (see hashedSplit). */
export function loadLongStoryFixtures(folder: URL = LONG_FOLDER): {
  tune: LongStoryFixture[];
  check: LongStoryFixture[];
} {
  const all = readStoryFolder(folder);
  const split = splitSchema.parse(JSON.parse(readFileSync(new URL('split.json', folder), 'utf8')));
  const half = new Map<string, 'tune' | 'check'>();
  for (const g of split.tune) half.set(g, 'tune');
  for (const g of split.check) half.set(g, 'check');
  for (const f of all) {
    if (!half.has(f.group))
      throw new Error(`${folder.pathname}: group "${f.group}" is in no half of split.json`);
  }
  return {
    tune: all.filter((f) => half.get(f.group) === 'tune'),
    check: all.filter((f) => half.get(f.group) === 'check'),
  };
}

/** Every article of a blind fixture (tests/fixtures/stories-blind by default), one unsplit batch that must never be tuned on. */
export function loadBlindStoryFixtures(folder: URL = BLIND_FOLDER): LongStoryFixture[] {
  return readStoryFolder(folder);
}
