// Does text decoded as Windows-1252 or Mac Roman read as such? Bytes that are
// not UTF-8 are read in one of those two (singlebyte.ts), which is right for
// the English and Western European statements spiral is made for; Russian in
// cp1251 or KOI8-R, Japanese in Shift-JIS, Chinese in GB18030 or Polish in
// ISO-8859-2 come out as mojibake ("Ïðàâèòåëüñòâî", "Rz¹d"). Such a decoding is
// kept — nothing is guessed silently — but it gets a warning naming the
// encoding the text most likely is in (chardet's guess), so that the user can
// force it with --encoding.
//
// Three signs, cheapest first (chardet reads ~1.5 MB/s, so it runs only on
// text that is not plain English):
//   1. most letters are high bytes: not a Latin-script text at all;
//   2. symbols inside words ("Rz¹d", "wolnoœci"): letters of another code page;
//   3. a text with many accented letters whose letter frequencies chardet's
//      language models place in another encoding by a wide margin.
// The thresholds were measured on the 262 UN UPR reports of ../shared/data
// (Mac Roman English): at most 1.1% of their letters are high bytes and at most
// one symbol sits inside a word; French, German, Spanish and Portuguese in
// Windows-1252 stay under 7% and have none.
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

/** Below this many high bytes there is too little evidence to judge. */
const MIN_HIGH_BYTES = 16;
/** Sign 1: more than this share of the letters (ASCII letters and high bytes) are high bytes. */
const MAX_HIGH_SHARE = 0.3;
/** Sign 2: at least this many symbols inside words ... */
const MIN_SYMBOLS_IN_WORDS = 3;
/** ... making up more than this share of the high bytes. */
const MAX_SYMBOL_SHARE = 0.05;
/** Sign 3 is looked for when more than this share of the letters are high bytes (UPR reports: at most 0.011). */
const CHARDET_HIGH_SHARE = 0.02;
/** Sign 3: chardet's best other encoding has at least this confidence (0–100) ... */
const CHARDET_MIN_CONFIDENCE = 30;
/** ... and this many times the confidence of its best Western reading. */
const CHARDET_MARGIN = 2;
/** The bytes looked at: the first megabyte (plenty to judge; keeps a 200 MB file fast). */
const SCAN_BYTES = 1 << 20;
/** The bytes chardet reads. */
const CHARDET_SAMPLE_BYTES = 16 * 1024;

/** chardet's names for the readings spiral already makes. */
const WESTERN = new Set(['ISO-8859-1', 'windows-1252']);

/**
 * High-byte characters that do sit between letters in real text: apostrophes
 * and quotes used as apostrophes (d’Ivoire, Guatemala´s), dashes, no-break
 * space, soft hyphen, the Catalan middle dot (l·l).
 */
const ALLOWED_IN_WORDS = new Set(['’', '‘', '´', '–', '—', '\u00A0', '\u00AD', '·']);

const LETTER = /\p{L}/u;

const isAsciiLetter = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** The word (up to 20 characters each side) around position i, to show in the warning. */
function wordAround(text: string, i: number): string {
  const before = /\S{0,20}$/.exec(text.slice(Math.max(0, i - 20), i))?.[0] ?? '';
  const after = /^\S{0,20}/.exec(text.slice(i + 1, i + 21))?.[0] ?? '';
  return before + text[i] + after;
}

interface Counts {
  asciiLetters: number;
  high: number;
  symbolsInWords: number;
  example?: string;
}

/** `text` is `bytes` decoded one character a byte (Windows-1252, Mac Roman). */
function count(bytes: Uint8Array, text: string): Counts {
  const end = Math.min(bytes.length, SCAN_BYTES);
  const counts: Counts = { asciiLetters: 0, high: 0, symbolsInWords: 0 };
  const isLetterAt = (i: number): boolean => i >= 0 && i < end && (bytes[i] < 0x80 ? isAsciiLetter(bytes[i]) : LETTER.test(text[i]));
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      if (isAsciiLetter(b)) counts.asciiLetters++;
      continue;
    }
    counts.high++;
    const ch = text[i];
    if (!LETTER.test(ch) && !ALLOWED_IN_WORDS.has(ch) && isLetterAt(i - 1) && isLetterAt(i + 1)) {
      counts.symbolsInWords++;
      counts.example ??= wordAround(text, i);
    }
  }
  return counts;
}

interface Guess {
  name: string;
  confidence: number;
  western: number;
}

/** chardet's best reading that is neither Western nor Unicode (and that iconv-lite can decode), with the best Western confidence. */
function chardetGuess(bytes: Uint8Array): Guess | undefined {
  const matches = analyse(bytes.subarray(0, CHARDET_SAMPLE_BYTES));
  const western = Math.max(0, ...matches.filter((m) => WESTERN.has(m.name)).map((m) => m.confidence));
  const other = matches.find((m) => !WESTERN.has(m.name) && !/^(UTF|ASCII)/i.test(m.name) && iconv.encodingExists(m.name));
  return other ? { name: other.name, confidence: other.confidence, western } : undefined;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** Why the decoding is implausible, or undefined when the text reads as `encoding`. */
export function implausibility(bytes: Uint8Array, text: string, encoding: string): string | undefined {
  const c = count(bytes, text);
  if (c.high < MIN_HIGH_BYTES && c.symbolsInWords < MIN_SYMBOLS_IN_WORDS) return undefined;
  const highShare = c.high / (c.asciiLetters + c.high);
  let why: string | undefined;
  if (c.high >= MIN_HIGH_BYTES && highShare > MAX_HIGH_SHARE) why = `${percent(highShare)} of its letters are not ASCII`;
  else if (c.symbolsInWords >= MIN_SYMBOLS_IN_WORDS && c.symbolsInWords > MAX_SYMBOL_SHARE * c.high) {
    why = `${c.symbolsInWords} symbols inside words, as in "${c.example}"`;
  }
  if (!why && !(c.high >= MIN_HIGH_BYTES && highShare > CHARDET_HIGH_SHARE)) return undefined;
  const guess = chardetGuess(bytes);
  if (!why) {
    if (!guess || guess.confidence < CHARDET_MIN_CONFIDENCE || guess.confidence < CHARDET_MARGIN * guess.western) return undefined;
    why = `its letter frequencies fit ${guess.name} (chardet: ${guess.confidence} against ${guess.western})`;
  }
  // A guess chardet itself rates below the Western reading is not worth naming (damaged Western text: "CouncilÍs").
  const named = guess && guess.confidence > guess.western ? guess.name : undefined;
  const advice = named ? `it looks like ${named}: use --encoding ${named} to read it so` : 'no other encoding recognised: use --encoding NAME to force one';
  return `text does not read as ${encoding} (${why}); ${advice}`;
}
