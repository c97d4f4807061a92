// The fallback for any document no specific parser recognises: everything is
// the document's own country speaking, in one block: the segmenter decides where
// blank lines end sentences (a page break inside a sentence must not split it).
import type { DocMeta } from '../types.js';
import type { DocumentStructure, StructureBlock, StructureParser } from './types.js';

export const GENERIC_PARSER_NAME = 'generic';

/** Offsets of the non-blank paragraphs of `text` (split at blank lines), trimmed of surrounding whitespace. */
export function blankLineParagraphs(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const separator = /(?:\r\n|\r|\n)[ \t\f\u00a0]*(?:\r\n|\r|\n)\s*/g;
  let from = 0;
  const push = (start: number, end: number): void => {
    const trimmed = trimSpan(text, start, end);
    if (trimmed) spans.push(trimmed);
  };
  for (const m of text.matchAll(separator)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return spans;
}

/** The span without leading and trailing whitespace, or undefined when nothing is left. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : undefined;
}

function parseGeneric(text: string, meta: DocMeta): DocumentStructure {
  const whole = trimSpan(text, 0, text.length);
  const blocks: StructureBlock[] = whole
    ? [{ ...whole, attribution: { speaker: meta.country, speaker_role: 'self', reported: false } }]
    : [];
  return { parser: GENERIC_PARSER_NAME, blocks, recommendations: [], warnings: [] };
}

export const genericParser: StructureParser = {
  name: GENERIC_PARSER_NAME,
  detect: () => true,
  parse: parseGeneric,
};
