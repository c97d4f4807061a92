// The section headings of a UPR Working Group report, wherever they occur:
// in the table of contents (followed by dot leaders and page numbers), at the
// top of their section (followed by a numbered paragraph), or glued to the end
// of the previous paragraph's line. Which occurrences are real is decided by
// the parser, which knows where the numbered paragraphs are.

export type HeadingKind =
  | 'introduction'
  | 'summary' // "I. Summary of the proceedings of the review process": a heading, no section of its own
  | 'presentation'
  | 'dialogue'
  | 'conclusions'
  | 'commitments' // "III. Voluntary pledges and commitments" (some 2008–2011 reports)
  | 'annex';

export interface HeadingMatch {
  kind: HeadingKind;
  start: number;
  end: number;
}

/**
 * Each heading as a whitespace-tolerant pattern (headings are split across
 * lines and spaced with tabs). Patterns begin with a literal word so the regex
 * engine can skip ahead; a section letter or numeral before the heading ("A.",
 * "II.") is added by `withNumeral`.
 */
export const HEADING_PATTERNS: ReadonlyArray<{ kind: HeadingKind; pattern: RegExp; aloneOnLine?: true }> = [
  // Case-sensitive initial: "the introduction of a law" is no heading.
  { kind: 'introduction', pattern: /\b(?:Introduction|INTRODUCTION)\b\**/g },
  { kind: 'summary', pattern: /summary\s+of\s+the\s+proceedings\s+of\s+the\s+review\s+process\b\**/gi },
  { kind: 'presentation', pattern: /presentation\s+by\s+the\s+state\s+under\s+review\b\**/gi },
  { kind: 'dialogue', pattern: /interactive\s+dialogue\s+and\s+responses\s+by\s+the\s+state\s+under\s+review\b\**/gi },
  { kind: 'conclusions', pattern: /conclusions\s+and(?:\s*\/\s*or)?\s+recommendations\b[*:.]*/gi },
  { kind: 'commitments', pattern: /voluntary\s+(?:pledges\s+and\s+)?commitments(?:\s+of\s+the\s+state\s+under\s+review)?\b\**/gi },
  { kind: 'annex', pattern: /composition\s+of\s+the\s+delegation\b\**/gi },
  // "Annex" alone on its line, checked in code (a multiline ^...$ pattern is slow on long texts).
  { kind: 'annex', pattern: /\bannex\b[ \t*]*/gi, aloneOnLine: true },
];

function aloneOnLine(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return (i < 0 || text[i] === '\n' || text[i] === '\r') && (end >= text.length || text[end] === '\n' || text[end] === '\r');
}

/** A section letter or numeral right before a heading: "A. ", "II.\t". */
const NUMERAL_BEFORE = /\b(?:[A-H]|[IVX]{1,4})\.\s*$/;

/** Start of the heading including its section letter or numeral, if one precedes it. */
function withNumeral(text: string, start: number): number {
  const before = NUMERAL_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
  return before ? start - before[0].length : start;
}

/** Every occurrence of every heading, in text order. */
export function findHeadings(text: string): HeadingMatch[] {
  const found: HeadingMatch[] = [];
  for (const { kind, pattern, aloneOnLine: alone } of HEADING_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (alone && !aloneOnLine(text, m.index, end)) continue;
      found.push({ kind, start: withNumeral(text, m.index), end });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}
