import type { ReplyImage } from '../../core/reply.ts';

/** The part of the WebClient an image upload calls: `files.uploadV2` (getUploadURLExternal, upload, complete). */
export interface FileUploadClient {
  files: {
    uploadV2(args: {
      channel_id: string;
      file: Buffer;
      filename: string;
      title: string;
      alt_text: string;
      thread_ts?: string;
    }): Promise<unknown>;
  };
}

/** True when the client can upload files (a WebClient can; a test double of chat.postMessage may not). */
export function canUpload(client: object): client is FileUploadClient {
  const files = (client as { files?: { uploadV2?: unknown } }).files;
  return typeof files?.uploadV2 === 'function';
}

/** Uploads a reply's picture into a channel (under a thread when given); resolves with the file id. */
export async function uploadReplyImage(
  client: FileUploadClient,
  channel: string,
  image: ReplyImage,
  threadOf?: string,
): Promise<string> {
  const result = (await client.files.uploadV2({
    channel_id: channel,
    file: Buffer.from(image.png),
    filename: image.name,
    title: image.title,
    // Slack caps alt text at 1000 characters.
    alt_text: image.alt.slice(0, 1000),
    ...(threadOf === undefined ? {} : { thread_ts: threadOf }),
  })) as { files?: { files?: { id?: string }[] }[] };
  return result.files?.[0]?.files?.[0]?.id ?? '';
}
