import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

const temp = tempDir('pw-cli-story-');
const env = { STORE_URL: `sqlite://${join(temp.dir, 'cli.sqlite')}` };
const file = join(temp.dir, 'court.txt');
const TITLE = 'Court hears Acme challenge to telecoms ban';
const FIRST =
  'The Federal Court heard the challenge brought by Acme Networks against the telecoms ban on Monday.\n\n' +
  'A ruling is due on Friday, lawyers for the company said.\n\n' +
  'The regulator argued that the ban protects critical networks.\n';
const EDITED = FIRST.replace(
  'A ruling is due on Friday, lawyers for the company said.',
  'The court rejected the challenge on Friday, upholding the ban.',
);

afterAll(() => temp.cleanup());

/** Writes the article file (with its sidecar) and ingests it; the article id. */
function ingest(body: string): string {
  writeFileSync(file, `${TITLE}\n\n${body}`);
  writeFileSync(
    join(temp.dir, 'court.meta.json'),
    JSON.stringify({
      url: 'https://courts.example.org/acme',
      source: 'Court Wire',
      publishedAt: '2026-11-30T09:00:00Z',
    }),
  );
  const result = runCli(['ingest', file, '--json'], env);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).items[0].id;
}

describe('policywire story', () => {
  it('shows both versions of an article ingested twice with a material edit, and what changed', () => {
    const id = ingest(FIRST);
    expect(ingest(EDITED)).toBe(id);
    const result = runCli(['story', id, '--json'], env);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['id', 'title', 'versions', 'outlets', 'whatChanged']);
    expect(report).toMatchObject({ id, title: TITLE, outlets: ['Court Wire'] });
    expect(report.versions).toHaveLength(2);
    expect(report.versions[0].changes).toEqual([]);
    expect(report.versions[1].changes).toEqual(
      expect.arrayContaining(['verdict added: reject', 'verdict added: uphold']),
    );
    expect(Date.parse(report.versions[1].at)).toBeGreaterThanOrEqual(Date.parse(report.versions[0].at));
    expect(report.whatChanged).toBe(
      'Update: the court rejected the challenge on Friday, upholding the ban; earlier reports said a ruling is due on Friday, lawyers for the company said.',
    );
    // The same article found by its URL.
    expect(JSON.parse(runCli(['story', 'https://courts.example.org/acme', '--json'], env).stdout).id).toBe(
      id,
    );
    // Four CLI processes in a row: on a loaded machine each start takes seconds.
  }, 120_000);

  it('answers an unknown article with exit 1 and a hint, and a missing argument with usage', () => {
    const unknown = runCli(['story', '0123456789abcdef', '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no stored article with id or URL "0123456789abcdef"');
    expect(runCli(['story'], env).code).toBe(2);
  }, 60_000);
});
