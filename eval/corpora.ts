import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One evaluation document: a headline (may be empty), the body and its reference summaries. */
export interface EvalDoc {
  id: string;
  title: string;
  text: string;
  references: string[];
}

/** ../shared/corpora relative to the repository root (overridable with CORPORA_DIR for the runner). */
export const CORPORA_DIR = resolve(
  process.env.CORPORA_DIR ?? new URL('../../shared/corpora', import.meta.url).pathname,
);

/** SummEval: 100 CNN/DailyMail test articles (`src`) with 11 reference summaries (`ref_summs`) each. */
export function loadSummEval(): EvalDoc[] | string {
  const file = join(CORPORA_DIR, 'summeval', 'SummEval.json');
  if (!existsSync(file)) return `missing ${file}`;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { src: string; ref_summs: string[] }>;
  return Object.entries(data).map(([id, doc]) => ({
    id,
    title: '',
    text: doc.src,
    references: doc.ref_summs,
  }));
}

/** BBC News Summary: first line of each article is its headline; the summary sits under the same name. */
export function loadBbc(categories: string[]): EvalDoc[] | string {
  const root = join(CORPORA_DIR, 'bbc-news-summary');
  if (!existsSync(root)) return `missing ${root}`;
  const docs: EvalDoc[] = [];
  for (const category of categories) {
    const dir = join(root, 'articles', category);
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const raw = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n');
      const [title = '', ...body] = raw.split('\n');
      const summaryFile = join(root, 'summaries', category, name);
      if (!existsSync(summaryFile)) continue;
      // The reference runs its sentences together ("boxes.The author"): put the space back.
      const summary = readFileSync(summaryFile, 'utf8').replace(/([.!?]["']?)(?=[A-Z])/g, '$1 ');
      docs.push({
        id: `${category}/${name}`,
        title: title.trim(),
        text: body.join('\n').trim(),
        references: [summary],
      });
    }
  }
  return docs;
}
