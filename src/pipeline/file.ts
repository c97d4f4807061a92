// One discovered file through ingest and processing, serialised to the lines it
// contributes to each output (one JSON text per line, without its newline). The
// lines stay separate strings: joined with `+=` they would form a rope that
// must be flattened again before encoding.
import { ingestFile } from '../ingest/index.js';
import type { DiscoveredFile, IngestContext, IngestItem } from '../ingest/index.js';
import type { Tagger } from '../tag/tagger.js';
import type { DocumentRecord } from '../types.js';
import { processDocument, type ProcessOptions } from './process.js';
import { tallyDocument, type DocTally } from './tally.js';

export interface FileOutput {
  id: string;
  documents: string[];
  utterances: string[];
  recommendations: string[];
  tallies: DocTally[];
  status: { ok: number; skipped: number; failed: number };
  utteranceCount: number;
  bytes: number;
}

/** One output line's JSON text; the newline is added when the lines are encoded (appending it here would make a rope to flatten again). */
const line = (value: unknown) => JSON.stringify(value);

export type ReadResult = { items: IngestItem[] } | { error: Error };

/** The I/O half: read and decode a file (may run ahead of processing). */
export async function readDiscovered(file: DiscoveredFile, ingest: IngestContext): Promise<ReadResult> {
  try {
    return { items: await ingestFile(file, ingest) };
  } catch (err) {
    return { error: err as Error };
  }
}

export async function processFile(file: DiscoveredFile, ingest: IngestContext, tagger: Tagger, options: ProcessOptions): Promise<FileOutput> {
  return processRead(file, await readDiscovered(file, ingest), tagger, options);
}

/** The CPU half: structure, segment and tag what was read. */
export function processRead(file: DiscoveredFile, read: ReadResult, tagger: Tagger, options: ProcessOptions): FileOutput {
  const out: FileOutput = {
    id: file.id,
    documents: [],
    utterances: [],
    recommendations: [],
    tallies: [],
    status: { ok: 0, skipped: 0, failed: 0 },
    utteranceCount: 0,
    bytes: 0,
  };
  if ('error' in read) {
    addRecord(out, failedRecord(file, `ingest failed: ${read.error.message}`));
    return out;
  }
  for (const item of read.items) {
    if (item.kind === 'record') {
      addRecord(out, item.record);
      continue;
    }
    try {
      const processed = processDocument(item.doc, tagger, options);
      addRecord(out, processed.record);
      out.bytes = Math.max(out.bytes, item.doc.bytes);
      for (const u of processed.utterances) out.utterances.push(line(u));
      for (const r of processed.recommendations) out.recommendations.push(line(r));
      out.utteranceCount += processed.utterances.length;
      out.tallies.push(tallyDocument(item.doc.meta, processed.utterances));
    } catch (err) {
      if ((err as { name?: string }).name === 'UnknownFormatError') throw err;
      addRecord(out, failedRecord(file, `processing failed: ${(err as Error).message}`, item.doc.id, item.doc.meta));
    }
  }
  return out;
}

function addRecord(out: FileOutput, record: DocumentRecord): void {
  out.documents.push(line(record));
  out.status[record.status]++;
  if (record.status !== 'ok' && record.bytes) out.bytes = Math.max(out.bytes, record.bytes);
}

function failedRecord(file: DiscoveredFile, reason: string, id = file.id, meta = {}): DocumentRecord {
  return { id, path: file.rel, status: 'failed', reason, meta, utterances: 0 };
}
