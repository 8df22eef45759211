import { runAll } from '../scripts/run-all.ts';

// Runs every eval/*.eval.ts in turn, or only those whose names contain the given arguments.
await runAll(new URL('.', import.meta.url), '.eval.ts', process.argv.slice(2));
