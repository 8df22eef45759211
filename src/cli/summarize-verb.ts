import { createInterface } from 'node:readline';
import { loadConfig } from '../config.ts';
import type { Summarizer } from '../core/ports/summarizer.ts';
import { createSummarizer } from '../core/summarize/create-summarizer.ts';
import { createExtractiveSummarizer } from '../core/summarize/extractive.ts';
import { createLogger } from '../logger.ts';
import { type ExitCode, parseFlags, UsageError } from './shared.ts';

const USAGE =
  'usage: policywire summarize --jsonl [--extractive] < in.jsonl > out.jsonl\n' +
  '  each input line: {"id": ..., "text": "...", "title": "..." (optional)}; each output line: {"id", "summary"} or {"id", "error"}';

/** `policywire summarize --jsonl`: one summary line per article line, for evaluation and scripting. */
export async function summarizeVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { jsonl: { type: 'boolean' }, extractive: { type: 'boolean' } },
  });
  if (!values.jsonl || positionals.length > 0) throw new UsageError(USAGE);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL ?? 'warn');
  const summarizer = values.extractive ? createExtractiveSummarizer() : createSummarizer(config, logger);
  let failed = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const result = await summarizeLine(line, lineNumber, summarizer);
    if ('error' in result) failed += 1;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failed > 0 ? 1 : 0;
}

type LineResult = { id: unknown; summary: string } | { id: unknown; error: string };

/** Summarizes one JSONL line; anything wrong with it becomes an error line, never an exception. */
export async function summarizeLine(
  line: string,
  lineNumber: number,
  summarizer: Summarizer,
): Promise<LineResult> {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNumber}: not valid JSON; expected {"id": ..., "text": "..."}` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { id: null, error: `line ${lineNumber}: expected a JSON object like {"id": ..., "text": "..."}` };
  const { id = null, text, title } = record as { id?: unknown; text?: unknown; title?: unknown };
  if (typeof text !== 'string' || !text.trim())
    return { id, error: `line ${lineNumber}: "text" must be a non-empty string` };
  if (title !== undefined && typeof title !== 'string')
    return { id, error: `line ${lineNumber}: "title", when given, must be a string` };
  try {
    return { id, summary: await summarizer.summarize({ title: title ?? '', text }) };
  } catch (error) {
    return {
      id,
      error: `line ${lineNumber}: could not summarize: ${(error as Error)?.message ?? String(error)}`,
    };
  }
}
