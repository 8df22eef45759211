import { UserError } from '../../errors.ts';
import { unprintableProblem } from '../text/printable.ts';

/** Longest topic name; names are slugs people type, e.g. `open-banking`. */
export const MAX_TOPIC_NAME = 40;
/** Longest alias or label of a topic. */
export const MAX_ALIAS = 80;
/** Longest source name. */
export const MAX_SOURCE_NAME = 100;

/** NFC, trimmed, inner whitespace collapsed: the form a name is stored and shown in. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The form two names are compared in: normalized, then case-folded (`Huawei` and `HUAWEI` are one name). */
export function foldName(text: string): string {
  return normalizeText(text).normalize('NFKC').toLowerCase();
}

/**
 * A free-text name (alias, label, source name) as stored: printable, normalized, 1..max characters.
 * Throws a UserError naming `what` and saying what was wrong.
 */
export function cleanName(raw: string, what: string, max: number): string {
  const problem = unprintableProblem(raw);
  if (problem) throw new UserError('invalid_option', `That ${what} is not valid: ${problem}.`);
  const value = normalizeText(raw);
  if (!value) throw new UserError('invalid_option', `The ${what} is empty.`);
  if ([...value].length > max) {
    throw new UserError(
      'invalid_option',
      `That ${what} is too long (${[...value].length} characters); ${max} at most.`,
    );
  }
  return value;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A topic name as typed, checked and folded: `Open-Banking` → `open-banking`. Only letters, digits and
 * dashes are allowed, so no name can collide with an object property such as `__proto__`.
 */
export function cleanTopicName(raw: string): string {
  const name = foldName(cleanName(raw, 'topic name', MAX_TOPIC_NAME));
  if (!SLUG.test(name)) {
    throw new UserError(
      'invalid_option',
      `"${name.slice(0, MAX_TOPIC_NAME)}" is not a valid topic name.`,
      'Names are lower-case letters, digits and dashes, e.g. open-banking.',
    );
  }
  return name;
}

/** Aliases checked one by one, duplicates (after case folding) dropped, first spelling kept. */
export function cleanAliases(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const alias of raw) {
    const clean = cleanName(alias, 'alias', MAX_ALIAS);
    const key = foldName(clean);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}
