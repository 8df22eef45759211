import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every .ts file below a folder of the repository, as a path relative to the root. */
function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  walk(folder);
  return out;
}

/** The relative imports of a file (static, dynamic and re-exports), resolved to repository paths. */
function relativeImports(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

/** Which layer a repository path belongs to; the dependency rule is stated over these. */
function layerOf(path: string): string {
  if (path.startsWith('src/core/')) return 'core';
  if (path.startsWith('src/adapters/')) return 'adapters';
  if (path.startsWith('src/cli/') || path === 'src/cli.ts') return 'cli';
  if (path === 'src/main.ts') return 'main';
  if (path.startsWith('src/ingest/')) return 'ingest';
  if (path.startsWith('src/charts/')) return 'charts';
  if (path.startsWith('commands/')) return 'commands';
  if (path.startsWith('digests/')) return 'digests';
  // Tests, benchmarks, evaluations and scripts are outside the product: nothing in it may import them.
  if (!path.startsWith('src/')) return 'outside';
  return 'shared'; // src/config.ts, src/errors.ts, src/logger.ts
}

/**
 * What each layer may import, pointing inward: core knows nothing outside itself (but the shared error and
 * logger types); ingest knows core; digests know core; commands know core and digests; adapters know those
 * and ingest; only the CLI and main see everything.
 */
const ALLOWED: Record<string, Set<string>> = {
  core: new Set(['core', 'shared']),
  shared: new Set(['shared']),
  ingest: new Set(['core', 'shared', 'ingest']),
  commands: new Set(['core', 'shared', 'commands', 'digests']),
  digests: new Set(['core', 'shared', 'digests']),
  charts: new Set(['core', 'shared', 'charts']),
  adapters: new Set(['core', 'shared', 'commands', 'digests', 'adapters', 'ingest']),
  main: new Set(['core', 'shared', 'commands', 'digests', 'adapters', 'ingest', 'charts', 'main']),
  cli: new Set(['core', 'shared', 'commands', 'digests', 'adapters', 'ingest', 'charts', 'main', 'cli']),
};

/** The outward imports in a set of files: each `from → to` that the rule above forbids. */
function outwardImports(files: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    for (const target of relativeImports(file, text)) {
      if (!ALLOWED[from]!.has(layerOf(target))) bad.push(`${file} → ${target}`);
    }
  }
  return bad;
}

/** Import cycles among the files, each as the loop of paths. */
function importCycles(files: Map<string, string>): string[][] {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files)
    graph.set(
      file,
      relativeImports(file, text).filter((t) => files.has(t)),
    );
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const project = new Map(
  ['src', 'commands', 'digests'].flatMap(sourceFiles).map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]),
);

describe('import boundaries', () => {
  it('finds no import in src, commands or digests that points outward', () => {
    expect(project.size).toBeGreaterThan(100);
    expect(outwardImports(project)).toEqual([]);
  });

  it('finds no import cycle', () => {
    expect(importCycles(project)).toEqual([]);
  });

  it('keeps chat SDKs out of core, commands and digests', () => {
    const sdk = /from\s+['"](@slack\/bolt|@slack\/web-api|discord\.js|@discordjs\/[^'"]+)['"]/;
    const offenders = [...project].filter(
      ([file, text]) => !/^src\/(adapters|cli)/.test(file) && sdk.test(text),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it('fails when core gains an import of an adapter, or digests one of the CLI', () => {
    const withBadImports = new Map(project);
    withBadImports.set(
      'src/core/news-service.ts',
      `${project.get('src/core/news-service.ts')}\nimport { x } from '../adapters/slack/block-kit.ts';\n`,
    );
    withBadImports.set(
      'digests/wire.ts',
      `import { y } from '../src/cli/shared.ts';\n${project.get('digests/wire.ts')}`,
    );
    expect(outwardImports(withBadImports)).toEqual([
      'src/core/news-service.ts → src/adapters/slack/block-kit.ts',
      'digests/wire.ts → src/cli/shared.ts',
    ]);
  });

  it('fails when product code imports a test helper', () => {
    const withTestImport = new Map(project);
    withTestImport.set(
      'src/core/news-service.ts',
      `import { z } from '../../tests/helpers/singleton-clusterer.ts';\n${project.get('src/core/news-service.ts')}`,
    );
    expect(outwardImports(withTestImport)).toEqual([
      'src/core/news-service.ts → tests/helpers/singleton-clusterer.ts',
    ]);
  });

  it('finds a cycle when two modules import each other', () => {
    const files = new Map([
      ['src/core/a.ts', "import { b } from './b.ts';"],
      ['src/core/b.ts', "import { a } from './a.ts';"],
    ]);
    expect(importCycles(files)).toEqual([['src/core/a.ts', 'src/core/b.ts', 'src/core/a.ts']]);
  });
});
