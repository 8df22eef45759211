import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Runs every bench/*.bench.ts in turn (each exports `run()`); `npm run bench -- name` runs the matching ones. */
const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter)))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const mod = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<void> };
  if (typeof mod.run === 'function') await mod.run();
  else console.log(`${file} exports no run(); skipped`);
}
