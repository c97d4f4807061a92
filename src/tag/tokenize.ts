// Word tokens of one utterance with offsets. Punctuation is not a token but
// shapes scope: `clause` changes at ; : dashes and brackets (patterns never match
// across it) and `phrase` also changes at commas (negation, attribution and
// concessive scopes end there).

export interface Tokens {
  count: number;
  words: string[]; // lowercased
  starts: number[]; // offsets into the utterance text
  ends: number[];
  clause: number[];
  phrase: number[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const CLAUSE_BREAK = /[;:()[\]{}\u2014\u2013]|\s-\s|--/;
const PHRASE_BREAK = /[,;:()[\]{}\u2014\u2013]|\s-\s|--/;
/** "develop-\nment": a word hyphenated across a line break is one word. */
const LINE_HYPHEN = /^-[ \t]*(?:\r\n|\r|\n)[ \t]*$/;

export function tokenize(text: string): Tokens {
  const t: Tokens = { count: 0, words: [], starts: [], ends: [], clause: [], phrase: [] };
  let clause = 0;
  let phrase = 0;
  let prevEnd = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    // Fast path: most words are separated by one plain space.
    const plainSpace = start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32;
    const between = plainSpace ? ' ' : text.slice(prevEnd, start);
    if (t.count > 0 && !plainSpace && LINE_HYPHEN.test(between)) {
      const last = t.count - 1;
      t.words[last] += m[0].toLowerCase();
      t.ends[last] = end;
      prevEnd = end;
      continue;
    }
    if (t.count > 0 && !plainSpace && between.length > 0) {
      if (CLAUSE_BREAK.test(between)) clause++;
      if (PHRASE_BREAK.test(between)) phrase++;
    }
    t.words.push(m[0].toLowerCase());
    t.starts.push(start);
    t.ends.push(end);
    t.clause.push(clause);
    t.phrase.push(phrase);
    t.count++;
    prevEnd = end;
  }
  return t;
}
