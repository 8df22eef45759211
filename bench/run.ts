import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Runs every bench/*.bench.ts in turn; each exports `run()`. Branches add files without touching this one.
const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only.length > 0 && !only.some((name) => file.includes(name))) continue;
  const module = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    console.error(`${file}: exports no run(); skipped`);
    continue;
  }
  await module.run();
}
