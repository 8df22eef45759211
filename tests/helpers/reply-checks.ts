import type { Reply } from '../../src/core/reply.ts';

/** The names that once found Object.prototype's properties when looked up on a plain object. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'prototype',
] as const;

/** Every text of a reply a person reads, except story links (bundled samples have file:// links by design). */
export function replyTexts(reply: Reply): string[] {
  switch (reply.kind) {
    case 'notice':
      return [reply.text, reply.hint ?? ''];
    case 'list':
      return [reply.title, reply.footer ?? '', ...reply.items.flatMap((i) => [i.label, i.detail ?? ''])];
    case 'stories':
      return [
        reply.title,
        reply.footer ?? '',
        ...reply.stories.flatMap((s) => [s.title, s.summary, s.source]),
      ];
    case 'digest':
      return [
        reply.title,
        reply.subtitle ?? '',
        reply.footer ?? '',
        ...reply.sections.flatMap((s) => [s.topic, ...s.stories.flatMap((c) => [c.title, c.summary])]),
      ];
  }
}

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s+at \S+ \(|\bat (file:|node:|\/)/],
  ['a file path', /(\/work\/|\/tmp\/|\/home\/|node_modules|[A-Za-z]:\\|\.tsx?:\d+)/],
  [
    'an internal error name',
    /\b(TypeError|ReferenceError|RangeError|SyntaxError|ZodError|UserError|SqliteError|SQLITE_\w+|ECONN\w+|ERR_[A-Z_]+)\b/,
  ],
  ['a raw JavaScript value', /\[object Object\]|function \w*\(|\bundefined\b|\bNaN\b/],
];

/**
 * What a reply text leaks that a user must never see, or undefined when it is clean. Text the user typed
 * (`input`) may be echoed back: a match found in it is not a leak.
 */
export function leakIn(text: string, input = ''): string | undefined {
  for (const [what, pattern] of LEAKS) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of text.matchAll(global)) {
      if (!input.includes(match[0])) return `${what} in ${JSON.stringify(text)}`;
    }
  }
  return undefined;
}

/** Object.prototype's own property names and their types, to show nothing polluted it. */
export function prototypeFingerprint(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((name) => `${name}:${typeof (Object.prototype as Record<string, unknown>)[name]}`)
    .join(',');
}
