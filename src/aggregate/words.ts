// Words of a sentence, for per-1,000-word rates (`scores --by document`),
// keyness and key words in context. A word is a run of letters and digits,
// with inner apostrophes and hyphens kept ("government's", "human-rights"),
// as quanteda's tokens() keeps them by default; punctuation is not a word.
//
// Self-contained on purpose (no imports, no outside names): report.html embeds
// the source text of wordSpans, so the report's search cuts words exactly as
// the command line does.

/** [start, end] offsets (UTF-16, into `text`) of every word, in order. */
export function wordSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const word = /[\p{L}\p{N}\p{M}]+(?:['’\-‐][\p{L}\p{N}\p{M}]+)*/gu;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** The number of words in `text`. */
export function countWords(text: string): number {
  return wordSpans(text).length;
}

/** The words of `text`, lower-cased (the features keyness counts). */
export function lowerWords(text: string): string[] {
  return wordSpans(text).map(([s, e]) => text.slice(s, e).toLowerCase());
}
