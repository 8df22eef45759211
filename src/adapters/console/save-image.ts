import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplyImage } from '../../core/reply.ts';

/** Where the console saves a reply's pictures unless told otherwise. */
export const DEFAULT_IMAGE_DIR = join(tmpdir(), 'policywire-charts');

/**
 * Saves a reply's picture to a file in `dir`, since a terminal cannot show it, and returns the path to
 * print. The name comes from the channel, the moment and the image, reduced to safe characters.
 */
export async function saveReplyImage(dir: string, channelId: string, image: ReplyImage): Promise<string> {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${safe(channelId)}-${Date.now()}-${safe(image.name)}`);
  await writeFile(path, image.png);
  return path;
}
