// Bytes → text, never with replacement characters. An encoding forced by the
// user (--encoding, a manifest's `encoding`) is used as it is; otherwise the
// order of checks is:
//   1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE);
//   2. UTF-16 without BOM, recognised by its NUL pattern (ASCII text in UTF-16
//      has a NUL in every other byte);
//   3. any other NUL byte: binary, skipped;
//      (a run of NULs at the very end, with no NUL before it, is padding left
//      by a file that was never completely written: dropped, with a warning);
//   4. valid UTF-8;
//   5. otherwise a single-byte encoding: an HTML <meta charset> when the caller
//      passes one; text that is mostly UTF-8 with a few stray bytes (mixed.ts);
//      else Windows-1252 or Mac Roman by the heuristic in singlebyte.ts, with a
//      warning naming the likely encoding when the text does not read as such
//      (plausible.ts).
// The text is returned exactly as decoded: line endings (CR, LF, CRLF) are kept,
// because every downstream offset points into this text.
import iconv from 'iconv-lite';
import { decodeMostlyUtf8 } from './mixed.js';
import { implausibility } from './plausible.js';
import { chooseSingleByte, decodeSingleByte } from './singlebyte.js';

export type Decoded = { ok: true; text: string; encoding: string; warnings: string[] } | { ok: false; status: 'skipped' | 'failed'; reason: string };

/** How much of the file the UTF-16 and control-character checks look at. */
const SNIFF_BYTES = 64 * 1024;
/** UTF-16 without BOM: at least this share of NULs on one byte parity ... */
const UTF16_NUL_SHARE_MIN = 0.3;
/** ... and at most this share on the other. */
const UTF16_OTHER_NUL_SHARE_MAX = 0.05;
/** Text with more than this share of C0 control characters (besides tab, CR, LF, FF, VT, ESC, SUB) is binary. */
const CONTROL_SHARE_MAX = 0.1;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-32 text (no BOM), or undefined when its length or a code point is invalid. */
function utf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be'): string | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = encoding === 'utf-32le';
  const pieces: string[] = [];
  const CHUNK = 8192; // code points per String.fromCodePoint call
  for (let at = 0; at < bytes.length; at += 4 * CHUNK) {
    const codes: number[] = [];
    for (let i = at; i < Math.min(bytes.length, at + 4 * CHUNK); i += 4) {
      const cp = view.getUint32(i, little);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      codes.push(cp);
    }
    pieces.push(String.fromCodePoint(...codes));
  }
  return pieces.join('');
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** 'utf-16le' / 'utf-16be' when the NUL bytes sit on one parity, as ASCII-heavy UTF-16 does. */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs >= UTF16_NUL_SHARE_MIN && evenNul / pairs <= UTF16_OTHER_NUL_SHARE_MAX) return 'utf-16le';
  if (evenNul / pairs >= UTF16_NUL_SHARE_MIN && oddNul / pairs <= UTF16_OTHER_NUL_SHARE_MAX) return 'utf-16be';
  return undefined;
}

/** C0 controls that text does not contain (tab, LF, VT, FF, CR, SUB, ESC are allowed; NUL is handled before). */
const CONTROL = /[\x01-\x08\x0e-\x19\x1c-\x1f]/g;

/** Share of such control characters in the first SNIFF_BYTES characters (regex scans: fast on clean text). */
function controlShare(text: string): number {
  const sample = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  if (sample.length === 0) return 0;
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(sample)) return 0;
  return (sample.match(CONTROL)?.length ?? 0) / sample.length;
}

function ok(text: string, encoding: string, warnings: string[] = []): Decoded {
  if (controlShare(text) > CONTROL_SHARE_MAX) {
    return { ok: false, status: 'skipped', reason: 'binary content (control characters)' };
  }
  return { ok: true, text, encoding, warnings };
}

/** A single-byte charset named by the document (HTML meta), if iconv knows it. */
function declaredSingleByte(declared: string | undefined): string | undefined {
  if (!declared) return undefined;
  const name = declared.trim().toLowerCase();
  // WHATWG: pages that say Latin-1 are decoded as Windows-1252.
  if (['iso-8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii'].includes(name)) return 'windows-1252';
  if (['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be'].includes(name)) return undefined;
  return iconv.encodingExists(name) ? name : undefined;
}

function decodeLegacy(bytes: Uint8Array, declared?: string): Decoded {
  const named = declaredSingleByte(declared);
  if (named) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), named);
    if (!text.includes('\uFFFD')) return ok(text, named);
  }
  const mixed = decodeMostlyUtf8(bytes);
  if (mixed) {
    const warning = `not valid UTF-8 throughout: ${mixed.strayBytes} stray ${mixed.strayBytes === 1 ? 'byte' : 'bytes'} read as ${mixed.strayEncoding} (mixed encodings)`;
    return ok(mixed.text, `utf-8+${mixed.strayEncoding}`, [warning]);
  }
  // Windows-1252 leaves five bytes undefined; Mac Roman defines all 256.
  const encoding = chooseSingleByte(bytes);
  const text = decodeSingleByte(bytes, encoding);
  const doubt = implausibility(bytes, text, encoding);
  return ok(text, encoding, doubt ? [doubt] : []);
}

/** Whether `name` is an encoding --encoding (or a manifest) may force: one iconv-lite knows. */
export const isKnownEncoding = (name: string): boolean => iconv.encodingExists(name);

const MAC_ROMAN_NAMES = new Set(['macintosh', 'mac', 'macroman', 'xmacroman', 'csmacintosh']);

/** The bytes in the encoding the user forced (a byte-order mark of that encoding is dropped). */
function decodeForced(bytes: Uint8Array, name: string): Decoded {
  const encoding = name.trim().toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Mac Roman: with the Apple logo, which iconv-lite leaves undefined.
  const text = MAC_ROMAN_NAMES.has(encoding.replace(/[^a-z0-9]/g, '')) ? decodeSingleByte(bytes, 'macintosh') : iconv.decode(buffer, encoding);
  // iconv-lite gives U+FFFD for a byte the encoding leaves undefined: the bytes are not in that encoding.
  if (text.includes('\uFFFD') && !utf8(bytes)?.includes('\uFFFD')) {
    return { ok: false, status: 'failed', reason: `not valid ${encoding} text (the encoding was forced)` };
  }
  return ok(text, encoding);
}

/** Bytes before a final run of NULs, when no NUL comes before that run; otherwise undefined. */
function withoutNulPadding(bytes: Uint8Array): Uint8Array | undefined {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === bytes.length || bytes.subarray(0, end).indexOf(0) !== -1) return undefined;
  return bytes.subarray(0, end);
}

/**
 * Decode a text file's bytes. `declaredCharset` is a charset the document names
 * itself (HTML); it is only used when the bytes are not valid UTF-8.
 * `forcedEncoding` (one isKnownEncoding accepts) is used whatever the bytes.
 */
export function decodeBytes(bytes: Uint8Array, declaredCharset?: string, forcedEncoding?: string): Decoded {
  if (forcedEncoding) return decodeForced(bytes, forcedEncoding);
  for (const [bom, encoding] of [
    [[0xff, 0xfe, 0, 0], 'utf-32le'],
    [[0, 0, 0xfe, 0xff], 'utf-32be'],
  ] as const) {
    if (startsWith(bytes, [...bom])) {
      const text = utf32(bytes.subarray(4), encoding);
      if (text !== undefined) return ok(text, encoding);
      // FF FE 00 00 can also be UTF-16LE starting with U+0000: left to the checks below.
      if (encoding === 'utf-32be') return { ok: false, status: 'failed', reason: 'invalid UTF-32BE text (length or code point)' };
    }
  }
  if (startsWith(bytes, UTF8_BOM)) {
    const rest = bytes.subarray(UTF8_BOM.length);
    const text = utf8(rest);
    if (text !== undefined) return ok(text, 'utf-8-bom');
    const legacy = decodeLegacy(rest, declaredCharset);
    if (legacy.ok) legacy.warnings.push('starts with a UTF-8 byte-order mark but is not valid UTF-8');
    return legacy;
  }
  for (const [bom, encoding] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (startsWith(bytes, [...bom])) {
      const text = utf16(bytes.subarray(2), encoding);
      if (text === undefined) return { ok: false, status: 'failed', reason: `invalid ${encoding.toUpperCase()} text (odd length or unpaired surrogate)` };
      return ok(text, encoding);
    }
  }
  const hasNul = bytes.indexOf(0) !== -1;
  if (hasNul) {
    const sniffed = sniffUtf16(bytes);
    const text = sniffed ? utf16(bytes, sniffed) : undefined;
    if (sniffed && text !== undefined && !text.includes('\u0000')) return ok(text, sniffed);
    const unpadded = withoutNulPadding(bytes);
    if (!unpadded || unpadded.length === 0) return { ok: false, status: 'skipped', reason: 'binary content (NUL bytes)' };
    const decoded = decodeBytes(unpadded, declaredCharset);
    const padding = bytes.length - unpadded.length;
    if (decoded.ok) decoded.warnings.push(`${padding} NUL ${padding === 1 ? 'byte' : 'bytes'} at the end ignored (a file not completely written?)`);
    return decoded;
  }
  const text = utf8(bytes);
  if (text !== undefined) return ok(text, 'utf-8');
  return decodeLegacy(bytes, declaredCharset);
}
