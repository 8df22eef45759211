import { PassThrough, type Writable } from 'node:stream';
import { createConsoleAdapter, DM_MARK } from '../../src/adapters/console/console-adapter.ts';
import { type ChannelRef, directChannelId } from '../../src/core/ports/chat-adapter.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import type { Json, StoredMessage } from '../fakes/fake-discord.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import {
  CONTRACT_CHANNELS,
  type ContractSubject,
  describeChatAdapterContract,
} from './chat-adapter.contract.ts';
import { messageViolations } from './discord/discord-rules.ts';
import { startHarness as startDiscord } from './discord/harness.ts';
import { fakeDmChannel } from './slack/fake-slack.ts';
import { startSlackHarness } from './slack/harness.ts';

const ids = (prefix: string) => Array.from({ length: CONTRACT_CHANNELS }, (_, i) => `${prefix}${i + 1}`);

describeChatAdapterContract('console', async (): Promise<ContractSubject> => {
  const t = await createTestCore();
  const writes: string[] = [];
  let failure: 'permanent' | 'retryable' | undefined;
  // A terminal at the wire: it takes text, or fails a write the way a closed pipe or a full one does.
  const terminal = {
    write(chunk: string, done: (error?: Error | null) => void) {
      const kind = failure;
      failure = undefined;
      if (kind) {
        const code = kind === 'permanent' ? 'EPIPE' : 'EAGAIN';
        done(Object.assign(new Error(`write ${code}`), { code }));
        return false;
      }
      writes.push(chunk);
      done(null);
      return true;
    },
    on() {
      return terminal;
    },
  } as unknown as Writable;
  const adapter = createConsoleAdapter({
    core: t.core,
    digests: t.digests,
    settings: t.settings,
    stores: t.stores,
    logger: createSilentLogger(),
    input: new PassThrough(),
    output: terminal,
    interactive: false,
  });
  const printedFor = (channelId: string) => {
    const header = new RegExp(`^\\[${channelId}\\](?: ↳ in reply to (\\S+))?(?: ${DM_MARK} \\S+)?\\n`);
    return writes.filter((text) => header.test(text)).map((text) => ({ texts: [text] }));
  };
  return {
    adapter,
    channels: ids('console-').map((id) => ({ tenant: CONSOLE_TENANT, id })),
    user: 'console-user',
    direct: (userId) => printedFor(directChannelId(userId)),
    posted: (channel) => {
      // What the console printed for one channel; a reply names its parent on the header line.
      const header = new RegExp(`^\\[${channel.id}\\](?: ↳ in reply to (\\S+))?\\n`);
      return writes.flatMap((text) => {
        const match = header.exec(text);
        if (!match) return [];
        return [{ texts: [text], ...(match[1] === undefined ? {} : { inReplyTo: match[1] }) }];
      });
    },
    violations: () => [],
    failNext(kind) {
      failure = kind;
    },
    close: () => t.close(),
  };
});

describeChatAdapterContract('Slack, against its fake Web API', async (): Promise<ContractSubject> => {
  const h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-contract' }, (fake) =>
    fake.addTeam({
      teamId: 'T0CONTRACT',
      botToken: 'xoxb-contract',
      botUserId: 'U0BOT',
      botId: 'B0BOT',
      users: { U0ADMIN: { is_admin: true }, U0MEMBER: {} },
    }),
  );
  const blockTexts = (blocks: Json[]): string[] =>
    blocks.flatMap((block) => [
      ...(block.text?.text === undefined ? [] : [block.text.text as string]),
      ...((block.elements ?? []) as Json[]).map((element) => element.text as string),
    ]);
  const postedTo = (channelId: string) =>
    h.fake.posted
      .filter((message) => message.channel === channelId)
      .map((message) => ({
        texts: [message.text, ...blockTexts(message.blocks as Json[])],
        ...(message.threadTs === undefined ? {} : { inReplyTo: message.threadTs }),
      }));
  return {
    adapter: h.adapter,
    channels: ids('C0CONTRACT').map((id) => ({ tenant: { platform: 'slack', id: 'T0CONTRACT' }, id })),
    user: 'U0MEMBER',
    direct: (userId) => postedTo(fakeDmChannel(userId)),
    posted: (channel: ChannelRef) => postedTo(channel.id),
    violations: () => [...h.fake.violations],
    failNext(kind) {
      // Both arrive as HTTP 200 with ok:false, as Slack answers them; the WebClient does not retry them.
      h.fake.script('chat.postMessage', {
        body: { ok: false, error: kind === 'permanent' ? 'channel_not_found' : 'internal_error' },
      });
    },
    close: () => h.close(),
  };
});

describeChatAdapterContract('Discord, against its fake REST', async (): Promise<ContractSubject> => {
  const guild = { id: '400000000000000077', name: 'Contract', channelIds: ids('5000000000000007') };
  const h = await startDiscord({ guilds: [guild], connect: false });
  const embedTexts = (embed: Json): string[] =>
    [
      embed.title,
      embed.description,
      embed.footer?.text,
      embed.author?.name,
      ...((embed.fields ?? []) as Json[]).flatMap((field) => [field.name, field.value]),
    ].filter((text): text is string => typeof text === 'string');
  const asPosted = (message: StoredMessage) => ({
    texts: [
      ...(message.content === undefined ? [] : [message.content]),
      ...message.embeds.flatMap(embedTexts),
    ],
  });
  return {
    adapter: h.adapter,
    channels: guild.channelIds.map((id) => ({ tenant: { platform: 'discord', id: guild.id }, id })),
    user: '300000000000000077',
    direct: (userId) => h.fake.directMessages(userId).map(asPosted),
    posted: (channel) =>
      h.fake.messages(channel.id).map((message) => ({
        texts: [
          ...(message.content === undefined ? [] : [message.content]),
          ...message.embeds.flatMap(embedTexts),
        ],
        ...(message.replyTo === undefined ? {} : { inReplyTo: message.replyTo }),
      })),
    violations: () => guild.channelIds.flatMap((id) => h.fake.messages(id).flatMap(messageViolations)),
    failNext(kind) {
      const path = /^\/channels\/\d+\/messages$/;
      if (kind === 'permanent')
        h.fake.script('POST', path, [{ status: 403, body: { message: 'Missing Permissions', code: 50013 } }]);
      // The harness's REST client retries twice: an outage outlasts all three tries.
      else h.fake.script('POST', path, Array(3).fill({ status: 503 }));
    },
    close: () => h.close(),
  };
});
