// Word tokens of one utterance with offsets. Punctuation is not a token but
// shapes scope: `clause` changes at ; : dashes and brackets (patterns never match
// across it) and `phrase` also changes at commas (negation, attribution and
// concessive scopes end there).
//
// A word is a maximal run of letters and digits (\p{L}, \p{N}, by code point).
// The scan is a loop over character codes with a table for ASCII (no regular
// expression per word), and words are cut from the utterance lowercased once,
// which gives the same words as lowercasing each one except where lowercasing
// depends on context or changes length (final sigma, dotted İ): then each word
// is lowercased on its own.

export interface Tokens {
  count: number;
  words: string[]; // lowercased
  starts: number[]; // offsets into the utterance text
  ends: number[];
  clause: number[];
  phrase: number[];
}

const CLAUSE_BREAK = /[;:()[\]{}\u2014\u2013]|\s-\s|--/;
const PHRASE_BREAK = /[,;:()[\]{}\u2014\u2013]|\s-\s|--/;
/** "develop-\nment": a word hyphenated across a line break is one word. */
const LINE_HYPHEN = /^-[ \t]*(?:\r\n|\r|\n)[ \t]*$/;

/**
 * "non-interference" is one word, the opposite of "interference": patterns for
 * interference must not fire inside the principle of non-interference. Patterns
 * join "non-" the same way (lexicon/pattern.ts).
 */
function joinsNonPrefix(t: Tokens, between: string): boolean {
  const last = t.count - 1;
  return between === '-' && t.words[last] === 'non' && t.ends[last] - t.starts[last] === 3;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet known, 1 letter or digit, 2 neither. */
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, boolean>();
for (let c = 0; c < 128; c++) BMP_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    let k = BMP_CLASS[cp];
    if (k === 0) {
      // Lone surrogates are never letters (the u-flag regex sees them as code points of category Cs).
      k = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      BMP_CLASS[cp] = k;
    }
    return k === 1;
  }
  let known = ASTRAL_CLASS.get(cp);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(cp));
    ASTRAL_CLASS.set(cp, known);
  }
  return known;
}

/** Width in code units of the word character at `i`, or 0 when text[i] does not start one. */
function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return BMP_CLASS[c] === 1 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return isWordCodePoint((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) ? 2 : 0;
  }
  return isWordCodePoint(c) ? 1 : 0;
}

/** The utterance lowercased, when slicing it gives each word's own lowercase form. */
function lowercasedWhole(text: string): string | undefined {
  if (text.includes('\u03a3')) return undefined; // Σ lowercases by context (final sigma)
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

export function tokenize(text: string): Tokens {
  const t: Tokens = { count: 0, words: [], starts: [], ends: [], clause: [], phrase: [] };
  const lower = lowercasedWhole(text);
  const n = text.length;
  let clause = 0;
  let phrase = 0;
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    let w = wordCharWidth(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    do {
      i += w;
    } while (i < n && (w = wordCharWidth(text, i)) > 0);
    const end = i;
    const word = lower !== undefined ? lower.slice(start, end) : text.slice(start, end).toLowerCase();
    // Fast path: most words are separated by one plain space.
    const plainSpace = start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32;
    if (t.count > 0 && !plainSpace) {
      const between = text.slice(prevEnd, start);
      if (LINE_HYPHEN.test(between) || joinsNonPrefix(t, between)) {
        const last = t.count - 1;
        t.words[last] += word;
        t.ends[last] = end;
        prevEnd = end;
        continue;
      }
      if (between.length > 0) {
        if (CLAUSE_BREAK.test(between)) clause++;
        if (PHRASE_BREAK.test(between)) phrase++;
      }
    }
    t.words.push(word);
    t.starts.push(start);
    t.ends.push(end);
    t.clause.push(clause);
    t.phrase.push(phrase);
    t.count++;
    prevEnd = end;
  }
  return t;
}
