import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONSOLE_TENANT } from '../core/tenant.ts';
import { composeTopicVolume, MAX_CHART_DAYS } from '../core/topic-volume.ts';
import { type ExitCode, parseFlags, UsageError, withApp } from './shared.ts';

const USAGE = 'usage: policywire chart <topic|query>... [--days 30] --out file.png';
/** More lines than this make a chart nobody can read. */
const MAX_TOPICS = 6;

function parseDays(value: string | undefined): number {
  if (value === undefined) return 30;
  const days = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(days >= 14 && days <= MAX_CHART_DAYS))
    throw new UsageError(`--days "${value}" must be a whole number from 14 to ${MAX_CHART_DAYS}`);
  return days;
}

/** `policywire chart <topic...> [--days 30] --out file.png`: draws the topics' stories per day as a PNG. */
export async function chartVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { days: { type: 'string' }, out: { type: 'string' } },
  });
  const names = positionals.map((topic) => topic.trim()).filter(Boolean);
  if (names.length === 0 || !values.out)
    throw new UsageError(`${USAGE}\n  each topic is a topic name (export-controls) or a quoted query`);
  if (names.length > MAX_TOPICS) throw new UsageError(`at most ${MAX_TOPICS} topics in one chart`);
  if (!values.out.toLowerCase().endsWith('.png')) throw new UsageError('--out must name a .png file');
  const days = parseDays(values.days);
  const out = resolve(values.out);
  return withApp('warn', async (app) => {
    const topics = await Promise.all(names.map((name) => app.core.topics.resolve(CONSOLE_TENANT, name)));
    const chart = await composeTopicVolume(
      { articles: app.core.articles, topics: app.core.topics },
      { tenant: CONSOLE_TENANT, topics, now: app.core.clock.now(), days },
    );
    const image = await app.charts.topicVolume(chart);
    await writeFile(out, image.png);
    process.stdout.write(`${out}\n${image.alt}\n`);
    return 0;
  });
}
