import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { type CapturedSnapshot, sealPrelude } from './index-snapshot.ts';

// Pieces are copied through one staging buffer: a few large writes, no second copy of the whole index.
const STAGING = 8 * 1024 * 1024;

/**
 * Writes a captured index to `path` atomically: a temporary file beside it, flushed to disk, then renamed
 * over the old one, so a crash mid-write leaves the previous file (or none), never half of one.
 */
export async function writeSnapshotFile(path: string, snapshot: CapturedSnapshot): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  // A configured snapshot directory (INDEX_SNAPSHOT_DIR) may not exist yet on a new machine.
  await mkdir(dirname(path), { recursive: true });
  const file = await open(temp, 'w');
  try {
    const staging = Buffer.allocUnsafe(STAGING);
    let filled = 0;
    let position = snapshot.prelude.byteLength;
    let checksum = 0;
    const flush = async () => {
      if (filled === 0) return;
      const chunk = staging.subarray(0, filled);
      checksum = crc32(chunk, checksum);
      await file.write(chunk, 0, filled, position);
      position += filled;
      filled = 0;
    };
    for (const piece of snapshot.pieces) {
      if (piece.byteLength >= STAGING) {
        await flush();
        checksum = crc32(piece, checksum);
        await file.write(piece, 0, piece.byteLength, position);
        position += piece.byteLength;
        continue;
      }
      if (filled + piece.byteLength > STAGING) await flush();
      staging.set(piece, filled);
      filled += piece.byteLength;
    }
    await flush();
    const prelude = Buffer.from(snapshot.prelude);
    sealPrelude(prelude, checksum);
    await file.write(prelude, 0, prelude.byteLength, 0);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, path);
}

/** The saved bytes, or undefined when there is no file. */
export async function readSnapshotFile(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
