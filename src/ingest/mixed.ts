// Text that is UTF-8 except for a few stray single-byte characters: a UTF-8
// file with a pasted Latin-1 line, or two files concatenated. Read as one
// single-byte encoding, every UTF-8 character of it would turn into mojibake
// ("TÃ¼rkiye"); read as UTF-8 with replacement characters, the stray ones
// would be lost. So: well-formed UTF-8 sequences are read as UTF-8, and each
// stray byte in the single-byte encoding the heuristic picks for those bytes.
//
// When is a text "mostly UTF-8"? Legacy single-byte text contains well-formed
// UTF-8 sequences only by accident (a Mac Roman opening quote before an
// accented capital): in the 262 Mac Roman UPR reports of the real data at most
// one accidental sequence for every ten stray bytes, and none decodes to a
// Latin letter or punctuation. A text counts as mixed when it has at least as
// many well-formed multi-byte characters as stray bytes and most of them are
// Latin letters or punctuation, or when the UTF-8 characters outnumber the
// stray bytes many times over (any script).
import { chooseSingleByte, singleByteChar, type SingleByteEncoding } from './singlebyte.js';

/** Mixed without looking at the characters: this many UTF-8 characters per stray byte. */
const MIXED_RATIO_ANY_SCRIPT = 10;
/** Mixed when Latin: at least this many UTF-8 characters per stray byte ... */
const MIXED_RATIO_LATIN = 1;
/** ... and at least this share of them Latin letters or punctuation. */
const MIXED_LATIN_SHARE_MIN = 0.5;

interface Utf8Scan {
  /** Positions of bytes that start no well-formed UTF-8 sequence. */
  stray: number[];
  /** Well-formed multi-byte sequences. */
  multiByte: number;
  /** ... of which decode to Latin letters, general punctuation or currency signs. */
  latin: number;
}

/** Length of the well-formed UTF-8 sequence starting at i (1 for ASCII), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const first = b[i];
  if (first < 0x80) return 1;
  let length: number;
  let min: number; // smallest code point the length may encode (no overlong forms)
  if (first >= 0xc2 && first <= 0xdf) [length, min] = [2, 0x80];
  else if (first >= 0xe0 && first <= 0xef) [length, min] = [3, 0x800];
  else if (first >= 0xf0 && first <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > b.length) return 0;
  let cp = first & (0x7f >> length);
  for (let k = 1; k < length; k++) {
    const c = b[i + k];
    if ((c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return length;
}

function codePointAt(b: Uint8Array, i: number, length: number): number {
  let cp = b[i] & (0x7f >> length);
  for (let k = 1; k < length; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
  return cp;
}

/**
 * What a stray UTF-8 character in Western text is: Latin-1 letters and signs, Latin Extended-A
 * (Polish, Czech, Turkish names), general punctuation, currency and letterlike signs (™).
 * Not Latin Extended-B: a Mac Roman « or … before an accented letter is such a sequence by accident.
 */
function isLatinOrPunctuation(cp: number): boolean {
  return (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x214f);
}

function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { stray: [], multiByte: 0, latin: 0 };
  for (let i = 0; i < bytes.length;) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      scan.stray.push(i);
      i++;
      continue;
    }
    scan.multiByte++;
    if (isLatinOrPunctuation(codePointAt(bytes, i, length))) scan.latin++;
    i += length;
  }
  return scan;
}

function isMostlyUtf8(scan: Utf8Scan): boolean {
  const stray = scan.stray.length;
  if (stray === 0 || scan.multiByte === 0) return false;
  if (scan.multiByte >= MIXED_RATIO_ANY_SCRIPT * stray) return true;
  return scan.multiByte >= MIXED_RATIO_LATIN * stray && scan.latin >= MIXED_LATIN_SHARE_MIN * scan.multiByte;
}

export interface MixedText {
  text: string;
  /** The encoding of the stray bytes. */
  strayEncoding: SingleByteEncoding;
  strayBytes: number;
}

/** Decode bytes that are not valid UTF-8 but mostly are; undefined when they are not mostly UTF-8. */
export function decodeMostlyUtf8(bytes: Uint8Array): MixedText | undefined {
  const scan = scanUtf8(bytes);
  if (!isMostlyUtf8(scan)) return undefined;
  const strayEncoding = chooseSingleByte(bytes, scan.stray);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces: string[] = [];
  let from = 0;
  for (const at of scan.stray) {
    if (at > from) pieces.push(decoder.decode(bytes.subarray(from, at)));
    pieces.push(singleByteChar(bytes[at], strayEncoding));
    from = at + 1;
  }
  if (from < bytes.length) pieces.push(decoder.decode(bytes.subarray(from)));
  return { text: pieces.join(''), strayEncoding, strayBytes: scan.stray.length };
}
