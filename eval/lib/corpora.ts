import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTechArticles, TECH_CORPUS } from '../../bench/tech-corpus.ts';
import { cleanArticleText } from '../../src/ingest/clean-text.ts';

/** Where the shared third-party corpora live: always ../shared/corpora beside the repository. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

/** The path of a corpus folder, or undefined (with a plain message) when it is not on this machine. */
export function corpus(name: string): string | undefined {
  const path = `${CORPORA}${name}`;
  if (existsSync(path)) return path;
  console.log(`corpus ${name} is not available at ${path}: skipped`);
  return undefined;
}

/** One evaluation document: a headline (may be empty), the body and its reference summaries. */
export interface EvalDoc {
  id: string;
  title: string;
  text: string;
  references: string[];
}

/** A SummEval document also carries the original CNN/DM highlight and SummEval's own Lead-3 output (M0). */
export interface SummEvalDoc extends EvalDoc {
  originalReference: string;
  lead3Output?: string;
}

/** SummEval: 100 CNN/DailyMail test articles (`src`) with 11 reference summaries (`ref_summs`) each. */
export function loadSummEval(): SummEvalDoc[] | string {
  const file = join(CORPORA, 'summeval', 'SummEval.json');
  if (!existsSync(file)) return `missing ${file}`;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    { src: string; ref_summs: string[]; ref_summ: string; sys_summs?: Record<string, { sys_summ: string }> }
  >;
  return Object.entries(data).map(([id, doc]) => ({
    id,
    title: '',
    text: doc.src,
    references: doc.ref_summs,
    originalReference: doc.ref_summ,
    lead3Output: doc.sys_summs?.M0?.sys_summ,
  }));
}

/** BBC News Summary: first line of each article is its headline; the summary sits under the same name. */
export function loadBbc(categories: string[]): EvalDoc[] | string {
  const root = join(CORPORA, 'bbc-news-summary');
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

/**
 * Tech-policy articles from the shared tech-articles corpus with reference summaries we wrote by reading
 * them (eval/tech-summaries.json): raw scraped text, cleaned the way a `.txt` ingest cleans it. `split`
 * picks the tuning half or the checking half.
 */
export function loadTechSummaries(split?: 'tune' | 'check'): EvalDoc[] | string {
  const rows = loadTechArticles();
  if (!rows) return `missing ${TECH_CORPUS}`;
  const file = new URL('../tech-summaries.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    articles: { id: number; split: 'tune' | 'check'; reference: string }[];
  };
  const byId = new Map(rows.map((row) => [row.id, row]));
  const docs: EvalDoc[] = [];
  for (const entry of data.articles) {
    const row = byId.get(entry.id);
    if (!row || (split && entry.split !== split)) continue;
    docs.push({
      id: `t${entry.id}`,
      title: row.title.replace(/\s*\|\s*[^|]+$/, '').trim() || row.title,
      text: cleanArticleText(row.text),
      references: [entry.reference],
    });
  }
  return docs;
}
