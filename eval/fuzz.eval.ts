import { commands } from '../commands/index.ts';
import { fuzzCommand, openFuzzCore } from '../tests/helpers/fuzz-commands.ts';

/** Lines per command in the long run: 8 commands × 12,500 = 100,000 lines. */
const LINES_PER_COMMAND = 12_500;

/**
 * The fuzz suite of tests/commands/dispatch.property.test.ts at ten times its `npm test` size: random and
 * hostile lines through the dispatcher, every reply rendered on console, Slack and Discord and checked.
 */
export async function run(): Promise<void> {
  const fuzz = await openFuzzCore();
  const started = Date.now();
  let total = 0;
  let failures = 0;
  try {
    console.log(
      `\nFuzz: ${LINES_PER_COMMAND.toLocaleString('en')} lines per command, ${commands.length} commands`,
    );
    for (const command of commands) {
      const result = await fuzzCommand({ host: fuzz, command: command.name, lines: LINES_PER_COMMAND });
      total += result.lines;
      if (result.failure) failures++;
      const rate = Math.round(result.lines / (result.ms / 1000));
      console.log(
        `  /${command.name.padEnd(14)} ${String(result.lines).padStart(6)} lines  ${(result.ms / 1000).toFixed(1).padStart(6)} s  ${String(rate).padStart(6)} lines/s  ${result.failure ? `FAILED: ${result.failure}` : 'ok'}`,
      );
    }
  } finally {
    await fuzz.close();
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `  total ${total.toLocaleString('en')} lines in ${seconds.toFixed(1)} s: ${failures === 0 ? 'every invariant held' : `${failures} command(s) failed`}`,
  );
}
