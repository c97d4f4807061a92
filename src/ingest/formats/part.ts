// What a format reader returns: one part per document in the file (one for most
// formats, one per record for JSON/JSONL). A part without text is skipped or failed.
import type { MetaSource } from '../../types.js';
import type { RawFields } from '../types.js';
import type { Decoded } from '../decode.js';

export interface Part {
  /** 1-based record number in a JSON/JSONL file: the document id gets `#n`. */
  index?: number;
  text?: string;
  encoding?: string;
  /** Metadata the document carries itself (front matter, record fields, HTML meta). */
  own?: { fields: RawFields; source: Extract<MetaSource, 'record' | 'front_matter'> };
  warnings: string[];
  status?: 'skipped' | 'failed';
  reason?: string;
}

/** How to read a file: `encoding` forces the text encoding (--encoding, a manifest's `encoding`); binary formats ignore it. */
export interface ReadOptions {
  encoding?: string;
}

export type FormatReader = (bytes: Uint8Array, options?: ReadOptions) => Promise<Part[]>;

/** A part for a file that could not be decoded. */
export function undecodable(decoded: Extract<Decoded, { ok: false }>): Part {
  return { warnings: [], status: decoded.status, reason: decoded.reason };
}
