// The fallback for any document no specific parser recognises: everything is
// the document's own country speaking, in one block: the segmenter decides where
// blank lines end sentences (a page break inside a sentence must not split it).
// Page furniture (running heads and feet: page numbers, job numbers, document
// symbols, furniture.ts) is no one's words: it becomes holes in the block, so a
// sentence that runs over a page break reads on without it.
import type { DocMeta } from '../types.js';
import { pageFurniture } from './furniture.js';
import { spanWithHoles } from './spans.js';
import type { DocumentStructure, StructureBlock, StructureParser } from './types.js';

export const GENERIC_PARSER_NAME = 'generic';

function parseGeneric(text: string, meta: DocMeta): DocumentStructure {
  const whole = spanWithHoles(text, 0, text.length, pageFurniture(text));
  const blocks: StructureBlock[] = [];
  if (whole) {
    const attribution = { speaker: meta.country, speaker_role: 'self' as const, reported: false };
    blocks.push({ start: whole.start, end: whole.end, ...(whole.removed.length ? { removed: whole.removed } : {}), attribution });
  }
  return { parser: GENERIC_PARSER_NAME, blocks, recommendations: [], warnings: [] };
}

export const genericParser: StructureParser = {
  name: GENERIC_PARSER_NAME,
  detect: () => true,
  parse: parseGeneric,
};
