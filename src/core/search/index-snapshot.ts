import { crc32 } from 'node:zlib';
import { createIndexState, type IndexState, type RankingParams } from './index-state.ts';
import type { PostingList } from './postings.ts';
import { createVocabulary } from './vocabulary.ts';

/**
 * Bump whenever the analyzer (tokenizing, folding, stemming, stop words) or the postings layout changes:
 * an index saved by other rules would answer differently from a fresh build, so it is rebuilt instead.
 */
export const SNAPSHOT_VERSION = 3;

const MAGIC = 'PWSIDX01';
/** Magic (8), version, header bytes, crc32 of everything after the prelude, reserved (4 each), file bytes (8). */
const PRELUDE = 32;

/** Why a saved index was not used; the caller logs it and rebuilds. */
export class SnapshotError extends Error {}

interface Header {
  version: number;
  maxBodyTokens: number;
  epoch: string;
  next: number;
  liveCount: number;
  deadCount: number;
  totalTitle: number;
  totalSummary: number;
  totalBody: number;
  ids: string[];
  stamps: string[];
  sourceNames: string[];
  owners: (string[] | null)[];
  tags: Record<string, number[]>;
  stems: string[];
  surfaces: string[];
  postings: number;
  positionBytes: number;
}

/** A saved index as byte pieces (views, not copies) plus its prelude, captured in one synchronous step. */
export interface CapturedSnapshot {
  /** Prelude without the checksum, which the writer fills in once it has streamed the pieces. */
  prelude: Buffer;
  pieces: Uint8Array[];
  bytes: number;
}

const bytesOf = (array: ArrayBufferView): Uint8Array =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

const padTo8 = (length: number) => (8 - (length % 8)) % 8;

/**
 * Captures the index for saving. Per-document columns are copied (removals flip them in place); posting
 * arrays are taken as views of their first `length` entries, which later appends and compactions never
 * rewrite (appends go past the end, compaction swaps in new arrays), so the pieces stay consistent while
 * they are written out asynchronously.
 */
export function captureSnapshot(state: IndexState, epoch: string): CapturedSnapshot {
  const n = state.next;
  const lists = [...state.terms];
  let postings = 0;
  let positionBytes = 0;
  for (const [, list] of lists) {
    postings += list.length;
    positionBytes += list.positionBytes;
  }
  const header: Header = {
    version: SNAPSHOT_VERSION,
    maxBodyTokens: state.maxBodyTokens,
    epoch,
    next: n,
    liveCount: state.liveCount,
    deadCount: state.deadCount,
    totalTitle: state.totalTitle,
    totalSummary: state.totalSummary,
    totalBody: state.totalBody,
    ids: state.ids.slice(0, n).map((id, doc) => (state.alive[doc] === 1 ? id : '')),
    stamps: state.stamps.slice(0, n).map((stamp, doc) => (state.alive[doc] === 1 ? (stamp ?? '') : '')),
    sourceNames: [...state.sourceNames],
    owners: Array.from({ length: n }, (_, doc) => state.owners[doc] ?? null),
    tags: Object.fromEntries([...state.tags].map(([tag, docs]) => [tag, [...docs]])),
    stems: lists.map(([stem]) => stem),
    surfaces: lists.map(([, list]) => list.surface),
    postings,
    positionBytes,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const pieces: Uint8Array[] = [];
  let bytes = PRELUDE;
  const push = (piece: Uint8Array) => {
    pieces.push(piece);
    bytes += piece.byteLength;
  };
  const align = () => {
    const pad = padTo8(bytes);
    if (pad > 0) push(new Uint8Array(pad));
  };
  push(headerBytes);
  align();
  for (const column of [
    state.alive.slice(0, n),
    state.published.slice(0, n),
    state.dated.slice(0, n),
    state.titleLength.slice(0, n),
    state.summaryLength.slice(0, n),
    state.bodyLength.slice(0, n),
    state.source.slice(0, n),
    Int32Array.from(lists, ([, list]) => list.length),
    Int32Array.from(lists, ([, list]) => list.positionBytes),
    Int32Array.from(lists, ([, list]) => list.live),
  ]) {
    push(bytesOf(column));
    align();
  }
  for (const [, list] of lists) push(bytesOf(list.docs.subarray(0, list.length)));
  align();
  for (const [, list] of lists) push(bytesOf(list.tfs.subarray(0, list.length)));
  align();
  for (const [, list] of lists) push(list.positions.subarray(0, list.positionBytes));
  const prelude = Buffer.alloc(PRELUDE);
  prelude.write(MAGIC, 0, 'latin1');
  prelude.writeUInt32LE(SNAPSHOT_VERSION, 8);
  prelude.writeUInt32LE(headerBytes.byteLength, 12);
  prelude.writeDoubleLE(bytes, 24);
  return { prelude, pieces, bytes };
}

/** Writes the checksum of the streamed pieces into the prelude. */
export function sealPrelude(prelude: Buffer, checksum: number): void {
  prelude.writeUInt32LE(checksum >>> 0, 16);
}

/** What a saved index holds beyond the state: the stamp epoch it was made against. */
export interface LoadedSnapshot {
  state: IndexState;
  epoch: string;
}

/** The checked prelude and header of a saved index, and where its sections start. */
interface OpenedSnapshot {
  bytes: Uint8Array;
  header: Header;
  sectionsAt: number;
}

/** Checks the prelude (magic, version, size, checksum) and parses the header against the current limits. */
function openSnapshot(data: Uint8Array, maxBodyTokens: number): OpenedSnapshot {
  if (data.byteLength < PRELUDE) throw new SnapshotError('file too short');
  // Typed views need aligned offsets; a Buffer from a pool may not start on one.
  const bytes = data.byteOffset % 8 === 0 ? data : new Uint8Array(data);
  const prelude = Buffer.from(bytes.buffer, bytes.byteOffset, PRELUDE);
  if (prelude.toString('latin1', 0, 8) !== MAGIC) throw new SnapshotError('not a search index file');
  const version = prelude.readUInt32LE(8);
  if (version !== SNAPSHOT_VERSION)
    throw new SnapshotError(`saved by index version ${version}, this is version ${SNAPSHOT_VERSION}`);
  if (prelude.readDoubleLE(24) !== bytes.byteLength)
    throw new SnapshotError(`truncated: ${bytes.byteLength} of ${prelude.readDoubleLE(24)} bytes`);
  const body = bytes.subarray(PRELUDE);
  if (crc32(body) >>> 0 !== prelude.readUInt32LE(16)) throw new SnapshotError('checksum mismatch');
  const headerLength = prelude.readUInt32LE(12);
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(body.buffer, body.byteOffset, headerLength).toString('utf8')) as Header;
  } catch {
    throw new SnapshotError('unreadable header');
  }
  if (header.maxBodyTokens !== maxBodyTokens)
    throw new SnapshotError(`built with maxBodyTokens ${header.maxBodyTokens}, now ${maxBodyTokens}`);
  const n = header.next;
  if (
    header.ids.length !== n ||
    header.stamps.length !== n ||
    header.owners.length !== n ||
    header.surfaces.length !== header.stems.length
  ) {
    throw new SnapshotError('inconsistent header');
  }
  const at = bytes.byteOffset + PRELUDE + headerLength;
  return { bytes, header, sectionsAt: at + padTo8(at - bytes.byteOffset) };
}

/** Hands out the 8-byte-aligned sections after the header in order, refusing any that run past the end. */
function createSectionReader(opened: OpenedSnapshot) {
  const { bytes } = opened;
  let at = opened.sectionsAt;
  const end = bytes.byteOffset + bytes.byteLength;
  const buffer = bytes.buffer as ArrayBuffer;
  const take = <T>(make: (offset: number) => T, byteLength: number): T => {
    if (at + byteLength > end) throw new SnapshotError('sections run past the end');
    const out = make(at);
    at += byteLength;
    at += padTo8(at - bytes.byteOffset);
    return out;
  };
  return { take, buffer, end };
}

type SectionReader = ReturnType<typeof createSectionReader>;

/** The per-document columns, as views into the file. */
function readColumns({ take, buffer }: SectionReader, n: number) {
  return {
    alive: take((o) => new Uint8Array(buffer, o, n), n),
    published: take((o) => new Float64Array(buffer, o, n), n * 8),
    dated: take((o) => new Uint8Array(buffer, o, n), n),
    titleLength: take((o) => new Uint16Array(buffer, o, n), n * 2),
    summaryLength: take((o) => new Uint16Array(buffer, o, n), n * 2),
    bodyLength: take((o) => new Uint32Array(buffer, o, n), n * 4),
    source: take((o) => new Int32Array(buffer, o, n), n * 4),
  };
}

/** Reads the per-term sizes and the posting sections, and files each term's posting list into `state`. */
function readPostings(reader: SectionReader, header: Header, state: IndexState): void {
  const { take, buffer, end } = reader;
  const terms = header.stems.length;
  const n = header.next;
  const lengths = take((o) => new Int32Array(buffer, o, terms), terms * 4);
  const positionLengths = take((o) => new Int32Array(buffer, o, terms), terms * 4);
  const lives = take((o) => new Int32Array(buffer, o, terms), terms * 4);
  let postings = 0;
  let positionBytes = 0;
  for (let t = 0; t < terms; t++) {
    postings += lengths[t]!;
    positionBytes += positionLengths[t]!;
  }
  if (postings !== header.postings || positionBytes !== header.positionBytes)
    throw new SnapshotError('inconsistent posting sizes');
  const docsAt = take((o) => o, postings * 4);
  const tfsAt = take((o) => o, postings * 2);
  const positionsAt = take((o) => o, positionBytes);
  if (positionsAt + positionBytes !== end) throw new SnapshotError('unexpected trailing bytes');
  let posting = 0;
  let position = 0;
  for (let t = 0; t < terms; t++) {
    const length = lengths[t]!;
    const used = positionLengths[t]!;
    const list: PostingList = {
      docs: new Int32Array(buffer, docsAt + posting * 4, length),
      tfs: new Uint16Array(buffer, tfsAt + posting * 2, length),
      positions: new Uint8Array(buffer, positionsAt + position, used),
      length,
      positionBytes: used,
      live: lives[t]!,
      surface: header.surfaces[t]!,
    };
    if (length > 0 && (list.docs[0]! < 0 || list.docs[length - 1]! >= n))
      throw new SnapshotError('posting points past the last document');
    state.terms.set(header.stems[t]!, list);
    posting += length;
    position += used;
  }
}

/** Copies the header's per-document and total fields into `state`, with the columns read from the file. */
function fillState(state: IndexState, header: Header, columns: ReturnType<typeof readColumns>): void {
  const n = header.next;
  for (const [tag, docs] of Object.entries(header.tags)) state.tags.set(tag, docs);
  state.ids = header.ids;
  state.stamps = header.stamps;
  state.sourceNames = header.sourceNames;
  header.sourceNames.forEach((name, code) => {
    state.sourceCodes.set(name, code);
  });
  state.owners = header.owners.map((owners) => owners ?? undefined);
  for (let doc = 0; doc < n; doc++) {
    if (columns.alive[doc] === 1) state.byId.set(header.ids[doc]!, doc);
  }
  Object.assign(state, {
    ...columns,
    capacity: n,
    next: n,
    liveCount: header.liveCount,
    deadCount: header.deadCount,
    totalTitle: header.totalTitle,
    totalSummary: header.totalSummary,
    totalBody: header.totalBody,
  });
}

/**
 * Reads a saved index. The returned state's arrays are views into `data` (no copy of the postings), so
 * `data` must not be reused. Throws SnapshotError when the bytes are damaged, from another version, or
 * were built with other indexing limits.
 */
export function decodeSnapshot(
  data: Uint8Array,
  ranking: RankingParams,
  maxBodyTokens: number,
): LoadedSnapshot {
  const opened = openSnapshot(data, maxBodyTokens);
  const { header } = opened;
  const reader = createSectionReader(opened);
  const columns = readColumns(reader, header.next);
  const state = createIndexState(ranking, maxBodyTokens, createVocabulary(header.stems));
  readPostings(reader, header, state);
  fillState(state, header, columns);
  return { state, epoch: header.epoch };
}
