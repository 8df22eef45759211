import { describe, expect, it } from 'vitest';
import { type FunctionLength, functionsOf, longFunctions } from '../../scripts/function-lengths.mjs';

/** The project's limit: a function longer than this is split into named parts. */
const MAX_LINES = 80;

const describeFn = (fn: FunctionLength) => `${fn.file}:${fn.line} ${fn.name} (${fn.lines} lines)`;

describe('function size', () => {
  const long: FunctionLength[] = longFunctions(['src', 'commands', 'digests'], MAX_LINES);

  // No exception list: the last six long functions were split, so any function past the limit fails here.
  it(`finds no function over ${MAX_LINES} lines in src, commands or digests`, () => {
    expect(long.map(describeFn)).toEqual([]);
  });

  it('measures functions, arrows and methods from first line to last, named by what holds them', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      `export function declared() {\n${body(3)}\n}`,
      `const arrow = () => {\n${body(1)}\n};`,
      `const object = { run: async () => {\n${body(2)}\n} };`,
      `class Thing { method() {\n${body(4)}\n} }`,
    ].join('\n');
    const found: FunctionLength[] = functionsOf('sample.ts', text);
    expect(found.map(({ name, line, lines }) => ({ name, line, lines }))).toEqual([
      { name: 'declared', line: 1, lines: 5 },
      { name: 'arrow', line: 6, lines: 3 },
      { name: 'run', line: 9, lines: 4 },
      { name: 'method', line: 13, lines: 6 },
    ]);
  });
});
