import { runAll } from '../scripts/run-all.ts';

const args = process.argv.slice(2);
// `npm run bench -- scale [--articles=… --backends=…]`: the 100k-article scale-out bench. It takes tens of
// minutes and needs Redis and PostgreSQL, so it is asked for by name, never part of the default set.
if (args[0] === 'scale') await import('./scale.ts');
// Otherwise every bench/*.bench.ts in turn, or only those whose names contain the given arguments.
else await runAll(new URL('.', import.meta.url), '.bench.ts', args);
