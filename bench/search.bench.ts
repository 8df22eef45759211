import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { coldStart } from './search-cold-start.ts';
import type { EngineReport } from './search-engine.ts';
import { loadTechArticles, toArticles } from './tech-corpus.ts';

const execFileAsync = promisify(execFile);
const ENGINE_SCRIPT = fileURLToPath(new URL('./search-engine.ts', import.meta.url));
const ENGINES = ['policywire', 'minisearch', 'flexsearch'] as const;

const Options = z.object({
  /** Cut every body to this many characters for a quick run; full text by default. */
  cut: z.coerce.number().int().positive().optional(),
  sizes: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'sizes is a comma-separated list of article counts, e.g. --sizes=17159,100000')
    .optional(),
  engines: z.string().optional(),
  'cold-start': z.enum(['yes', 'no']).default('yes'),
});

/** `--name=value` options from the command line (run.ts passes them through). */
export function benchOptions(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of argv) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (match) out[match[1]!] = match[2] ?? '2000';
  }
  return out;
}

/** Runs one engine in a fresh Node process, so its build and memory are measured alone. */
export async function runEngine(engine: string, articles: number, cut?: number): Promise<EngineReport> {
  const args = ['--max-old-space-size=20000', '--import', 'tsx', ENGINE_SCRIPT, engine, String(articles)];
  if (cut !== undefined) args.push(String(cut));
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as EngineReport;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Prints one engine comparison as a table with each peer's figure as a multiple of ours. */
export function printReports(reports: EngineReport[]): void {
  const [ours, ...peers] = reports;
  if (!ours) return;
  const cell = (text: string) => text.padStart(13);
  console.log(
    `  ${''.padEnd(24)}${reports.map((r) => cell(r.engine)).join('')}${peers.map((p) => cell(`${p.engine.slice(0, 5)}/ours`)).join('')}`,
  );
  const row = (label: string, value: (r: EngineReport) => number, unit: string, digits: number) =>
    console.log(
      `  ${label.padEnd(24)}${reports.map((r) => cell(`${value(r).toFixed(digits)} ${unit}`)).join('')}${peers
        .map((p) => cell(`${(value(p) / value(ours)).toFixed(1)}x`))
        .join('')}`,
    );
  row('build (wall)', (r) => r.buildMs / 1000, 's', 1);
  row('build (CPU)', (r) => r.buildCpuMs / 1000, 's', 1);
  row('memory (heap + buffers)', (r) => r.memoryMb, 'MB', 0);
  for (const label of Object.keys(ours.latency)) {
    row(`${label} p50`, (r) => r.latency[label]!.p50, 'ms', 2);
    row(`${label} p99`, (r) => r.latency[label]!.p99, 'ms', 2);
    row(`${label} p99 (CPU)`, (r) => r.latency[label]!.cpuP99, 'ms', 2);
  }
  const agreement = ours.agreement;
  if (agreement) {
    const share = (100 * agreement.agreed) / agreement.queries;
    console.log(
      `  top-5 agreement of the fast path with exhaustive scoring: ${agreement.agreed}/${agreement.queries} (${share.toFixed(1)}%; goal >= 99%)${agreement.differing.length > 0 ? `; differing: ${agreement.differing.slice(0, 5).join(' | ')}` : ''}`,
    );
  }
  console.log(
    `  our index: ${ours.terms} terms; load average ${ours.load.map((l) => l.toFixed(1)).join(' ')} at the end of our run`,
  );
}

/**
 * Build time, memory and query latency of our index, MiniSearch and FlexSearch, each engine in its own
 * fresh process over the same replicated corpus and queries (full text unless --cut=N), then cold start.
 * Options: --cut[=chars] --sizes=17159,100000 --engines=policywire,minisearch --cold-start=no
 */
export async function run(): Promise<void> {
  const rows = loadTechArticles();
  if (!rows) return;
  const parsed = Options.safeParse(benchOptions(process.argv.slice(2)));
  if (!parsed.success) {
    console.error(`search bench: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return;
  }
  const options = parsed.data;
  const sizes = options.sizes ? options.sizes.split(',').map(Number) : [rows.length, 100_000];
  const engines = options.engines ? options.engines.split(',') : [...ENGINES];
  for (const size of sizes) {
    console.log(
      `\nSearch bench: ${size} articles (${rows.length} tech articles replicated with new ids and dates), ${options.cut ? `bodies cut to ${options.cut} chars` : 'full text'} for every engine, each in its own process; load average ${load()} at the start (2 shared cores: wall times are noisy, CPU times steadier)`,
    );
    const reports: EngineReport[] = [];
    for (const engine of engines) reports.push(await runEngine(engine, size, options.cut));
    printReports(reports);
  }
  if (options['cold-start'] === 'yes') await coldStart(toArticles(rows, 100_000));
}
