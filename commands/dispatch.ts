import { adminRefusal, apology, notice, type Reply } from '../src/core/reply.ts';
import { unprintableProblem } from '../src/core/text/printable.ts';
import { errorReference, isUserError } from '../src/errors.ts';
import type { Command, CommandContext } from './define.ts';
import { commands as allCommands, findCommand } from './index.ts';

/** Raw input before validation: a command name and either free text or typed options. */
export type CommandInput =
  | { name: string; text: string }
  | { name: string; options: Record<string, unknown> };

/** Longest command line we read; longer input is refused before any parsing. */
export const MAX_LINE = 4000;

/** Splits a chat line like `/news huawei` into a command name and the text after it. */
export function parseCommandLine(line: string): { name: string; text: string } | undefined {
  const match = /^\s*\/([^\s]*)\s*([\s\S]*)$/.exec(line);
  if (!match) return undefined;
  return { name: match[1] ?? '', text: (match[2] ?? '').trim() };
}

/** Runs one command: validates options, checks rights, and turns every failure into a reply; never throws. */
export async function dispatch(
  input: CommandInput,
  ctx: CommandContext,
  registry: readonly Command[] = allCommands,
): Promise<Reply> {
  const command =
    registry === allCommands
      ? findCommand(input.name)
      : registry.find((c) => c.name === input.name.toLowerCase());
  if (!command) {
    const shown = input.name.slice(0, 40) || '(nothing)';
    return notice('error', `Unknown command /${shown}.`, 'Type /help to see the commands.');
  }
  const refusal = () => adminRefusal(`use /${command.name}`, ctx.channel.platform);
  if (command.admin && !ctx.user.isAdmin && !command.openWhen) return refusal();
  if ('text' in input && input.text.length > MAX_LINE) {
    return notice(
      'error',
      `That is too long (${input.text.length} characters).`,
      `Keep a command under ${MAX_LINE} characters.`,
    );
  }
  const clean = cleanInput(input);
  if ('problem' in clean) {
    return notice(
      'error',
      `That input cannot be used: ${clean.problem}.`,
      `Usage: ${command.usage.join('  |  ')}`,
    );
  }
  let raw: Record<string, unknown>;
  try {
    raw = 'text' in clean ? command.parseText(clean.text) : clean.options;
  } catch (error) {
    return internalError(error, ctx, command);
  }
  const parsed = command.options.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return notice(
      'error',
      `Invalid input: ${issue?.message ?? 'options do not match'}.`,
      `Usage: ${command.usage.join('  |  ')}`,
    );
  }
  if (command.admin && !ctx.user.isAdmin && !command.openWhen?.(parsed.data)) return refusal();
  try {
    return await command.run(ctx, parsed.data);
  } catch (error) {
    if (isUserError(error)) return notice('error', error.message, error.hint);
    // The store probe has logged the outage once; each failed command during it is not an error of ours.
    if (!(await ctx.core.health.check())) return storeUnreachable();
    return internalError(error, ctx, command);
  }
}

/** Runs a whole chat line (`/news huawei`), or explains what a command line looks like. */
export async function dispatchLine(line: string, ctx: CommandContext): Promise<Reply> {
  if (line.length > MAX_LINE) {
    return notice(
      'error',
      `That is too long (${line.length} characters).`,
      `Keep a command under ${MAX_LINE} characters.`,
    );
  }
  const parsed = parseCommandLine(line);
  if (!parsed)
    return notice(
      'error',
      'Commands start with a slash, e.g. /news huawei.',
      'Type /help to see the commands.',
    );
  return dispatch(parsed, ctx);
}

/**
 * Every string of the input in NFC with line breaks and tabs as spaces, or the reason it is refused:
 * control and bidi-override characters never reach a parser, a store or another user's screen.
 */
function cleanInput(input: CommandInput): CommandInput | { problem: string } {
  const clean = (value: string): string | { problem: string } => {
    const text = value.replace(/[\t\r\n]/g, ' ').normalize('NFC');
    const problem = unprintableProblem(text);
    return problem ? { problem } : text;
  };
  if ('text' in input) {
    const text = clean(input.text);
    return typeof text === 'string' ? { name: input.name, text } : text;
  }
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(input.options)) {
    const values = Array.isArray(value) ? value : [value];
    const cleaned: unknown[] = [];
    for (const item of values) {
      const result = typeof item === 'string' ? clean(item) : item;
      if (result && typeof result === 'object' && 'problem' in result) return result as { problem: string };
      cleaned.push(result);
    }
    entries.push([key, Array.isArray(value) ? cleaned : cleaned[0]]);
  }
  // fromEntries defines own properties: a key named `__proto__` cannot replace the object's prototype.
  return { name: input.name, options: Object.fromEntries(entries) };
}

/** What every command answers while the store is down. */
export function storeUnreachable(): Reply {
  return notice(
    'warning',
    'The news store is unreachable right now, try again in a minute.',
    'If this lasts, tell whoever runs Policy Wire.',
  );
}

function internalError(error: unknown, ctx: CommandContext, command: Command): Reply {
  const ref = errorReference();
  ctx.logger.error(
    { err: error, ref, command: command.name, tenant: ctx.tenant, user: ctx.user.id },
    'command failed',
  );
  return apology(ref);
}
