import { z } from 'zod';
import { FOLLOW_ID_EXAMPLES, type FollowTarget, parseFollowId } from '../src/core/policy/follow-id.ts';
import { UserError } from '../src/errors.ts';

/** The id option of /follow and /unfollow: checked for length here, recognised by parseFollowId. */
export const followIdOption = z
  .string({ error: `name what to follow: ${FOLLOW_ID_EXAMPLES}` })
  .trim()
  .min(1, { error: `name what to follow: ${FOLLOW_ID_EXAMPLES}` })
  .max(200, { error: 'that id is too long (200 characters at most)' });

/** The reminder option: days before closing as `7,1`, or `off`. */
export const remindOption = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (/^(off|none|no)$/i.test(value)) return [];
    const days = value
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    if (days.length === 0 || days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) {
      ctx.addIssue({
        code: 'custom',
        message: 'remind takes up to five whole days from 1 to 60, e.g. remind:7,1, or remind:off',
      });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => b - a);
  });

/** Reads a followable id or says, with examples, what the forms are. */
export function followTargetOf(id: string, now: Date): FollowTarget {
  const target = parseFollowId(id, now);
  if (target) return target;
  // `remind 7,1` without its colon is read as part of the id: name the slip rather than only the id forms.
  const option = /\s(remind|tz)\s/i.exec(id)?.[1]?.toLowerCase();
  throw new UserError(
    'invalid_option',
    `"${id.slice(0, 60)}" is not an id Policy Wire can follow.`,
    option
      ? `Options take a colon after their name, e.g. /follow <id> ${option === 'tz' ? 'tz:Europe/London' : 'remind:7,1'}.`
      : `Try ${FOLLOW_ID_EXAMPLES}.`,
  );
}
