// Key words in context, like quanteda's kwic(): a pattern is a word, a phrase
// (words separated by spaces) or globs (`*` any characters, `?` one), matched
// case-insensitively against whole words; each match comes with `window` words
// of context on each side, cut at the sentence's edges (an utterance is one
// sentence). Pure.
//
// Self-contained on purpose: report.html embeds the source text of
// compileKwicPattern and kwicMatches (with aggregate/words.ts' wordSpans), so
// the report's search finds exactly what `spiral kwic` finds.

/** A compiled pattern: one anchored, case-insensitive regular expression per word. */
export type KwicPattern = RegExp[];

/** Compile "interfer*", "internal affairs", "human right?"; null when the pattern has no word. */
export function compileKwicPattern(pattern: string): KwicPattern | null {
  const parts = pattern
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  return parts.map((part) => {
    const body = part
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    return new RegExp(`^${body}$`, 'iu');
  });
}

/** One match in a sentence: word positions (0-based, `to` inclusive) and text offsets of keyword and context. */
export interface KwicMatch {
  from: number;
  to: number;
  /** Offsets into the text: context start, keyword start, keyword end, context end. */
  preStart: number;
  start: number;
  end: number;
  postEnd: number;
}

/** Every match of `pattern` in `text`, left to right, not overlapping. `spans` are the text's word spans. */
export function kwicMatches(text: string, spans: Array<[number, number]>, pattern: KwicPattern, window: number): KwicMatch[] {
  const out: KwicMatch[] = [];
  const k = pattern.length;
  for (let i = 0; i + k <= spans.length; i++) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) ok = pattern[j].test(text.slice(spans[i + j][0], spans[i + j][1]));
    if (!ok) continue;
    const last = i + k - 1;
    const preStart = i - window > 0 ? spans[i - window][0] : 0;
    const postEnd = last + window < spans.length - 1 ? spans[last + window][1] : text.length;
    out.push({ from: i, to: last, preStart, start: spans[i][0], end: spans[last][1], postEnd });
    i = last;
  }
  return out;
}
