import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command, CommandContext, CommandSettings } from '../../../commands/define.ts';
import { dispatchLine, parseCommandLine } from '../../../commands/dispatch.ts';
import { findCommand } from '../../../commands/index.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Core } from '../../core/core.ts';
import { type ChatAdapter, directChannelId, directUserOf } from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import { apology, type Reply } from '../../core/reply.ts';
import { replyVisibility } from '../../core/reply-visibility.ts';
import { errorReference } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { createPostOnce } from '../shared/post-once.ts';
import { rememberCards } from '../shared/remember-cards.ts';
import { storyMessagesOf } from '../shared/story-messages.ts';
import { consoleContext } from './console-context.ts';
import { renderText } from './render-text.ts';
import { DEFAULT_IMAGE_DIR, saveReplyImage } from './save-image.ts';

/** Marks an answer that Slack and Discord would show only to the person who asked. */
export const PRIVATE_MARK = '[only you] ';

/** Marks a direct message to one person, which Slack and Discord would send to their DMs. */
export const DM_MARK = '✉ direct message to';

/** The one person at the terminal: the console tenant's only member and admin. */
export const CONSOLE_USER = 'console-user';

/** Options of the console chat. */
export interface ConsoleAdapterOptions {
  core: Core;
  /** The digest services the composition root built. */
  digests: DigestServices;
  /** The configured settings commands apply. */
  settings: CommandSettings;
  /** The store connection, for the posted-message memory that keeps a retried post from repeating. */
  stores: Stores;
  logger: Logger;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting: on for a terminal, off for piped input. */
  interactive: boolean;
  /** Where a reply's picture (a digest's chart) is saved, its path printed; a temp folder by default. */
  imageDir?: string;
}

/** The local console chat: reads `/news huawei` lines and prints each answer; the first ChatAdapter. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ChatAdapter & { done: Promise<void> } {
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  // A terminal that goes away (EPIPE) emits 'error'; without a listener that would end the process.
  options.output.on('error', (error: unknown) =>
    options.logger.warn({ err: error }, 'console output failed'),
  );
  const ctx = consoleContext(
    {
      core: options.core,
      digests: options.digests,
      settings: options.settings,
      logger: options.logger.child({ adapter: 'console' }),
    },
    { channelId: 'console', userId: CONSOLE_USER },
  );
  const post = createConsolePost(options, ctx.logger);

  return {
    platform: 'console',
    done,
    async start() {
      rl = createInterface({ input: options.input, terminal: false });
      if (options.interactive) {
        options.output.write('Policy Wire console. Try /news huawei, or /help. Ctrl-D quits.\n');
        options.output.write('> ');
      }
      answerLines(rl, ctx, options, resolveDone);
    },
    async stop() {
      rl?.close();
    },
    post,
    dm: (tenant, userId, reply, postOptions) =>
      post({ tenant, id: directChannelId(userId) }, reply, postOptions),
    adminIds: async () => [CONSOLE_USER],
  };
}

/** Answers each line read, one at a time and in order, even when piped in faster than we answer; `onDone` once all are. */
function answerLines(
  rl: ReturnType<typeof createInterface>,
  ctx: CommandContext,
  options: Pick<ConsoleAdapterOptions, 'output' | 'interactive'>,
  onDone: () => void,
): void {
  const tryWrite = (text: string, end = '\n') => {
    try {
      options.output.write(`${text}${end}`);
    } catch {
      // The output itself is failing; the log line already says what went wrong.
    }
  };
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      // A failure here must not reject the queue: every later line would be dropped and `done` never settle.
      try {
        const trimmed = line.trim();
        if (trimmed) {
          const reply = await dispatchLine(trimmed, ctx);
          const text = renderAnswer(reply, commandOf(trimmed));
          options.output.write(`${text}\n`);
          await rememberAnswer(ctx, reply, commandOf(trimmed), text);
        }
      } catch (error) {
        const ref = errorReference();
        ctx.logger.error({ err: error, ref }, 'console line failed');
        tryWrite(renderAnswer(apology(ref)));
      }
      if (options.interactive) tryWrite('> ', '');
    });
  });
  rl.on('close', () => {
    void queue.then(() => onDone());
  });
}

let answers = 0;

/**
 * Remembers the cards of a public answer (`/news huawei`) as a digest's are, under an id of its own, so a
 * story update prints beneath it ("↳ in reply to …") and the console behaves like a channel. Never throws.
 */
async function rememberAnswer(ctx: CommandContext, reply: Reply, command: Command | undefined, text: string) {
  if (replyVisibility(reply, command) !== 'channel') return;
  const id = `console-answer-${Date.now()}-${++answers}`;
  await rememberCards(
    ctx.digests,
    { tenant: ctx.tenant, channelId: ctx.channel.id, reply, rendered: [text], messageIds: [id] },
    ctx.core.clock.now(),
    ctx.logger,
  );
}

/** A post's first line: the channel, or the person a direct message goes to. */
function header(channelId: string): string {
  const user = directUserOf(channelId);
  return user ? `[${channelId}] ${DM_MARK} ${user}` : `[${channelId}]`;
}

/** Posting to a "channel" of the console: printed under its name, once per key, a thread reply indented. */
function createConsolePost(
  options: Pick<ConsoleAdapterOptions, 'stores' | 'logger' | 'output' | 'imageDir'>,
  logger: Logger,
): ChatAdapter['post'] {
  const posted = createPostOnce({ stores: options.stores, logger: options.logger });
  let sequence = 0;
  return async (channel, reply, postOptions) => {
    const body = renderText(reply);
    const mention = postOptions?.mention ? `@${postOptions.mention.label ?? postOptions.mention.id} ` : '';
    // A reply under an earlier post is indented beneath it, as a thread reads in a channel.
    const text =
      postOptions?.threadOf === undefined
        ? `${header(channel.id)}\n${mention}${body}`
        : `[${channel.id}] ↳ in reply to ${postOptions.threadOf}\n${`${mention}${body}`.replace(/^/gm, '  ')}`;
    try {
      const key = posted.keyOf(channel, reply, 0, text, postOptions);
      const id = await posted.send(channel, key, async () => {
        const image = reply.kind === 'digest' ? reply.image : undefined;
        const saved = image
          ? `\n${image.title}: ${await saveReplyImage(options.imageDir ?? DEFAULT_IMAGE_DIR, channel.id, image)}`
          : '';
        await writeOut(options.output, `${text}${saved}\n`);
        return `console-${Date.now()}-${++sequence}`;
      });
      await posted.prune();
      return { ok: true, messageIds: [id], storyMessages: storyMessagesOf(reply, [text], [id]) };
    } catch (error) {
      const failure = classifyWriteError(error);
      logger.warn({ channel: channel.id, ...failure }, 'console post failed');
      return { ok: false, ...failure };
    }
  };
}

/**
 * An answer as the terminal shows it. One person reads the console, but it is where a team tries the
 * bot out, so answers that a channel would not see are marked, by the same policy as every platform.
 */
function renderAnswer(reply: Reply, command?: Command): string {
  const text = renderText(reply);
  return replyVisibility(reply, command) === 'ephemeral' ? `${PRIVATE_MARK}${text}` : text;
}

function commandOf(line: string): Command | undefined {
  const parsed = parseCommandLine(line);
  return parsed ? findCommand(parsed.name) : undefined;
}

/** Output errors after which no later write can succeed: nobody is reading any more. */
const GONE = new Set(['EPIPE', 'EBADF', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** A failed write as a post result: permanent when the output is gone, else worth another try (EAGAIN). */
function classifyWriteError(error: unknown): { retryable: boolean; error: string } {
  const code = (error as { code?: unknown })?.code;
  const message = (error as Error)?.message ?? String(error);
  return { retryable: !(typeof code === 'string' && GONE.has(code)), error: message.slice(0, 200) };
}

/** Writes and waits until the output took the text, or failed to. */
function writeOut(output: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      output.write(text, (error) => (error ? reject(error) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
