/**
 * windows-1252's 0x80–0x9F block. Node 20's TextDecoder decodes 'windows-1252' as plain Latin-1
 * (curly quotes come out as C1 control characters), so the table is ours.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Labels that WHATWG maps to windows-1252 (browsers read "ISO-8859-1" pages as windows-1252 too). */
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

function decodeCp1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const size = 8192;
  for (let start = 0; start < bytes.length; start += size) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + size);
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      codes.push(byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] as number) : byte);
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Where the charset was found, for the logs and for tests. */
export type CharsetSource = 'bom' | 'header' | 'xml-prolog' | 'meta' | 'default';

/** Decoded text and the charset it was read as. */
export interface DecodedText {
  text: string;
  charset: string;
  from: CharsetSource;
}

/** The `charset=` parameter of a Content-Type header, lower-cased. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The charset the document declares about itself: the XML prolog, or an HTML meta tag. */
export function sniffDeclaredCharset(
  bytes: Uint8Array,
): { charset: string; from: CharsetSource } | undefined {
  // Declarations are ASCII, so a Latin-1 view of the first bytes is enough to read them.
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (prolog?.[1]) return { charset: prolog[1].toLowerCase(), from: 'xml-prolog' };
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return { charset: meta[1].toLowerCase(), from: 'meta' };
  return undefined;
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Decodes bytes with one named charset; unknown names fall back to UTF-8 rather than failing. */
export function decodeWith(bytes: Uint8Array, charset: string): { text: string; charset: string } {
  const label = charset.toLowerCase();
  if (CP1252_LABELS.has(label)) return { text: decodeCp1252(bytes), charset: 'windows-1252' };
  try {
    const decoder = new TextDecoder(label);
    return { text: decoder.decode(bytes), charset: decoder.encoding };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8' };
  }
}

/**
 * Decodes a fetched body: a BOM wins, then the HTTP header, then the XML prolog or a meta tag,
 * then UTF-8. A header that claims UTF-8 for bytes that are not UTF-8 yields to the document's own claim.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) {
    const { text } = decodeWith(bytes, bom);
    return { text: text.replace(/^\uFEFF/, ''), charset: bom, from: 'bom' };
  }
  const header = charsetFromContentType(contentType);
  const declared = sniffDeclaredCharset(bytes);
  if (header && !(header === 'utf-8' && declared && !isValidUtf8(bytes))) {
    return { ...decodeWith(bytes, header), from: 'header' };
  }
  if (declared) return { ...decodeWith(bytes, declared.charset), from: declared.from };
  if (!isValidUtf8(bytes)) return { ...decodeWith(bytes, 'windows-1252'), from: 'default' };
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', from: 'default' };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
