import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Imports and runs every `<dir>/*<suffix>` module in name order, or those whose names contain a filter.
 * Arguments starting with `--` are options for the modules (they read process.argv), not filters.
 */
export async function runAll(dirUrl: URL, suffix: string, args: string[]): Promise<void> {
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const dir = fileURLToPath(dirUrl);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .filter((name) => filters.length === 0 || filters.some((part) => name.includes(part)))
    .sort();
  for (const file of files) {
    console.log(`\n### ${file}`);
    const module = (await import(new URL(file, dirUrl).href)) as { run: () => Promise<void> };
    await module.run();
  }
}
