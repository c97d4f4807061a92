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

/** Each heading as a whitespace-tolerant pattern (headings are split across lines and spaced with tabs). */
export const HEADING_PATTERNS: ReadonlyArray<{ kind: HeadingKind; pattern: RegExp }> = [
  // Case-sensitive initial: "the introduction of a law" is no heading.
  { kind: 'introduction', pattern: /\b(?:Introduction|INTRODUCTION)\b\**/g },
  { kind: 'summary', pattern: /\bI\.\s*summary\s+of\s+the\s+proceedings\s+of\s+the\s+review\s+process\b\**/gi },
  { kind: 'presentation', pattern: /(?:\bA\.\s*)?presentation\s+by\s+the\s+state\s+under\s+review\b\**/gi },
  {
    kind: 'dialogue',
    pattern: /(?:\bB\.\s*)?interactive\s+dialogue\s+and\s+responses\s+by\s+the\s+state\s+under\s+review\b\**/gi,
  },
  { kind: 'conclusions', pattern: /(?:\bI{1,3}\.\s*)?conclusions\s+and(?:\s*\/\s*or)?\s+recommendations\b[*:.]*/gi },
  {
    kind: 'commitments',
    pattern: /(?:\b(?:III|IV)\.\s*)?voluntary\s+(?:pledges\s+and\s+)?commitments(?:\s+of\s+the\s+state\s+under\s+review)?\b\**/gi,
  },
  {
    kind: 'annex',
    // "Annex" alone on its line, or "(Annex) Composition of the delegation".
    pattern: /(?:\bannex\b\s*)?composition\s+of\s+the\s+delegation\b\**|(?<=^|[\r\n])[ \t]*annex\b[ \t*]*(?=[\r\n]|$)/gi,
  },
];

/** Every occurrence of every heading, in text order. */
export function findHeadings(text: string): HeadingMatch[] {
  const found: HeadingMatch[] = [];
  for (const { kind, pattern } of HEADING_PATTERNS) {
    for (const m of text.matchAll(pattern)) found.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}
