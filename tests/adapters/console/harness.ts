import { PassThrough } from 'node:stream';
import {
  type ConsoleAdapterOptions,
  createConsoleAdapter,
} from '../../../src/adapters/console/console-adapter.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import type { TestCore } from '../../helpers/temp-store.ts';

/** A console chat on piped input and output, not started; `printed()` is everything it wrote so far. */
export function consoleOn(
  host: Pick<TestCore, 'core' | 'digests' | 'settings' | 'stores'>,
  extra: Partial<Pick<ConsoleAdapterOptions, 'imageDir'>> = {},
) {
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
    ...extra,
  });
  return { adapter, input, printed: () => printed };
}

/** Pipes lines into a console chat the way `printf … | policywire chat` does, and returns what it printed. */
export async function chatOnConsole(
  host: Pick<TestCore, 'core' | 'digests' | 'settings' | 'stores'>,
  lines: string,
): Promise<string> {
  const { adapter, input, printed } = consoleOn(host);
  await adapter.start();
  input.end(lines);
  await adapter.done;
  return printed();
}
