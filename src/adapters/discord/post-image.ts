import { type REST, Routes } from 'discord.js';
import type { ReplyImage } from '../../core/reply.ts';

/** Discord caps an attachment's description (its alt text) at 1024 characters. */
const MAX_DESCRIPTION = 1024;

/**
 * Posts a reply's picture as a message attachment: a multipart request with the PNG in `files[0]` and its
 * metadata (file name, alt text) in `attachments`, under a thread's card when `threadOf` is given.
 */
export async function postImage(
  rest: REST,
  channelId: string,
  image: ReplyImage,
  threadOf?: string,
): Promise<string> {
  const created = (await rest.post(Routes.channelMessages(channelId), {
    body: {
      content: `**${image.title}**`,
      attachments: [{ id: 0, filename: image.name, description: image.alt.slice(0, MAX_DESCRIPTION) }],
      allowed_mentions: { parse: [] },
      ...(threadOf === undefined
        ? {}
        : { message_reference: { message_id: threadOf, fail_if_not_exists: false } }),
    },
    files: [{ name: image.name, data: Buffer.from(image.png), contentType: 'image/png' }],
  })) as { id: string };
  return created.id;
}
