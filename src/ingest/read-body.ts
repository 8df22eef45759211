import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** Why reading a body stopped early. */
export class BodyLimitError extends Error {
  constructor(
    readonly which: 'wire' | 'decoded',
    readonly limit: number,
  ) {
    super(which === 'wire' ? `body over ${limit} bytes` : `decompressed body over ${limit} bytes`);
  }
}

function decoderFor(encoding: string, firstChunk: Buffer): Transform | undefined {
  const name = encoding.trim().toLowerCase();
  if (name === 'gzip' || name === 'x-gzip') return createGunzip();
  if (name === 'br') return createBrotliDecompress();
  if (name === 'deflate') {
    // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: the header tells which.
    const b0 = firstChunk[0] ?? 0;
    const b1 = firstChunk[1] ?? 0;
    const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
    return zlibWrapped ? createInflate() : createInflateRaw();
  }
  return undefined;
}

/**
 * Streams a response body, decompressing gzip, deflate and br, and stops as soon as either the bytes on
 * the wire or the decompressed bytes pass `maxBytes`: a 50 MB body or a gzip bomb never sits in memory.
 */
export function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? 'identity');
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wire = 0;
    let decoded = 0;
    let decoder: Transform | undefined;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      response.destroy();
      reject(error);
    };
    const keep = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > maxBytes) return fail(new BodyLimitError(decoder ? 'decoded' : 'wire', maxBytes));
      chunks.push(chunk);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    response.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > maxBytes) return fail(new BodyLimitError('wire', maxBytes));
      if (!decoder && encoding !== 'identity' && decoded === 0 && chunks.length === 0) {
        decoder = decoderFor(encoding, chunk);
        if (decoder) {
          decoder.on('data', keep);
          decoder.on('end', finish);
          decoder.on('error', (error) =>
            fail(new Error(`could not decompress the ${encoding} body: ${error.message}`)),
          );
        }
      }
      if (decoder) decoder.write(chunk);
      else keep(chunk);
    });
    response.on('end', () => {
      if (decoder) decoder.end();
      else finish();
    });
    response.on('error', fail);
    response.on('aborted', () => fail(new Error('the connection closed before the body was complete')));
  });
}
