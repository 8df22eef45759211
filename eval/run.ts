import { readdirSync } from 'node:fs';

/** Runs every eval/*.eval.ts in name order; each exports `run()`. */
const dir = new URL('./', import.meta.url);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.eval.ts'))
  .sort()) {
  console.log(`\n=== ${file} ===`);
  const module = (await import(new URL(file, dir).href)) as { run: () => Promise<void> };
  await module.run();
}
