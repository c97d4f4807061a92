// Telling Windows-1252 from Mac Roman in text that is not UTF-8.
//
// Both encodings put letters and typographic punctuation in 0x80–0xFF, but in
// different places: the Mac Roman right quote 0xD5 is "Õ" in Windows-1252, the
// Windows-1252 "é" 0xE9 is "È" in Mac Roman. chardet does not know Mac Roman
// (it calls the UN's Mac-Roman UPR reports windows-1252), so we decide with a
// small heuristic: decode every high byte both ways and score how plausible the
// character is next to its neighbours — an apostrophe between letters, a
// lowercase accented letter inside a word, an opening quote after a space are
// plausible; a capital in the middle of a lowercase word, a currency or math
// sign, an undefined byte are not. The encoding with the higher total wins;
// ties go to Windows-1252, which is far more common. Windows-1252 is also the
// right reading of Latin-1 text (it is a superset for printable characters).
import iconv from 'iconv-lite';

export type SingleByteEncoding = 'windows-1252' | 'macintosh';

/** Scores per high byte, by how the byte reads in context. */
const SCORE_APOSTROPHE_IN_WORD = 3;
const SCORE_TYPOGRAPHIC = 2;
const SCORE_LETTER_INSIDE_WORD = 2;
const SCORE_LETTER_AT_WORD_EDGE = 1;
const SCORE_MINOR_SYMBOL = 1;
const SCORE_MISPLACED = -1;
const SCORE_UNDEFINED = -5;
/** Enough evidence: stop scoring after this many high bytes (keeps 50 MB files fast). */
const MAX_SCORED_HIGH_BYTES = 20_000;

const OPENING = new Set(['‘', '“', '«', '„', '‚']);
const CLOSING = new Set(['”', '»']);
const DASHES = new Set(['–', '—']);
const ALWAYS_TYPOGRAPHIC = new Set(['•', '…', '\u00A0']);
const MINOR_SYMBOLS = new Set(['°', '§', '¶', '©', '®', '™', '·', '€', '£']);

function tableFor(encoding: SingleByteEncoding): string[] {
  const bytes = Buffer.alloc(128);
  for (let i = 0; i < 128; i++) bytes[i] = 0x80 + i;
  // iconv-lite gives U+FFFD for bytes the encoding leaves undefined.
  return [...iconv.decode(bytes, encoding)];
}

let tables: Record<SingleByteEncoding, string[]> | undefined;
function getTables(): Record<SingleByteEncoding, string[]> {
  tables ??= { 'windows-1252': tableFor('windows-1252'), macintosh: tableFor('macintosh') };
  return tables;
}

const isAsciiLetter = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isAsciiLower = (b: number | undefined): boolean => b !== undefined && b >= 0x61 && b <= 0x7a;
const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

/** How plausible `ch` is between the bytes `prev` and `next` (undefined at the text's edges). */
export function plausibility(ch: string, prev: number | undefined, next: number | undefined): number {
  const letterBefore = isAsciiLetter(prev);
  const letterAfter = isAsciiLetter(next);
  if (ch === '\uFFFD') return SCORE_UNDEFINED;
  if (ch === '’') return letterBefore && letterAfter ? SCORE_APOSTROPHE_IN_WORD : SCORE_TYPOGRAPHIC;
  if (OPENING.has(ch)) return letterBefore ? 0 : SCORE_TYPOGRAPHIC;
  if (CLOSING.has(ch)) return letterAfter ? 0 : SCORE_TYPOGRAPHIC;
  if (DASHES.has(ch)) return letterBefore && letterAfter ? SCORE_MINOR_SYMBOL : SCORE_TYPOGRAPHIC;
  if (ALWAYS_TYPOGRAPHIC.has(ch)) return SCORE_TYPOGRAPHIC;
  if (MINOR_SYMBOLS.has(ch)) return SCORE_MINOR_SYMBOL;
  if (LOWER.test(ch)) {
    if (letterBefore && letterAfter) return SCORE_LETTER_INSIDE_WORD;
    return letterBefore || letterAfter ? SCORE_LETTER_AT_WORD_EDGE : 0;
  }
  if (UPPER.test(ch)) {
    if (isAsciiLower(prev)) return SCORE_MISPLACED; // a capital inside a lowercase word
    return isAsciiLower(next) ? SCORE_LETTER_AT_WORD_EDGE : 0;
  }
  return SCORE_MISPLACED; // currency, math, modifier letters, private use, C1 controls
}

export interface SingleByteGuess {
  encoding: SingleByteEncoding;
  scores: Record<SingleByteEncoding, number>;
}

/** Decide between Windows-1252 and Mac Roman for bytes that are not valid UTF-8. */
export function guessSingleByte(bytes: Uint8Array): SingleByteGuess {
  const t = getTables();
  const scores: Record<SingleByteEncoding, number> = { 'windows-1252': 0, macintosh: 0 };
  let seen = 0;
  for (let i = 0; i < bytes.length && seen < MAX_SCORED_HIGH_BYTES; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    seen++;
    const prev = i > 0 ? bytes[i - 1] : undefined;
    const next = i + 1 < bytes.length ? bytes[i + 1] : undefined;
    scores['windows-1252'] += plausibility(t['windows-1252'][b - 0x80], prev, next);
    scores.macintosh += plausibility(t.macintosh[b - 0x80], prev, next);
  }
  const encoding = scores.macintosh > scores['windows-1252'] ? 'macintosh' : 'windows-1252';
  return { encoding, scores };
}

/** True when Windows-1252 leaves one of these bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export function hasUndefinedWindows1252(bytes: Uint8Array): boolean {
  const t = getTables()['windows-1252'];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 && t[b - 0x80] === '\uFFFD') return true;
  }
  return false;
}

/** Apple's mapping of Mac Roman 0xF0 (the Apple logo), which iconv-lite leaves undefined. */
const MAC_APPLE_LOGO = '\uF8FF';

export function decodeSingleByte(bytes: Uint8Array, encoding: SingleByteEncoding): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  // 0xF0 is the only byte iconv-lite cannot map in Mac Roman.
  return encoding === 'macintosh' && text.includes('\uFFFD') ? text.replace(/\uFFFD/g, MAC_APPLE_LOGO) : text;
}
