import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import type { Core } from '../../../src/core/core.ts';
import { createSilentLogger } from '../../../src/logger.ts';

/** Pipes lines into a console chat the way `printf … | policywire chat` does, and returns what it printed. */
export async function chatOnConsole(core: Core, lines: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const adapter = createConsoleAdapter({
    core,
    logger: createSilentLogger(),
    input,
    output,
    interactive: false,
  });
  await adapter.start();
  input.end(lines);
  await adapter.done;
  return printed;
}
