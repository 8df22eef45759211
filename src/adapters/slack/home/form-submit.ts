import type { CommandContext } from '../../../../commands/define.ts';
import { dispatch } from '../../../../commands/dispatch.ts';
import { findCommand } from '../../../../commands/index.ts';
import type { Reply } from '../../../core/reply.ts';
import { truncate } from '../../../core/text/truncate.ts';
import type { FormValues, HomeForm } from './home-forms.ts';

/** Longest error we put under an input; Slack shows it in a single line beneath the field. */
const MAX_ERROR = 300;

/** A submission's outcome: the command's reply, or the errors to show under the form's inputs. */
export type FormOutcome = { reply: Reply } | { errors: Record<string, string> };

/**
 * Runs a Home modal's answers through the shared command, exactly as the chat would: the same
 * dispatch, so the same admin check and zod schema decide. A refusal or failure comes back as errors
 * on the form's inputs, an option's own validation error under that option's input.
 */
export async function submitHomeForm(
  form: HomeForm,
  values: FormValues,
  ctx: Omit<CommandContext, 'channel'>,
): Promise<FormOutcome> {
  const { options, channelId } = form.read(values);
  if (form.needsChannel && !channelId)
    return { errors: { channel: 'Choose the channel the digest goes to.' } };
  const reply = await dispatch(
    { name: form.command, options },
    { ...ctx, channel: { platform: ctx.tenant.platform, id: channelId ?? 'app-home' } },
  );
  if (reply.kind !== 'notice' || reply.level !== 'error') return { reply };
  return { errors: placeErrors(form, options, reply) };
}

/**
 * Which input shows the error: when the command refused an option, the zod issues say which (the
 * same schema dispatch used); anything else (rights, a source already refused by the SSRF guard)
 * goes under the form's main input.
 */
function placeErrors(form: HomeForm, options: Record<string, unknown>, reply: Reply & { kind: 'notice' }) {
  const parsed = findCommand(form.command)?.options.safeParse(options);
  const errors: Record<string, string> = {};
  if (parsed && !parsed.success && reply.text.includes(parsed.error.issues[0]?.message ?? '\u0000')) {
    for (const issue of parsed.error.issues) {
      const block = form.fields[String(issue.path[0] ?? '')] ?? form.primary;
      errors[block] ??= truncate(issue.message, MAX_ERROR);
    }
    return errors;
  }
  errors[form.primary] = truncate(reply.hint ? `${reply.text} ${reply.hint}` : reply.text, MAX_ERROR);
  return errors;
}
