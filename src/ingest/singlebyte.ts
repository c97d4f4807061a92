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
const ALWAYS_TYPOGRAPHIC = new Set(['•', '\u00A0']);
const ELLIPSIS = '…';
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

/** What a neighbouring character is: a lowercase or capital letter, or anything else (undefined at the text's edges). */
type Neighbour = 'lower' | 'upper' | 'other' | undefined;

const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

/**
 * The neighbour byte `b` read in the encoding being scored: an accented letter
 * next to another ("créée", "Constituição") counts as a letter, as in the text.
 */
function neighbour(b: number | undefined, table: string[]): Neighbour {
  if (b === undefined) return undefined;
  if (b >= 0x61 && b <= 0x7a) return 'lower';
  if (b >= 0x41 && b <= 0x5a) return 'upper';
  if (b < 0x80) return 'other';
  const ch = table[b - 0x80];
  return LOWER.test(ch) ? 'lower' : UPPER.test(ch) ? 'upper' : 'other';
}

/** How plausible `ch` is between the neighbours `prev` and `next`. */
export function plausibility(ch: string, prev: Neighbour, next: Neighbour): number {
  const letterBefore = prev === 'lower' || prev === 'upper';
  const letterAfter = next === 'lower' || next === 'upper';
  if (ch === '\uFFFD') return SCORE_UNDEFINED;
  if (ch === '’') return letterBefore && letterAfter ? SCORE_APOSTROPHE_IN_WORD : SCORE_TYPOGRAPHIC;
  if (OPENING.has(ch)) return letterBefore ? 0 : SCORE_TYPOGRAPHIC;
  if (CLOSING.has(ch)) return letterAfter ? 0 : SCORE_TYPOGRAPHIC;
  if (DASHES.has(ch)) return letterBefore && letterAfter ? SCORE_MINOR_SYMBOL : SCORE_TYPOGRAPHIC;
  if (ALWAYS_TYPOGRAPHIC.has(ch)) return SCORE_TYPOGRAPHIC;
  // An ellipsis ends a word or opens a fragment ("…and then"); glued to the start of a word it is
  // more often a capital read in the wrong table (Mac Roman Ö is Windows-1252 "…", and Windows-1252 É
  // is Mac Roman "…").
  if (ch === ELLIPSIS) return letterAfter && !letterBefore ? SCORE_MINOR_SYMBOL : SCORE_TYPOGRAPHIC;
  if (MINOR_SYMBOLS.has(ch)) return SCORE_MINOR_SYMBOL;
  if (LOWER.test(ch)) {
    if (letterBefore && letterAfter) return SCORE_LETTER_INSIDE_WORD;
    return letterBefore || letterAfter ? SCORE_LETTER_AT_WORD_EDGE : 0;
  }
  if (UPPER.test(ch)) {
    if (prev === 'lower') return SCORE_MISPLACED; // a capital inside a lowercase word
    return next === 'lower' ? SCORE_LETTER_AT_WORD_EDGE : 0;
  }
  return SCORE_MISPLACED; // currency, math, modifier letters, private use, C1 controls
}

export interface SingleByteGuess {
  encoding: SingleByteEncoding;
  scores: Record<SingleByteEncoding, number>;
}

/** The high bytes of `bytes`, or only those at `positions` (the stray bytes of a mostly-UTF-8 text). */
function* highBytePositions(bytes: Uint8Array, positions?: readonly number[]): Generator<number> {
  if (positions) {
    yield* positions;
    return;
  }
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) yield i;
}

/**
 * Decide between Windows-1252 and Mac Roman for bytes that are not valid UTF-8.
 * `positions`: score only these high bytes (the rest of the text is UTF-8).
 */
export function guessSingleByte(bytes: Uint8Array, positions?: readonly number[]): SingleByteGuess {
  const t = getTables();
  const scores: Record<SingleByteEncoding, number> = { 'windows-1252': 0, macintosh: 0 };
  let seen = 0;
  for (const i of highBytePositions(bytes, positions)) {
    if (seen++ >= MAX_SCORED_HIGH_BYTES) break;
    const b = bytes[i];
    const prev = i > 0 ? bytes[i - 1] : undefined;
    const next = i + 1 < bytes.length ? bytes[i + 1] : undefined;
    for (const encoding of ['windows-1252', 'macintosh'] as const) {
      const table = t[encoding];
      scores[encoding] += plausibility(table[b - 0x80], neighbour(prev, table), neighbour(next, table));
    }
  }
  const encoding = scores.macintosh > scores['windows-1252'] ? 'macintosh' : 'windows-1252';
  return { encoding, scores };
}

/** True when Windows-1252 leaves one of these bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export function hasUndefinedWindows1252(bytes: Uint8Array, positions?: readonly number[]): boolean {
  const t = getTables()['windows-1252'];
  for (const i of highBytePositions(bytes, positions)) {
    if (t[bytes[i] - 0x80] === '\uFFFD') return true;
  }
  return false;
}

/** The single-byte encoding for these bytes: the heuristic, but Mac Roman whenever Windows-1252 cannot read a byte. */
export function chooseSingleByte(bytes: Uint8Array, positions?: readonly number[]): SingleByteEncoding {
  const encoding = guessSingleByte(bytes, positions).encoding;
  return encoding === 'windows-1252' && hasUndefinedWindows1252(bytes, positions) ? 'macintosh' : encoding;
}

/** One byte (0x80–0xFF) in a single-byte encoding. */
export function singleByteChar(byte: number, encoding: SingleByteEncoding): string {
  const ch = getTables()[encoding][byte - 0x80];
  return ch === '\uFFFD' && encoding === 'macintosh' ? MAC_APPLE_LOGO : ch;
}

/** Apple's mapping of Mac Roman 0xF0 (the Apple logo), which iconv-lite leaves undefined. */
const MAC_APPLE_LOGO = '\uF8FF';

export function decodeSingleByte(bytes: Uint8Array, encoding: SingleByteEncoding): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  // 0xF0 is the only byte iconv-lite cannot map in Mac Roman.
  return encoding === 'macintosh' && text.includes('\uFFFD') ? text.replace(/\uFFFD/g, MAC_APPLE_LOGO) : text;
}
