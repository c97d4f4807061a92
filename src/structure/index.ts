// Registry of document-structure parsers. The first parser whose `detect`
// accepts a document parses it; `generic` accepts everything and comes last.
// A `--format` override names the parser to use instead.
import type { DocMeta } from '../types.js';
import { genericParser } from './generic.js';
import type { DocumentStructure, StructureParser } from './types.js';
import { uprWorkingGroupParser } from './upr/parser.js';

export type { DocumentStructure, Recommendation, RecommendationPosition, StructureBlock, StructureParser } from './types.js';

export const PARSERS: StructureParser[] = [uprWorkingGroupParser, genericParser];

/** Thrown when `--format` names no registered parser. */
export class UnknownFormatError extends Error {
  constructor(readonly format: string) {
    super(`unknown document format "${format}" (known: ${PARSERS.map((p) => p.name).join(', ')})`);
    this.name = 'UnknownFormatError';
  }
}

/** The parser for a document: the one `format` names, else the first that detects it. */
export function selectParser(text: string, meta: DocMeta, format?: string): StructureParser {
  if (format !== undefined) {
    const named = PARSERS.find((p) => p.name === format);
    if (!named) throw new UnknownFormatError(format);
    return named;
  }
  return PARSERS.find((p) => p.detect(text, meta)) ?? genericParser;
}

/** Split a document into attributed blocks and recommendations. */
export function structureDocument(text: string, meta: DocMeta, format?: string): DocumentStructure {
  return selectParser(text, meta, format).parse(text, meta);
}
