/** Runs every bench/*.bench.ts in turn; each exports `run(): Promise<void>` and prints its own figures. */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
  .sort();
for (const file of files) {
  console.log(`\n## ${file}`);
  const module = (await import(pathToFileURL(`${dir}/${file}`).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    console.log(`  skipped: ${file} exports no run()`);
    continue;
  }
  await module.run();
}
