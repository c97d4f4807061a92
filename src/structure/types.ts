// The interface between document-structure parsers and the rest of spiral.
// A parser says which spans of a document are speech (blocks), who speaks in
// each, and which recommendations the document records. It reads no files.
import type { Attribution, DocMeta } from '../types.js';

/**
 * A span the segmenter splits into sentences. Offsets into the document text;
 * text outside every block (headings, page furniture, TOC, footnote markers) is
 * not segmented, nor is text in the block's `removed` holes.
 */
export interface StructureBlock {
  start: number;
  end: number;
  /**
   * Page furniture and footnotes inside the span (sorted, disjoint, strictly
   * inside): left out of every utterance's text, so a sentence that runs over a
   * page break reads on without them. Absent when there are none.
   */
  removed?: Array<{ start: number; end: number }>;
  attribution: Attribution;
  paragraph?: string; // the paragraph number that precedes the block ("12", "89.3"), kept outside the span
}

export type RecommendationPosition = 'supported' | 'to_be_examined' | 'noted' | 'rejected';

export interface Recommendation {
  reviewed: string; // ISO3 of the State under review
  recommending: string[]; // ISO3 of the recommending States, in order of mention
  number: string; // e.g. "89.12"
  text: string;
  position?: RecommendationPosition;
  start: number;
  end: number;
}

export interface DocumentStructure {
  parser: string;
  blocks: StructureBlock[];
  recommendations: Recommendation[];
  warnings: string[];
}

export interface StructureParser {
  name: string;
  detect(text: string, meta: DocMeta): boolean;
  parse(text: string, meta: DocMeta): DocumentStructure;
}
