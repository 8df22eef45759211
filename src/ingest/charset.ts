import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Where the charset was found, for the logs and for tests. */
export type CharsetSource = 'bom' | 'header' | 'xml-prolog' | 'meta' | 'sniffed' | 'default';

/** Decoded text and the charset it was read as. */
export interface DecodedText {
  text: string;
  charset: string;
  from: CharsetSource;
}

/**
 * Labels that the WHATWG Encoding standard reads as windows-1252: browsers show "ISO-8859-1" and
 * "US-ASCII" pages as windows-1252, and so do we, or their curly quotes come out as control characters.
 */
const CP1252_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'iso88591',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'cp819',
  'ibm819',
  'iso-ir-100',
]);

/** The `charset=` parameter of a Content-Type header, lower-cased. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The charset the document declares about itself: the XML prolog, `<meta charset>` or `<meta http-equiv>`. */
export function sniffDeclaredCharset(
  bytes: Uint8Array,
): { charset: string; from: CharsetSource } | undefined {
  // Declarations are ASCII, so a Latin-1 view of the first bytes is enough to read them.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (prolog?.[1]) return { charset: prolog[1].toLowerCase(), from: 'xml-prolog' };
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  // A UTF-16 claim read through an ASCII view cannot be true (WHATWG reads it as UTF-8).
  if (meta?.[1])
    return { charset: meta[1].toLowerCase().replace(/^utf-16(?:[bl]e)?$/, 'utf-8'), from: 'meta' };
  return undefined;
}

function bomCharset(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  // UTF-32LE's BOM starts with UTF-16LE's, so it is checked first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'utf-32be';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * UTF-16 and UTF-32 without a BOM, told by where the zero bytes fall in the first 512 bytes: ASCII
 * markup in UTF-16LE has a zero after every byte, in UTF-32BE three before it, and so on.
 */
export function sniffWideCharset(bytes: Uint8Array): string | undefined {
  const length = Math.min(bytes.length, 512) & ~3;
  if (length < 4) return undefined;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) if (bytes[i] === 0) zeros[i % 4] = (zeros[i % 4] ?? 0) + 1;
  const quarter = length / 4;
  const mostly = (count = 0) => count >= quarter * 0.9;
  const few = (count = 0) => count <= quarter * 0.1;
  const [z0, z1, z2, z3] = zeros;
  if (few(z0) && mostly(z1) && mostly(z2) && mostly(z3)) return 'utf-32le';
  if (mostly(z0) && mostly(z1) && mostly(z2) && few(z3)) return 'utf-32be';
  if (few(z0) && mostly(z1) && few(z2) && mostly(z3)) return 'utf-16le';
  if (mostly(z0) && few(z1) && mostly(z2) && few(z3)) return 'utf-16be';
  return undefined;
}

/** Decodes bytes with one named charset (through iconv-lite); unknown names fall back to UTF-8 rather than failing. */
export function decodeWith(bytes: Uint8Array, charset: string): { text: string; charset: string } {
  // Node 20's TextDecoder reads 'windows-1252' as plain Latin-1, so every label goes through iconv-lite.
  const label = CP1252_LABELS.has(charset.toLowerCase()) ? 'windows-1252' : charset.toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (iconv.encodingExists(label)) return { text: iconv.decode(buffer, label), charset: label };
  return { text: iconv.decode(buffer, 'utf-8'), charset: 'utf-8' };
}

/**
 * Decodes a page, a feed or a local file: a BOM wins, then the HTTP header, then the XML prolog or a
 * meta tag, then a sniff for UTF-16/32 without a BOM, then UTF-8, and windows-1252 for bytes that are
 * not UTF-8. A header that claims UTF-8 for bytes that are not UTF-8 yields to the document's own claim.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { ...decodeWith(bytes, bom), from: 'bom' };
  const wide = sniffWideCharset(bytes);
  const header = charsetFromContentType(contentType);
  const declared = wide ? undefined : sniffDeclaredCharset(bytes);
  if (header && !(header === 'utf-8' && (declared || wide) && !isValidUtf8(bytes))) {
    return { ...decodeWith(bytes, header), from: 'header' };
  }
  if (declared) return { ...decodeWith(bytes, declared.charset), from: declared.from };
  if (wide) return { ...decodeWith(bytes, wide), from: 'sniffed' };
  if (!isValidUtf8(bytes)) return { ...decodeWith(bytes, 'windows-1252'), from: 'sniffed' };
  return { ...decodeWith(bytes, 'utf-8'), from: 'default' };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}
