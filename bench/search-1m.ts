import { printReports, runEngine } from './search.bench.ts';
import { loadTechArticles } from './tech-corpus.ts';

// A million articles (the corpus replicated with new ids and dates), our engine only: the peers would
// need hours and tens of gigabytes here. Run with `npm run bench:1m`; pass --cut=N to cut bodies.
const MILLION = 1_000_000;

const rows = loadTechArticles();
if (rows) {
  const cut = /^--cut(?:=(\d+))?$/.exec(process.argv.slice(2).find((a) => a.startsWith('--cut')) ?? '');
  const chars = cut ? Number(cut[1] ?? 2000) : undefined;
  console.log(
    `\nSearch bench at ${MILLION} articles (${rows.length} replicated), ${chars ? `bodies cut to ${chars} chars` : 'full text'}, our engine in its own process`,
  );
  printReports([await runEngine('policywire', MILLION, chars)]);
}
