import fc from 'fast-check';
import { dispatchLine } from '../../commands/dispatch.ts';
import { commands } from '../../commands/index.ts';
import { renderText } from '../../src/adapters/console/render-text.ts';
import { renderReply } from '../../src/adapters/discord/render-embeds.ts';
import { blockKitViolations, type SlackMessage } from '../../src/adapters/slack/block-kit.ts';
import { renderSlackMessages } from '../../src/adapters/slack/render-blocks.ts';
import type { Reply } from '../../src/core/reply.ts';
import { type Tenant, tenantKey } from '../../src/core/tenant.ts';
import { messageViolations } from '../adapters/discord/discord-rules.ts';
import { leakIn, PROTOTYPE_NAMES, prototypeFingerprint, replyTexts } from './reply-checks.ts';
import { createSilentLogger } from './silent-logger.ts';
import { createSeededCore, type TestCore } from './temp-store.ts';
import { changedRecords, invalidRecords, snapshotRecords } from './tenant-records.ts';

const HOSTILE = [
  ...PROTOTYPE_NAMES,
  '\u001b[31m',
  'evil\u202egnp',
  '\u0000',
  '\u0007',
  '\u200b',
  '<!channel>',
  '<@U123>',
  '@everyone',
  '*bold*',
  '_it_',
  '`code`',
  '[x](https://evil.example)',
  '"',
  '“',
  '"open',
  'close"',
  '--replace',
  '—replace',
  'a'.repeat(120),
  '🙂',
  'e\u0301',
  // Regex metacharacters, split so the linter does not read `${}` as a template slip.
  `.*+?^$${'{}'}()|[]\\`,
];
const FILTERS = [
  'since:7d',
  'since:abc',
  'since:99999d',
  'before:2026-11-01',
  'before:2026-13-45',
  'source:reuters',
  'topic:huawei',
  'topic:constructor',
  'topic:__proto__',
  'jurisdiction:eu',
  'agency:ftc',
  'page:2',
  'page:0',
  'page:-1',
  'page:abc',
  'page:51',
];
const URLS = [
  'https://example.org/feed.xml',
  'http://a.example/',
  'ftp://files.example/x',
  'javascript:alert(1)',
  'https://',
  'https://example.org/constructor',
  'https://user:pass@example.org/',
];
const TOPIC_WORDS = ['huawei', 'ai-regulation', 'open-banking', 'export controls', 'all', 'Huawei', 'HUAWEI'];
const SCHEDULE = [
  'at',
  '08:00',
  '25:99',
  '7am',
  'tz',
  'Europe/London',
  'Mars/Base',
  'weekdays',
  'mon,wed',
  'daily',
];

/** The words each command is most likely to take, on top of the hostile ones every command gets. */
const COMMAND_WORDS: Record<string, string[]> = {
  news: [...FILTERS, 'huawei', 'spying', '"spying claims"', '-china', 'export'],
  topics: ['list', 'add', 'remove', 'ADD', 'rename', ...TOPIC_WORDS, '"open banking"'],
  sources: ['list', 'add', 'remove', ...URLS, 'FTC'],
  subscribe: [...TOPIC_WORDS, ...SCHEDULE],
  unsubscribe: TOPIC_WORDS,
  subscriptions: ['list'],
  digest: TOPIC_WORDS,
  help: [...commands.map((c) => c.name), '/news'],
};

/** Random command lines for one command: its own words, hostile words, filters and random text. */
export function commandLine(command: string): fc.Arbitrary<string> {
  const own = COMMAND_WORDS[command] ?? [];
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...own, ...FILTERS.slice(0, 3)) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );
  const joiner = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n');
  return fc
    .tuple(
      fc.array(fc.tuple(word, joiner), { maxLength: 8 }),
      fc.constantFrom(command, command.toUpperCase()),
    )
    .map(([words, name]) => `/${name} ${words.map(([w, j]) => `${w}${j}`).join('')}`);
}

/** Lines dispatched at once. */
const BATCH = 4;

/** What is wrong with one reply on any platform (echoes of `input` aside), or an empty list. */
export function replyProblems(reply: Reply, input = ''): string[] {
  const problems: string[] = [];
  if (!['stories', 'notice', 'list', 'digest'].includes(reply.kind))
    problems.push(`reply kind ${reply.kind}`);
  for (const text of replyTexts(reply)) {
    const leak = leakIn(text, input);
    if (leak) problems.push(leak);
    if (/something went wrong on our side/.test(text)) problems.push('an internal error');
  }
  const printed = renderText(reply);
  if ([...printed].some((c) => c !== '\n' && c !== '\t' && /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(c))) {
    problems.push(`console: a control character in ${JSON.stringify(printed.slice(0, 200))}`);
  }
  for (const message of renderSlackMessages(reply)) {
    problems.push(...blockKitViolations(message).map((p) => `slack: ${p}`));
    // Slack parses the fallback text and mrkdwn objects (plain_text headers it shows as typed). Our own markup
    // there is only <http…|label> links and <!date^…> dates: any other `<` came from input.
    const parsed = [message.text, ...mrkdwnTexts(message.blocks)];
    for (const text of parsed) {
      if (/<(?!https?:\/\/|!date\^)/.test(text)) problems.push(`slack: raw < in ${text.slice(0, 120)}`);
    }
  }
  for (const message of renderReply(reply)) {
    problems.push(...messageViolations(message).map((p) => `discord: ${p}`));
    if (/@(everyone|here)/.test(JSON.stringify(message))) problems.push('discord: a live @everyone/@here');
  }
  return problems;
}

function mrkdwnTexts(blocks: SlackMessage['blocks']): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'section' && block.text.type === 'mrkdwn') out.push(block.text.text);
    if (block.type === 'context')
      out.push(...block.elements.filter((e) => e.type === 'mrkdwn').map((e) => e.text));
  }
  return out;
}

/** The tenant fuzzed lines run in, and another whose records they must never touch. */
export const FUZZ_TENANT: Tenant = { platform: 'slack', id: 'TFUZZ' };
export const OTHER_TENANT: Tenant = { platform: 'slack', id: 'TOTHER' };

/**
 * A seeded core wired as the composition root wires it (digest services on the core's topic service),
 * with a topic and a source of OTHER_TENANT that no fuzzed line may change.
 */
export async function openFuzzCore(): Promise<TestCore> {
  const t = await createSeededCore();
  await t.core.topics.add(OTHER_TENANT, {
    name: 'open-banking',
    label: 'Open banking',
    query: 'open banking',
    aliases: [],
    builtIn: false,
  });
  await t.core.sources.put(OTHER_TENANT, 'src1', {
    id: 'src1',
    url: 'https://example.org/feed.xml',
    name: 'Example',
    intervalMinutes: 15,
    createdAt: '2026-11-01T00:00:00.000Z',
    health: { itemsSeen: 0, failures: 0 },
  });
  return t;
}

/** The result of fuzzing one command. */
export interface FuzzResult {
  command: string;
  lines: number;
  ms: number;
  failure?: string;
}

/**
 * Sends `lines` random lines of one command through the dispatcher in tenant `tenant` (mostly as an admin,
 * so they write), renders every reply on console, Slack and Discord, and checks the invariants; every
 * `checkEvery` lines and at the end, every stored record must pass its schema and `other`'s must be unchanged.
 */
export async function fuzzCommand(options: {
  host: Pick<TestCore, 'core' | 'digests' | 'settings' | 'stores'>;
  command: string;
  lines: number;
  tenant?: Tenant;
  other?: Tenant;
  seed?: number;
  checkEvery?: number;
}): Promise<FuzzResult> {
  const { host, command, lines } = options;
  const core = host.core;
  const tenant = options.tenant ?? FUZZ_TENANT;
  const other = options.other ?? OTHER_TENANT;
  const checkEvery = options.checkEvery ?? 2000;
  const logger = createSilentLogger();
  const before = await snapshotRecords(host.stores);
  const fingerprint = prototypeFingerprint();
  let sent = 0;
  const storeProblems = async (): Promise<string[]> => {
    const now = await snapshotRecords(host.stores);
    const changed = changedRecords(before, now, tenantKey(other));
    return [
      ...invalidRecords(now),
      ...changed.map((key) => `another tenant's record changed: ${key}`),
      ...(prototypeFingerprint() === fingerprint ? [] : ['Object.prototype changed']),
    ];
  };
  // Lines go out in small concurrent batches, the way chat platforms deliver them, which also overlaps the
  // store's I/O waits; the seed still regenerates the same lines.
  const batch = Math.min(BATCH, lines);
  const oneLine = fc.tuple(commandLine(command), fc.boolean(), fc.nat(9));
  // Every line typed so far: a reply may echo what an earlier line stored (a topic's alias in /topics list),
  // and what the user typed is theirs to see again, not a leak.
  let typed = '';
  const property = fc.asyncProperty(
    fc.array(oneLine, { minLength: batch, maxLength: batch }),
    async (inputs) => {
      const replies = await Promise.all(
        inputs.map(([line, quiet, roll]) =>
          dispatchLine(line, {
            tenant,
            channel: { platform: tenant.platform, id: quiet ? 'C1' : 'C2' },
            user: { id: 'U1', isAdmin: roll < 8 },
            core,
            digests: host.digests,
            settings: host.settings,
            logger,
          }),
        ),
      );
      typed += `${inputs.map(([line]) => line).join('\n')}\n`;
      const problems = replies.flatMap((reply, i) =>
        replyProblems(reply, typed).map((problem) => `${JSON.stringify(inputs[i]?.[0])}: ${problem}`),
      );
      sent += inputs.length;
      if (sent % checkEvery < inputs.length) problems.push(...(await storeProblems()));
      if (problems.length > 0) throw new Error(problems.slice(0, 3).join('; '));
    },
  );
  const started = Date.now();
  const result = await fc.check(property, {
    numRuns: Math.ceil(lines / batch),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const endProblems = await storeProblems();
  const ms = Date.now() - started;
  if (result.failed) {
    const error =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    return {
      command,
      lines: sent,
      ms,
      failure: `/${command} failed after ${sent} lines (replay with seed ${result.seed}, path "${result.counterexamplePath}"): ${JSON.stringify(result.counterexample)}: ${error}`,
    };
  }
  if (endProblems.length > 0) {
    return {
      command,
      lines,
      ms,
      failure: `/${command} (seed ${result.seed}): ${endProblems.slice(0, 3).join('; ')}`,
    };
  }
  return { command, lines, ms };
}
