import { runAll } from '../scripts/run-all.ts';

// Runs every bench/*.bench.ts in turn, or only those whose names contain the given arguments.
await runAll(new URL('.', import.meta.url), '.bench.ts', process.argv.slice(2));
