import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commands } from '../../commands/index.ts';
import { buildSlackManifest, MANIFEST_PLACEHOLDER_URL } from '../adapters/slack/manifest.ts';
import { type ExitCode, parseFlags, UsageError } from './shared.ts';

/** The committed manifests: HTTP mode (with a placeholder host) and Socket Mode. */
export const MANIFEST_FILES = {
  http: fileURLToPath(new URL('../../slack/manifest.json', import.meta.url)),
  socket: fileURLToPath(new URL('../../slack/manifest.socket-mode.json', import.meta.url)),
};

/** The manifest exactly as committed or printed: two-space JSON and a final newline. */
export function manifestJson(options: { baseUrl: string; socketMode: boolean }): string {
  return `${JSON.stringify(buildSlackManifest(commands, options), null, 2)}\n`;
}

/**
 * `policywire slack-manifest [--url https://host] [--socket-mode] [--write]`: prints the Slack app
 * manifest for your host, ready to paste at api.slack.com/apps; --write regenerates the committed files.
 */
export async function slackManifestVerb(argv: string[]): Promise<ExitCode> {
  const { values } = parseFlags({
    args: argv,
    options: { url: { type: 'string' }, 'socket-mode': { type: 'boolean' }, write: { type: 'boolean' } },
  });
  if (values.write) {
    writeFileSync(
      MANIFEST_FILES.http,
      manifestJson({ baseUrl: MANIFEST_PLACEHOLDER_URL, socketMode: false }),
    );
    writeFileSync(
      MANIFEST_FILES.socket,
      manifestJson({ baseUrl: MANIFEST_PLACEHOLDER_URL, socketMode: true }),
    );
    process.stdout.write(`wrote ${MANIFEST_FILES.http}\nwrote ${MANIFEST_FILES.socket}\n`);
    return 0;
  }
  const url = values.url ?? MANIFEST_PLACEHOLDER_URL;
  if (!/^https:\/\/[^\s/]+/.test(url)) {
    throw new UsageError(
      `--url must be the app's public https address, e.g. https://policywire.example.org; got "${url}"`,
    );
  }
  process.stdout.write(manifestJson({ baseUrl: url, socketMode: Boolean(values['socket-mode']) }));
  return 0;
}
