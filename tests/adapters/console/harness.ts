import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import type { TestCore } from '../../helpers/temp-store.ts';

/** Pipes lines into a console chat the way `printf … | policywire chat` does, and returns what it printed. */
export async function chatOnConsole(
  host: Pick<TestCore, 'core' | 'digests' | 'settings' | 'stores'>,
  lines: string,
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const adapter = createConsoleAdapter({
    core: host.core,
    digests: host.digests,
    settings: host.settings,
    stores: host.stores,
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
