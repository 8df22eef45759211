import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The code a child process can reach: the CLI's, and the tests' helpers and worker scripts. */
const CODE_DIRS = ['src', 'commands', 'digests', 'tests'];

/** Every .ts file under `dir`, as paths relative to the repository root. */
async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/**
 * One file as plain JavaScript: the same esbuild transform tsx applies, with relative `.ts` specifiers
 * pointing at the `.js` twins and import.meta.url kept as the source file's own, so paths the code finds
 * next to itself (samples/, slack/manifest.json, the extraction worker) are the repository's.
 */
async function compile(file: string, outDir: string): Promise<void> {
  const source = await readFile(join(ROOT, file), 'utf8');
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcefile: join(ROOT, file),
    sourcemap: 'inline',
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  const out = code
    .replace(/((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, '$1$2$3.js$2')
    .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(join(ROOT, file)).href));
  const target = join(outDir, file.replace(/\.ts$/, '.js'));
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, out);
}

/**
 * Compiles the sources once per test run into a private folder of the repository (so node_modules
 * resolves as it does for bin/policywire.js) and hands it to the tests as PW_TEST_BUILD, the CLI's entry
 * as PW_TEST_CLI. A child process then starts in plain Node instead of going through tsx's loader thread
 * for each of its ~300 modules, which cost each of the suite's many children about two seconds of CPU.
 * tests/cli/bin.test.ts still runs bin/policywire.js itself.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const outDir = join(ROOT, '.test-build', String(process.pid));
  await rm(outDir, { recursive: true, force: true });
  const files = (await Promise.all(CODE_DIRS.map(tsFiles))).flat();
  await Promise.all(files.map((file) => compile(file, outDir)));
  const entry = join(outDir, 'cli-entry.js');
  await writeFile(entry, "await import('./src/cli.js');\n");
  process.env.PW_TEST_BUILD = outDir;
  process.env.PW_TEST_CLI = entry;
  return () => rm(outDir, { recursive: true, force: true });
}
