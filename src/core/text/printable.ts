// Controls (C0, DEL, C1), bidi embeddings/overrides/isolates and marks, and other invisible format characters
// except ZWNJ/ZWJ, which some scripts and emoji need. A bidi override can make `evil` show as `live`.
const FORBIDDEN =
  /[\p{Cc}\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\p{Cs}\p{Co}]/u;

/** What is wrong with text that reaches a name, or undefined when it is printable. */
export function unprintableProblem(text: string): string | undefined {
  const found = FORBIDDEN.exec(text);
  if (!found) return undefined;
  const code = found[0].codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind =
    code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'a control character' : 'an invisible character';
  return `it contains ${kind} (${hex}); type the text again without it`;
}

// The same set without the checks: what renderers drop from text that came from outside (an article).
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');

/** Text with every control, bidi-override and invisible format character removed, newlines and tabs kept. */
export function dropControls(text: string): string {
  return text.replace(FORBIDDEN_ALL, (c) => (c === '\n' || c === '\t' ? c : ''));
}
