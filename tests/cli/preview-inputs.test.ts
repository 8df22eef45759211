import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

describe('policywire preview of input it does not take', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'preview.sqlite')}` };
  afterAll(() => temp.cleanup());

  it('refuses a folder in one line that names what preview and ingest take', () => {
    const folder = join(temp.dir, 'feeds');
    mkdirSync(folder);
    const result = runCli(['preview', folder], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `policywire: ${folder} is a folder: preview takes a file or an http(s) URL (ingest takes folders)\n`,
    );
  });

  it('says only http(s) URLs and local files are read when given another scheme, not "no such file"', () => {
    const result = runCli(['preview', 'ftp://127.0.0.1/feed.xml'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^policywire: ftp:\/\/127\.0\.0\.1\/feed\.xml: preview reads only http\(s\) URLs and local files\n/,
    );
    expect(result.stderr).not.toMatch(/no such file/);
  });
});

describe('policywire preview and ingest agree on which files hold an article', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'agree.sqlite')}` };
  afterAll(() => temp.cleanup());
  const GRANT =
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software to deal in it without restriction. ';
  const PROSE =
    'Lawmakers agreed the final text of the data act on Thursday after months of talks, setting new rules for who may use device data. ';

  it('refuses a file without an extension with the reason ingest gives for it', () => {
    const license = join(temp.dir, 'LICENSE');
    writeFileSync(license, `MIT License\n\n${GRANT.repeat(8)}\n`);
    const ingest = runCli(['ingest', license, '--json'], env);
    const reason = JSON.parse(ingest.stdout).items[0].reason;
    expect(reason).toMatch(/unsupported file type "none"/);
    const preview = runCli(['preview', license], env);
    expect(preview.code).toBe(1);
    expect(preview.stderr).toContain(`policywire: ${license}: ${reason}\n`);
  });

  it('shows a .txt article that ingest stores, headline first, instead of refusing it', () => {
    const story = join(temp.dir, 'data-act.txt');
    writeFileSync(story, `Data act agreed\n\n${PROSE.repeat(4)}\n`);
    expect(JSON.parse(runCli(['ingest', story, '--json'], env).stdout).items[0].status).toBe('added');
    const preview = runCli(['preview', story, '--json'], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ kind: 'article', title: 'Data act agreed' });
  });
});
