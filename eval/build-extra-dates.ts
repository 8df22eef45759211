import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CORPORA } from './lib/corpora.ts';
import { EXTRA_DATE_SETS, type LabelledPage } from './lib/date-pages.ts';

/**
 * Builds the labelled date sets beyond ../shared (docs/dates.md, rounds 4, 5 and 7) from bare git mirrors of
 * their repositories, in the shared corpus's layout: `<out>/<set>/labels.json` + `pages/`. No page is
 * committed: this script is how another machine gets them back. Usage:
 *   npx tsx eval/build-extra-dates.ts [--mirrors=/work/.mirror] [--out=<dir>]
 * A mirror is `<mirrors>/<owner>+<name>/repo` (what the search tool's `fetch` brings). Every set, page and
 * label that cannot be had is printed as absent; nothing is guessed.
 */

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MIRRORS = arg('mirrors') ?? '/work/.mirror';
const OUT = arg('out') ?? EXTRA_DATE_SETS;

/** One repository at the commit its set is pinned to. */
interface Source {
  repo: string;
  commit: string;
}

const HTMLDATE: Source = { repo: 'adbar/htmldate', commit: 'b8952828329abaeeb3be21387b526f2be614ce67' };
const NEWSPAPER4K: Source = {
  repo: 'AndyTheFactory/newspaper4k',
  commit: '540bff3e8344cb8291c4829fafd98860f30d9692',
};
const GOOSE3: Source = { repo: 'goose3/goose3', commit: 'c5a8902eed0c4592a1ff5ec51a0277cf73a3aca7' };
const FUNDUS: Source = { repo: 'flairNLP/fundus', commit: '18da6e53592f99cf0ac5770dc63d6ba99ba63ae8' };

const gitDir = (source: Source) => join(MIRRORS, source.repo.replace('/', '+'), 'repo');

/** The bytes of a file at the pinned commit, or undefined when the mirror lacks it (over 4 MiB, say). */
function show(source: Source, path: string): Buffer | undefined {
  try {
    return execFileSync('git', ['--git-dir', gitDir(source), 'show', `${source.commit}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** File names directly under a folder at the pinned commit (NUL-separated, so non-ASCII names stay whole). */
function list(source: Source, folder: string): string[] {
  const out = execFileSync('git', [
    '--git-dir',
    gitDir(source),
    'ls-tree',
    '-z',
    '--name-only',
    source.commit,
    `${folder}/`,
  ]);
  return out
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((path) => path.slice(folder.length + 1));
}

/** A JSON file of the pinned commit; Python's bare NaN (MediaCloud's "no date") reads as null. */
function json<T>(source: Source, path: string): T | undefined {
  const bytes = show(source, path);
  return bytes && (JSON.parse(bytes.toString('utf8').replace(/\bNaN\b/g, 'null')) as T);
}

/** The day a label's timestamp names as written ("2014-06-30T16:54:02+00:00" -> 2014-06-30), or null. */
function dayOf(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** A set's pages as the builder found them, and what it could not find. */
interface Built {
  labels: LabelledPage[];
  pages: Map<string, Buffer>;
  absent: string[];
}

const built = (): Built => ({ labels: [], pages: new Map(), absent: [] });

function add(set: Built, bytes: Buffer, label: LabelledPage): void {
  set.pages.set(label.file, bytes);
  set.labels.push(label);
}

/** htmldate's MediaCloud 2020 set: `tests/eval_mediacloud_2020.json` over `tests/test_set/`. */
function mediaCloud(): Built {
  const set = built();
  const entries = json<Record<string, { file: string; date: string | null }>>(
    HTMLDATE,
    'tests/eval_mediacloud_2020.json',
  );
  if (!entries) return { ...set, absent: ['tests/eval_mediacloud_2020.json'] };
  for (const [url, { file, date }] of Object.entries(entries)) {
    const bytes = show(HTMLDATE, `tests/test_set/${file}`);
    if (!bytes) set.absent.push(`tests/test_set/${file}`);
    else add(set, bytes, { file, url, date: dayOf(date) });
  }
  return set;
}

/** htmldate's `tests/eval_default.json` pages (in `tests/eval/` or `tests/cache/`) whose URL ../shared's 657 lack. */
function defaultExtra(sharedLabels: LabelledPage[]): Built {
  const set = built();
  const entries = json<Record<string, { file: string; date: string }>>(HTMLDATE, 'tests/eval_default.json');
  if (!entries) return { ...set, absent: ['tests/eval_default.json'] };
  const shared = new Set(sharedLabels.map((label) => label.url));
  for (const [url, { file, date }] of Object.entries(entries)) {
    if (shared.has(url)) continue;
    // Two of its pages sit in tests/cache/, beside the unit tests' pages.
    const bytes = show(HTMLDATE, `tests/eval/${file}`) ?? show(HTMLDATE, `tests/cache/${file}`);
    if (!bytes) set.absent.push(`tests/eval/${file}`);
    else add(set, bytes, { file, url, date: dayOf(date) });
  }
  return set;
}

/** newspaper4k's pages with expected metadata: `tests/data/html/X.html` labelled by `metadata/X.json`. */
function newspaper4k(): Built {
  const set = built();
  for (const name of list(NEWSPAPER4K, 'tests/data/metadata').filter((n) => n.endsWith('.json'))) {
    const file = name.replace(/\.json$/, '.html');
    const meta = json<{ url?: string; publish_date?: string | null }>(
      NEWSPAPER4K,
      `tests/data/metadata/${name}`,
    );
    const bytes = show(NEWSPAPER4K, `tests/data/html/${file}`);
    if (!bytes || !meta) set.absent.push(`tests/data/html/${file}`);
    else add(set, bytes, { file, url: meta.url ?? '', date: dayOf(meta.publish_date) });
  }
  return set;
}

/** goose3's fixtures whose expected JSON names a publish_date (`tests/data/<kind>/X.html` + `X.json`). */
function goose3(): Built {
  const set = built();
  for (const kind of list(GOOSE3, 'tests/data')) {
    for (const name of list(GOOSE3, `tests/data/${kind}`).filter((n) => n.endsWith('.json'))) {
      const expected = json<{ url?: string; expected?: { publish_date?: string } }>(
        GOOSE3,
        `tests/data/${kind}/${name}`,
      );
      const stated = expected?.expected?.publish_date;
      if (!stated) continue;
      const file = `${kind}-${name.replace(/\.json$/, '.html')}`;
      const bytes = show(GOOSE3, `tests/data/${kind}/${name.replace(/\.json$/, '.html')}`);
      // goose3 writes some expected dates the Java way ("Sun Nov 23 16:00:00 EDT 2014").
      const day =
        dayOf(stated) ?? dayOf(new Date(`${stated.replace(/ [A-Z]{3} (\d{4})$/, ' $1')}Z`).toISOString());
      if (!bytes) set.absent.push(`tests/data/${kind}/${file}`);
      else add(set, bytes, { file, url: expected?.url ?? '', date: day });
    }
  }
  return set;
}

/**
 * fundus's parser fixtures: per publisher `X.json` holds one expected article per parser version (V1, V2,
 * ...) and `X_YYYY_MM_DD.html.gz` one page per version, the version being the one current at that crawl
 * date (tests/utility.py), so the pages sorted by date pair with the versions in order. The crawl time
 * (`meta.info`) is the page's fetch time.
 */
function fundus(): Built {
  const set = built();
  const root = 'tests/resources/parser/test_data';
  for (const country of list(FUNDUS, root).filter((n) => !n.includes('.'))) {
    const names = list(FUNDUS, `${root}/${country}`);
    const info = json<Record<string, { url: string; crawl_date: string }>>(
      FUNDUS,
      `${root}/${country}/meta.info`,
    );
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const publisher = name.replace(/\.json$/, '');
      const versions =
        json<Record<string, { publishing_date?: string }>>(FUNDUS, `${root}/${country}/${name}`) ?? {};
      const htmls = names
        .filter((n) => new RegExp(`^${publisher}_\\d{4}_\\d\\d_\\d\\d\\.html\\.gz$`).test(n))
        .sort();
      const ordered = Object.keys(versions).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      if (htmls.length !== ordered.length) {
        set.absent.push(`${country}/${publisher}: ${htmls.length} pages for ${ordered.length} versions`);
        continue;
      }
      for (const [i, version] of ordered.entries()) {
        const html = htmls[i] ?? '';
        const bytes = show(FUNDUS, `${root}/${country}/${html}`);
        const file = `${country}-${html.replace(/\.gz$/, '')}`;
        const meta = info?.[html];
        if (!bytes) {
          set.absent.push(`${root}/${country}/${html}`);
          continue;
        }
        const date = dayOf(versions[version]?.publishing_date);
        const fetched = meta?.crawl_date ? crawlTime(meta.crawl_date) : undefined;
        add(set, gunzipSync(bytes), { file, url: meta?.url ?? '', date, fetched: fetched?.toISOString() });
      }
    }
  }
  return set;
}

/** fundus's crawl time: UTC with microseconds, once with an offset ("2024-05-03 18:19:08.721370"). */
function crawlTime(value: string): Date | undefined {
  const iso = value.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  const time = new Date(/[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function write(name: string, set: Built): void {
  const folder = join(OUT, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'pages'), { recursive: true });
  for (const [file, bytes] of set.pages) writeFileSync(join(folder, 'pages', file), bytes);
  writeFileSync(join(folder, 'labels.json'), `${JSON.stringify(set.labels, null, 1)}\n`);
  const undated = set.labels.filter((label) => label.date === null).length;
  console.log(`${name}: ${set.labels.length} pages (${undated} labelled no date) -> ${folder}`);
  for (const absent of set.absent) console.log(`  absent: ${absent}`);
}

/** Whether the mirror holds the pinned commit. */
function hasCommit(source: Source): boolean {
  try {
    execFileSync('git', ['--git-dir', gitDir(source), 'cat-file', '-e', `${source.commit}^{commit}`], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

const builders: [string, Source, () => Built | undefined][] = [
  ['mediacloud', HTMLDATE, mediaCloud],
  [
    'default-extra',
    HTMLDATE,
    () => {
      const shared = loadSharedLabels();
      return shared ? defaultExtra(shared) : undefined;
    },
  ],
  ['newspaper4k', NEWSPAPER4K, newspaper4k],
  ['goose3', GOOSE3, goose3],
  ['fundus', FUNDUS, fundus],
];

/** ../shared's htmldate labels, or undefined (said so) when the shared corpus is absent. */
function loadSharedLabels(): LabelledPage[] | undefined {
  const path = `${CORPORA}htmldate-dates/labels.json`;
  // Without ../shared's labels every eval_default.json page would count as extra: build nothing then.
  if (!existsSync(path)) {
    console.log(`default-extra: absent (it needs ${path} to tell which pages are beyond it)`);
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as LabelledPage[];
}

for (const [name, source, build] of builders) {
  if (!existsSync(gitDir(source)))
    console.log(`${name}: absent (no mirror of ${source.repo} at ${gitDir(source)})`);
  else if (!hasCommit(source))
    console.log(`${name}: absent (the mirror of ${source.repo} lacks ${source.commit})`);
  else {
    const built = build();
    if (built) write(name, built);
  }
}
