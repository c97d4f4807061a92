// One discovered file through the pipeline, the unit of work of a classify run:
// read (ingest), each of its documents classified (document.ts), its output lines
// packed into one byte buffer (a FileResult). The same functions run in-process
// (`--workers 1`) and in the worker threads, so the worker count cannot change a
// byte of the output. Encoding to UTF-8 and hashing happen here, on the worker,
// so the main thread only writes bytes.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createIngestContext, ingestFile, type DiscoveredFile, type IngestContext, type IngestItem } from '../ingest/index.js';
import { openCompiledSet, type CompiledSet } from '../lexicon/compiled-set.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTagger, type Tagger } from '../tag/tagger.js';
import type { DocMeta, DocumentRecord } from '../types.js';
import { documentRecord, recommendationsOf, taggedUtterances, type DocumentOptions } from './document.js';
import { structureDocument } from '../structure/index.js';
import { documentLine, utteranceCsvRow } from './flat-outputs.js';
import { countUtterance, emptyTally, type DocTally } from './tally.js';
import { UserFacingError } from '../errors.js';

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
  /**
   * The file's utterances.csv rows (UTF-8), made where it was tagged from the
   * utterances themselves (the same rows as from their JSON lines). Absent for
   * lines copied from an earlier run: the writer makes those from the bytes.
   */
  csv?: Uint8Array;
  /** sha256 of `csv`, when it is there (made beside it, in the worker that made the rows). */
  csvSha256?: string;
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
  document: DocumentOptions;
  forceCase?: string;
}

/** Where a file's lines go, one at a time: kept as strings (an array) or encoded as they come (a ByteSink). */
export interface LineSink {
  push(line: string): unknown;
}

/** Where a sink stood (markOf), to take back what a document that failed half-way pushed (rewindTo). */
type SinkMark = number | ByteSinkMark;
const markOf = (sink: LineSink): SinkMark => (sink instanceof ByteSink ? sink.mark() : (sink as string[]).length);
function rewindTo(sink: LineSink, mark: SinkMark): void {
  if (sink instanceof ByteSink) sink.rewind(mark as ByteSinkMark);
  else (sink as string[]).length = mark as number;
}

/** A file's lines in sinks of type S, and what was counted while they were made. */
export interface FileLinesIn<S extends LineSink> {
  id: string;
  documents: S;
  utterances: S;
  recommendations: S;
  /** The utterances' utterances.csv rows, each with its newline. */
  csvRows: S;
  tallies: DocTally[];
  status: { ok: number; skipped: number; failed: number };
  utteranceCount: number;
  bytes: number;
}

/**
 * A file's lines, still separate strings (joined with `+=` they would form a
 * rope that must be flattened again before encoding).
 */
export type FileLines = FileLinesIn<string[]>;

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

/** The CPU half: structure, segment and tag what was read, into the lines of each output (one JSON text per line, no newline). */
export function linesOfFile(file: DiscoveredFile, read: ReadResult, tagger: Tagger, options: DocumentOptions): FileLines {
  return linesInto(file, read, tagger, options, () => []);
}

/** linesOfFile, each output's lines pushed to a sink of its own as they are made. */
function linesInto<S extends LineSink>(
  file: DiscoveredFile,
  read: ReadResult,
  tagger: Tagger,
  options: DocumentOptions,
  sink: (lines: 'json' | 'csv') => S,
): FileLinesIn<S> {
  const out: FileLinesIn<S> = {
    id: file.id,
    documents: sink('json'),
    utterances: sink('json'),
    recommendations: sink('json'),
    csvRows: sink('csv'),
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
    // Each utterance's lines are made as soon as it is tagged (as classifyDocument would
    // give them, one after the other), so no document's utterances are all held at once;
    // a document that fails half-way takes back the lines it made, as stream-file.ts does.
    const doc = item.doc;
    const lineSinks = [out.utterances, out.csvRows, out.recommendations];
    const marks = lineSinks.map(markOf);
    try {
      const structure = structureDocument(doc.text, doc.meta, options.format);
      const tally = emptyTally(doc.meta);
      let utterances = 0;
      for (const u of taggedUtterances(doc, structure, tagger)) {
        out.utterances.push(line(u));
        out.csvRows.push(utteranceCsvRow(u as unknown as Record<string, unknown>));
        countUtterance(tally, u);
        utterances++;
      }
      const recommendations = recommendationsOf(doc, structure);
      addRecord(out, documentRecord(doc, structure, utterances));
      out.bytes = Math.max(out.bytes, doc.bytes);
      for (const r of recommendations) out.recommendations.push(line(r));
      out.utteranceCount += utterances;
      out.tallies.push(tally);
    } catch (err) {
      if ((err as { name?: string }).name === 'UnknownFormatError') throw err;
      lineSinks.forEach((sink, i) => rewindTo(sink, marks[i]));
      addRecord(out, failedRecord(file, `processing failed: ${(err as Error).message}`, doc.id, doc.meta));
    }
  }
  return out;
}

function addRecord(out: FileLinesIn<LineSink>, record: DocumentRecord): void {
  out.documents.push(line(documentLine(record)));
  out.status[record.status]++;
  if (record.status !== 'ok' && record.bytes) out.bytes = Math.max(out.bytes, record.bytes);
}

export function failedRecord(file: DiscoveredFile, reason: string, id = file.id, meta = {}): DocumentRecord {
  return { id, path: file.rel, status: 'failed', reason, meta, utterances: 0 };
}

/**
 * Consecutive files, one after the other (a worker's task: fewer messages
 * between threads than one file each). Each line is encoded as soon as it is
 * made (ByteSink), so its string dies young instead of living, and being
 * copied by the young-generation collector, until its file is done; each
 * file's lines then go into a buffer of its own of exactly their size
 * (`data` and `csv` are views of it), so nothing outlives the batch: no
 * encoding scratch is kept between batches (a shared one grew to the largest
 * batch and stayed, ~10 MB per worker on the General Debate corpus).
 */
export async function runFileBatch(files: DiscoveredFile[], env: FileTaskEnv): Promise<FileResult[]> {
  // All of the batch's files are read at once (while another batch is tagged); then the batch is tagged.
  const reads = await Promise.all(files.map((file) => readDiscovered(file, env.ingest)));
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    // JSON lines get their newline here; CSV rows carry theirs.
    const { documents, utterances, recommendations, csvRows, ...rest } = linesInto(files[i], reads[i], env.tagger, env.document, (lines) =>
      lines === 'json' ? new ByteSink(NEWLINE) : new ByteSink(),
    );
    const sections = [documents, utterances, recommendations] as const;
    const lengths: [number, number, number] = [documents.byteLength, utterances.byteLength, recommendations.byteLength];
    const dataLength = lengths[0] + lengths[1] + lengths[2];
    // Never a slice of Node's shared pool: the buffer is transferred to the main thread, which detaches it here.
    const bytes = Buffer.allocUnsafeSlow(dataLength + csvRows.byteLength);
    let at = 0;
    for (const section of sections) at = section.copyTo(bytes, at);
    csvRows.copyTo(bytes, at);
    for (const sink of [...sections, csvRows]) sink.release();
    const data = bytes.subarray(0, dataLength);
    const csv = bytes.subarray(dataLength);
    results.push({
      id: rest.id,
      data,
      lengths,
      lines: [documents.length, utterances.length, recommendations.length],
      dataSha256: createHash('sha256').update(data).digest('hex'),
      csv,
      csvSha256: createHash('sha256').update(csv).digest('hex'),
      tallies: rest.tallies,
      status: rest.status,
      utteranceCount: rest.utteranceCount,
      bytes: rest.bytes,
      contentSha256: contentHashOf(reads[i]),
      caseCodes: caseCodesOf(reads[i], env.forceCase),
      fromCache: false,
    });
  }
  return results;
}

const NEWLINE = 0x0a;

/**
 * ByteSinks write into chunks of this size, taken from a pool of the thread's
 * and given back once their file is copied out: a thread encodes one file at
 * a time, so a few chunks serve every file, and no chunk is left for the
 * collector to find. A line longer than a chunk gets a buffer of its own.
 */
export const BYTE_SINK_CHUNK = 64 << 10;
/** Chunks the pool keeps at most (4 MB per thread); a larger file's extra chunks are let go. */
const MAX_POOLED_CHUNKS = 64;
const chunkPool: Buffer[] = [];

/** Keep a chunk for the next sink, if it is a pool chunk and the pool has room. */
function pool(chunk: Buffer): void {
  if (chunk.length === BYTE_SINK_CHUNK && chunkPool.length < MAX_POOLED_CHUNKS) chunkPool.push(chunk);
}

/** Where a ByteSink stood: its filled chunks, its current chunk and how much of it was used, its counts. */
export interface ByteSinkMark {
  filled: number;
  chunk: Buffer | undefined;
  at: number;
  byteLength: number;
  length: number;
}

/**
 * Lines encoded to UTF-8 as they are pushed, each followed by the separator
 * byte if one is given, into chunks of bytes off the V8 heap; `copyTo` writes
 * them out in order, `release` gives the chunks back. A line whose UTF-8
 * length is its length in code units is ASCII, whose UTF-8 bytes are its
 * Latin-1 bytes: it is copied as such (about a quarter of the time of encoding it;
 * nine lines in ten of the General Debate corpus).
 */
export class ByteSink implements LineSink {
  /** Lines pushed. */
  length = 0;
  /** Their bytes, separators included. */
  byteLength = 0;
  /** Filled chunks and how much of each is used. */
  private readonly chunks: Buffer[] = [];
  private readonly used: number[] = [];
  private chunk: Buffer | undefined;
  private at = 0;

  constructor(private readonly separator?: number) {}

  push(line: string): void {
    const n = Buffer.byteLength(line, 'utf8');
    const size = this.separator === undefined ? n : n + 1;
    let chunk = this.chunk;
    if (chunk === undefined || chunk.length - this.at < size) {
      if (chunk !== undefined) {
        this.chunks.push(chunk);
        this.used.push(this.at);
      }
      chunk = this.chunk = size <= BYTE_SINK_CHUNK ? (chunkPool.pop() ?? Buffer.allocUnsafeSlow(BYTE_SINK_CHUNK)) : Buffer.allocUnsafeSlow(size);
      this.at = 0;
    }
    this.at += chunk.write(line, this.at, n === line.length ? 'latin1' : 'utf8');
    if (this.separator !== undefined) chunk[this.at++] = this.separator;
    this.byteLength += size;
    this.length++;
  }

  /** Write the bytes into `target` from `offset`; returns the offset after them. */
  copyTo(target: Buffer, offset: number): number {
    this.chunks.forEach((c, i) => (offset += c.copy(target, offset, 0, this.used[i])));
    return this.chunk === undefined ? offset : offset + this.chunk.copy(target, offset, 0, this.at);
  }

  /** Where the sink stands: `rewind` takes it back there. */
  mark(): ByteSinkMark {
    return { filled: this.chunks.length, chunk: this.chunk, at: this.at, byteLength: this.byteLength, length: this.length };
  }

  /** Take back every line pushed since `mark` (chunks started since go back to the pool). */
  rewind(mark: ByteSinkMark): void {
    if (this.chunk !== mark.chunk) {
      // The mark's chunk, if any, was filled after it: it is the first of the filled chunks since, and current again.
      const since = this.chunks.splice(mark.filled);
      this.used.length = mark.filled;
      if (mark.chunk !== undefined) since.shift();
      if (this.chunk !== undefined) since.push(this.chunk);
      for (const c of since) pool(c);
      this.chunk = mark.chunk;
    }
    this.at = mark.at;
    this.byteLength = mark.byteLength;
    this.length = mark.length;
  }

  /** Give the chunks back to the pool; the sink is empty and must not be read again. */
  release(): void {
    if (this.chunk !== undefined) this.chunks.push(this.chunk);
    for (const c of this.chunks) pool(c);
    this.chunks.length = 0;
    this.used.length = 0;
    this.chunk = undefined;
    this.at = 0;
  }
}

/**
 * Files above this size are not tagged in a batch (a worker's or the main
 * thread's) but left to the run's writer, which tags them in the main thread
 * and writes their lines as they come (stream-file.ts): a file's output is
 * about 15 times its size, too much to hold for a large file, and a worker's
 * heap is capped (pool.ts). UN statements are tens of kB; such files are rare.
 */
export const LARGE_FILE_BYTES = 8 << 20;

/** A file a batch left to the writer: for its size, or because its batch ran a worker out of memory. */
export interface Deferred {
  id: string;
  deferred: true;
  reason: 'large' | 'out-of-memory';
}

/**
 * Input bytes a batch tags in memory at most: a file that would take the
 * batch past this is deferred like a large one. A batch's results are held
 * until the writer takes them (several batches ahead), so eight files just
 * under LARGE_FILE_BYTES must not form one batch.
 */
export const BATCH_BYTES = 8 << 20;

/** Which files of a batch are tagged in it: each within `largeFileBytes`, all together within `batchBytes`, in order. */
export function fitsInBatch(sizes: readonly number[], largeFileBytes: number, batchBytes: number): boolean[] {
  let left = batchBytes;
  return sizes.map((size) => {
    if (size > largeFileBytes || size > left) return false;
    left -= size;
    return true;
  });
}

/** A batch: like runFileBatch, but files above `largeFileBytes`, or past `batchBytes` in all, come back as Deferred. */
export async function runWorkerBatch(
  files: DiscoveredFile[],
  env: FileTaskEnv,
  largeFileBytes: number,
  batchBytes: number = BATCH_BYTES,
): Promise<Array<FileResult | Deferred>> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file.abs).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const fits = fitsInBatch(sizes, largeFileBytes, batchBytes);
  const small = files.filter((_, i) => fits[i]);
  const results = small.length > 0 ? await runFileBatch(small, env) : [];
  let next = 0;
  return files.map((file, i) => (fits[i] ? results[next++] : { id: file.id, deferred: true as const, reason: 'large' as const }));
}

/** The one raw-bytes hash every item of the file carries, or null (unread, or read twice with different bytes). */
export function contentHashOf(read: ReadResult): string | null {
  if ('error' in read || read.items.length === 0) return null;
  const hashes = new Set(read.items.map((item) => (item.kind === 'document' ? item.doc.sha256 : item.record.sha256)));
  if (hashes.size !== 1) return null;
  const [hash] = hashes;
  return hash ?? null;
}

export function caseCodesOf(read: ReadResult, forceCase: string | undefined): string[] {
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
  /** The set as the main thread compiled it (tag/open-set.ts): a worker neither parses YAML nor compiles patterns. */
  compiled: CompiledSet;
  /** Files above this size are left to the main thread (default LARGE_FILE_BYTES). */
  largeFileBytes?: number;
  /** Input bytes a batch tags in memory at most (default BATCH_BYTES). */
  batchBytes?: number;
  forceCase?: string;
  namePattern?: string;
  defaults?: DocMeta;
  format?: string;
  encoding?: string;
}

export class LexiconChangedError extends UserFacingError {
  constructor(dir: string) {
    super(`the lexicon set in ${dir} changed while the run was starting; run again`);
  }
}

export function createTaskEnv(config: TaskConfig, set: LexiconSet = openCompiledSet(config.compiled, config.lexiconDir)): FileTaskEnv {
  if (set.hash !== config.lexiconHash) throw new LexiconChangedError(config.lexiconDir);
  return {
    tagger: createTagger(set, { forceCase: config.forceCase, compiled: config.compiled }),
    ingest: createIngestContext({ namePattern: config.namePattern, defaults: config.defaults, encoding: config.encoding }),
    document: { format: config.format },
    forceCase: config.forceCase,
  };
}
