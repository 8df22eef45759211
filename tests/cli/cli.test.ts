import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { SEED_SAMPLE, tempDir } from '../helpers/temp-store.ts';

describe('policywire CLI', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'cli.sqlite')}` };
  afterAll(() => temp.cleanup());
  beforeAll(() => {
    const ingest = runCli(['ingest', SEED_SAMPLE, '--json'], env);
    expect(ingest.code).toBe(0);
  });

  it('ingest --json reports counts and one item per input', () => {
    const again = runCli(['ingest', SEED_SAMPLE, '--json'], env);
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ added: 0, updated: 0, skipped: 1, failed: 0 });
    expect(report.items).toEqual([
      {
        input: SEED_SAMPLE,
        status: 'skipped',
        id: expect.stringMatching(/^[a-f0-9]{16}$/),
        title: 'China slams ‘immoral’ spying claims',
      },
    ]);
  });

  it('news huawei --json returns the seed story first with a faithful summary free of furniture', () => {
    const result = runCli(['news', 'huawei', '--json'], env);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.query).toBe('huawei');
    const first = body.results[0];
    expect(first.title).toBe('China slams ‘immoral’ spying claims');
    expect(first.summary).toMatch(/Huawei|Wang Yi/);
    for (const bad of ['Share Story', 'Recent Stories', 'webinar', 'CFO'])
      expect(first.summary).not.toContain(bad);
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['id', 'title', 'url', 'source', 'publishedAt', 'summary', 'topics', 'score']),
    );
  });

  it('article <id> --json prints the stored article with its extracted text', () => {
    const id = JSON.parse(runCli(['news', 'huawei', '--json'], env).stdout).results[0].id;
    const result = runCli(['article', id, '--json'], env);
    const article = JSON.parse(result.stdout);
    expect(article.id).toBe(id);
    expect(article.text).toContain('State councillor Wang Yi');
    expect(article.text).not.toContain('Recent Stories');
  });

  it('chat reads piped lines, answers each and exits at end of input', () => {
    const result = runCli(['chat'], env, '/news huawei\n/help\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('China slams ‘immoral’ spying claims');
    expect(result.stdout).toContain('/news <query>');
  });

  it('chat answers bad lines with one clear line each and keeps going', () => {
    const input = ['/whatever', '/news', `/news ${'y'.repeat(10_000)}`, 'hello', '/news huawei'].join('\n');
    const result = runCli(['chat'], env, `${input}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Unknown command /whatever.');
    expect(result.stdout).toContain('the query is empty');
    expect(result.stdout).toMatch(/too long/);
    expect(result.stdout).toContain('Commands start with a slash');
    expect(result.stdout).toContain('China slams ‘immoral’ spying claims');
  });

  it('given an empty query, news exits non-zero with the reason', () => {
    const result = runCli(['news', '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/query is empty/);
  });

  it('given a missing file, a binary file or a page with no article, ingest exits 1 naming each reason and keeps what is stored', () => {
    const binary = join(temp.dir, 'blob.txt');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    const page = join(temp.dir, 'empty.html');
    writeFileSync(page, '<html><head><title>x</title></head><body><p>Hi.</p></body></html>');
    const result = runCli(['ingest', join(temp.dir, 'nope.txt'), binary, page], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no such file or directory');
    expect(result.stdout).toContain('binary file');
    expect(result.stdout).toContain('no article found');
    expect(JSON.parse(runCli(['news', 'huawei', '--json'], env).stdout).results).toHaveLength(1);
  });

  it('given a malformed STORE_URL, exits 2 naming the variable and what it expects', () => {
    const result = runCli(['news', 'huawei'], { STORE_URL: 'mongodb://nowhere' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STORE_URL: expected a URL starting with sqlite://');
    expect(result.stderr).toContain('"mongodb://nowhere"');
  });

  it('given an unknown verb, prints the usage and exits 2', () => {
    const result = runCli(['frob'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown verb "frob"');
  });
});
