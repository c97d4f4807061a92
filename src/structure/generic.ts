// The fallback for any document no specific parser recognises: everything is
// the document's own country speaking, in one block: the segmenter decides where
// blank lines end sentences (a page break inside a sentence must not split it).
import type { DocMeta } from '../types.js';
import type { DocumentStructure, StructureBlock, StructureParser } from './types.js';

export const GENERIC_PARSER_NAME = 'generic';

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
  const blocks: StructureBlock[] = whole ? [{ ...whole, attribution: { speaker: meta.country, speaker_role: 'self', reported: false } }] : [];
  return { parser: GENERIC_PARSER_NAME, blocks, recommendations: [], warnings: [] };
}

export const genericParser: StructureParser = {
  name: GENERIC_PARSER_NAME,
  detect: () => true,
  parse: parseGeneric,
};
