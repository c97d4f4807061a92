// Which words the term layer weighs: letters only, three or more, not an English
// stop word (natural's list). The tagger and the fitter share this test, so a
// stem fitted from "ones" is never credited to the word "on".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// natural's package entry loads database clients: read its stop-word list alone.
const STOPWORDS: ReadonlySet<string> = new Set((require('natural/lib/natural/util/stopwords') as { words: string[] }).words);

const LETTERS = /^\p{L}+$/u;

export function isTermWord(word: string): boolean {
  return word.length >= 3 && (isAsciiLowercase(word) || LETTERS.test(word)) && !STOPWORDS.has(word);
}

/** a-z only: letters for LETTERS too, without running the regular expression (the words it sees are lowercased). */
function isAsciiLowercase(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}
