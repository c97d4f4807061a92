// The unit of work of a classify run: one discovered file in, its output lines
// out, packed into one byte buffer. The same function runs in-process
// (`--workers 1`) and in the worker threads, so the worker count cannot change
// a byte of the output. Encoding to UTF-8 and hashing happen here, on the
// worker, so the main thread only writes bytes.
import { createHash } from 'node:crypto';
import { createIngestContext, type DiscoveredFile, type IngestContext } from '../ingest/index.js';
import { loadLexiconSet } from '../lexicon/load.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTagger, type Tagger } from '../tag/tagger.js';
import type { DocMeta } from '../types.js';
import { processRead, readDiscovered, type ReadResult } from './file.js';
import type { ProcessOptions } from './process.js';
import type { DocTally } from './tally.js';

/** The three line outputs of a run, in the order their sections are packed. */
export const LINE_OUTPUTS = ['documents.jsonl', 'utterances.jsonl', 'recommendations.jsonl'] as const;
export type LineOutput = (typeof LINE_OUTPUTS)[number];

export interface FileResult {
  id: string;
  /** documents, utterances and recommendations lines of this file, concatenated (UTF-8). */
  data: Uint8Array;
  /** Byte length of each section of `data`, in LINE_OUTPUTS order. */
  lengths: [number, number, number];
  /** Number of lines in each section. */
  lines: [number, number, number];
  /** sha256 of `data`: checks a reused section is what was written. */
  dataSha256: string;
  tallies: DocTally[];
  status: { ok: number; skipped: number; failed: number };
  utteranceCount: number;
  bytes: number;
  /** sha256 of the file's raw bytes when every document of it was read from those bytes; null when unknown. */
  contentSha256: string | null;
  /** The case-overlay codes the tagger consulted (the forced case or each document's country). */
  caseCodes: string[];
  fromCache: boolean;
}

export interface FileTaskEnv {
  tagger: Tagger;
  ingest: IngestContext;
  process: ProcessOptions;
  forceCase?: string;
}

export async function runFileTask(file: DiscoveredFile, env: FileTaskEnv): Promise<FileResult> {
  const read = await readDiscovered(file, env.ingest);
  const out = processRead(file, read, env.tagger, env.process);
  const { data, lengths } = pack([out.documents, out.utterances, out.recommendations]);
  return {
    id: file.id,
    data,
    lengths,
    lines: [countLines(out.documents), out.utteranceCount, countLines(out.recommendations)],
    dataSha256: createHash('sha256').update(data).digest('hex'),
    tallies: out.tallies,
    status: out.status,
    utteranceCount: out.utteranceCount,
    bytes: out.bytes,
    contentSha256: contentHashOf(read),
    caseCodes: caseCodesOf(read, env.forceCase),
    fromCache: false,
  };
}

/**
 * The sections in one buffer of its own (never a slice of Node's shared pool:
 * the buffer is transferred to the main thread, which detaches it here).
 */
function pack(sections: [string, string, string]): { data: Buffer; lengths: [number, number, number] } {
  const lengths = sections.map((s) => Buffer.byteLength(s, 'utf8')) as [number, number, number];
  const data = Buffer.allocUnsafeSlow(lengths[0] + lengths[1] + lengths[2]);
  let offset = 0;
  sections.forEach((s, i) => {
    offset += data.write(s, offset, lengths[i], 'utf8');
  });
  return { data, lengths };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The one raw-bytes hash every item of the file carries, or null (unread, or read twice with different bytes). */
function contentHashOf(read: ReadResult): string | null {
  if ('error' in read || read.items.length === 0) return null;
  const hashes = new Set(read.items.map((item) => (item.kind === 'document' ? item.doc.sha256 : item.record.sha256)));
  if (hashes.size !== 1) return null;
  const [hash] = hashes;
  return hash ?? null;
}

function caseCodesOf(read: ReadResult, forceCase: string | undefined): string[] {
  if ('error' in read) return [];
  const codes = new Set<string>();
  for (const item of read.items) {
    if (item.kind !== 'document') continue;
    const code = forceCase ?? item.doc.meta.country;
    if (code) codes.add(code);
  }
  return [...codes].sort();
}

/** What a worker needs to build its own tagger and ingest context: plain data, cloned into each thread. */
export interface TaskConfig {
  lexiconDir: string;
  /** The set hash the main thread loaded: a worker that reads another set refuses to run. */
  lexiconHash: string;
  forceCase?: string;
  namePattern?: string;
  defaults?: DocMeta;
  format?: string;
}

export class LexiconChangedError extends Error {
  readonly userFacing = true;
  constructor(dir: string) {
    super(`the lexicon set in ${dir} changed while the run was starting; run again`);
    this.name = 'LexiconChangedError';
  }
}

export function createTaskEnv(config: TaskConfig, set: LexiconSet = loadLexiconSet(config.lexiconDir)): FileTaskEnv {
  if (set.hash !== config.lexiconHash) throw new LexiconChangedError(config.lexiconDir);
  return {
    tagger: createTagger(set, { forceCase: config.forceCase }),
    ingest: createIngestContext({ namePattern: config.namePattern, defaults: config.defaults }),
    process: { format: config.format },
    forceCase: config.forceCase,
  };
}
