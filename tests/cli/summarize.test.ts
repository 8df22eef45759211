import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const cwd = mkdtempSync(join(tmpdir(), 'pw-summarize-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const TEXT =
  'The Federal Communications Commission voted on Thursday to ban new Huawei equipment. Commissioners said the gear posed a national security risk. Huawei said it would challenge the decision in court. The ban covers routers and cameras.';

describe('policywire summarize --jsonl', () => {
  it('writes one {"id","summary"} line per input line and an {"id","error"} line for each bad one', async () => {
    const input = [
      JSON.stringify({ id: 'a1', text: TEXT }),
      'this is not json',
      JSON.stringify({ id: 7, title: 'FCC bans new Huawei equipment', text: TEXT }),
      '',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'bad-title', text: TEXT, title: 42 }),
      '[1,2]',
    ].join('\n');
    const { code, stdout } = runCli(['summarize', '--jsonl'], {}, input, cwd);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0].id).toBe('a1');
    expect(lines[0].summary).toContain('Huawei');
    expect(TEXT).toContain(lines[0].summary.split('. ')[0]);
    expect(lines[1]).toEqual({ id: null, error: expect.stringMatching(/line 2: not valid JSON/) });
    expect(lines[2]).toEqual({ id: 7, summary: expect.any(String) });
    expect(lines[3]).toEqual({
      id: 'no-text',
      error: expect.stringMatching(/"text" must be a non-empty string/),
    });
    expect(lines[4]).toEqual({
      id: 'bad-title',
      error: expect.stringMatching(/"title", when given, must be a string/),
    });
    expect(lines[5]).toEqual({ id: null, error: expect.stringMatching(/expected a JSON object/) });
    expect(code).toBe(1);
  });

  it('exits 0 when every line was summarized', async () => {
    const { code, stdout } = runCli(
      ['summarize', '--jsonl'],
      {},
      `${JSON.stringify({ id: 1, text: TEXT })}\n`,
      cwd,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      id: 1,
      summary: expect.stringContaining('Federal Communications Commission'),
    });
  });

  it('without --jsonl, explains the expected input and exits 2', async () => {
    const { code, stderr } = runCli(['summarize'], {}, '', cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: policywire summarize --jsonl/);
  });
});
