// Types of the ingest stage. Shared data (SourceDocument, DocumentRecord,
// DocMeta) lives in src/types.ts; these are ingest's own.
import type { DocMeta, DocumentRecord, MetaSource, SourceDocument } from '../types.js';

/** A file (or problem folder) found by discovery. */
export interface DiscoveredFile {
  root: string; // absolute folder the file was found under (a file given directly: its folder)
  abs: string; // absolute path
  rel: string; // posix path relative to root; problem folders end with '/'
  id: string; // unique, stable: rel, prefixed with the root's label when several roots are given
  /** A folder that could not be walked (rel ends with '/'): why. */
  problem?: 'unreadable' | 'name-not-utf8';
}

export interface DiscoverOptions {
  include?: string[];
  exclude?: string[];
  /** The run's own output folder (absolute): never walked as input. */
  outputDir?: string;
  /** Told about each folder left out on purpose (the output folder, an earlier run's folder). */
  warn?: (message: string) => void;
}

export type IngestItem = { kind: 'document'; doc: SourceDocument } | { kind: 'record'; record: DocumentRecord };

/** Raw metadata values as found in one source (front matter, a manifest row, ...), before checking. */
export type RawFields = Record<string, unknown>;

/** Checked metadata from one source. */
export interface MetaLayer {
  source: MetaSource;
  meta: DocMeta;
}

export const META_FIELDS = ['country', 'date', 'year', 'speaker', 'venue', 'audience', 'type', 'title'] as const;
export type MetaField = (typeof META_FIELDS)[number];
