import { readdirSync } from 'node:fs';

/** Runs every bench/*.bench.ts in name order; each exports `run()`. */
const dir = new URL('./', import.meta.url);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  console.log(`\n=== ${file} ===`);
  const module = (await import(new URL(file, dir).href)) as { run: () => Promise<void> };
  await module.run();
}
