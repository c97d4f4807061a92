// index.jsonl: one line per input file of a run, saying where its lines are in
// documents.jsonl, utterances.jsonl and recommendations.jsonl (byte offset,
// byte length, line count), a sha256 of those bytes, what they were made from
// (content, metadata and overlay hashes) and its score tallies. It lets a
// re-run reuse an unchanged file's lines without re-tagging it, and lets
// `spiral merge` interleave shard runs in discovery order. The first line is
// a header with the run key (code, output options, base lexicon). Each entry
// carries line_sha256, the hash of the entry itself: tallies and status are
// reused only from a line that still hashes to it (an edited line re-tags its
// file; merge refuses it).
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { RunKey } from './cache-key.js';
import { LINE_OUTPUTS, type FileResult } from './file.js';
import type { DocTally } from './tally.js';

export const INDEX_FILE = 'index.jsonl';
export const INDEX_FORMAT = 'spiral-run-index/1';

export interface IndexHeader {
  format: typeof INDEX_FORMAT;
  key: string;
  code: string;
  options: string;
  lexicon_base: string;
}

/** [byte offset, byte length, lines] of a file's section in one output. */
export type Span = [number, number, number];

export interface IndexEntry {
  id: string;
  content_sha256: string | null;
  meta_sha256: string;
  cases: Record<string, string | null>;
  documents: Span;
  utterances: Span;
  recommendations: Span;
  /** [byte offset, byte length, rows] of the file's rows in utterances.csv (one row per utterance line). */
  csv: Span;
  data_sha256: string;
  /** sha256 of those CSV rows: a re-run copies them instead of remaking them from the JSON lines. */
  csv_sha256: string;
  status: { ok: number; skipped: number; failed: number };
  utterance_count: number;
  bytes: number;
  tallies: DocTally[];
  /** sha256 of this entry's JSON without this field (lineHash). */
  line_sha256: string;
}

export function indexHeader(key: RunKey): IndexHeader {
  return { format: INDEX_FORMAT, key: key.key, code: key.code, options: key.options, lexicon_base: key.lexiconBase };
}

/** Where a file's rows were written in utterances.csv, and their hash. */
export interface CsvSection {
  offset: number;
  length: number;
  sha256: string;
}

/** The entry for a file written at `offsets` (the running byte offsets of the three outputs) with its CSV rows at `csv`. */
export function indexEntry(
  result: FileResult,
  offsets: [number, number, number],
  csv: CsvSection,
  metaSha256: string,
  cases: Record<string, string | null>,
): IndexEntry {
  const span = (i: 0 | 1 | 2): Span => [offsets[i], result.lengths[i], result.lines[i]];
  const entry: Omit<IndexEntry, 'line_sha256'> = {
    id: result.id,
    content_sha256: result.contentSha256,
    meta_sha256: metaSha256,
    cases,
    documents: span(0),
    utterances: span(1),
    recommendations: span(2),
    csv: [csv.offset, csv.length, result.lines[1]],
    data_sha256: result.dataSha256,
    csv_sha256: csv.sha256,
    status: result.status,
    utterance_count: result.utteranceCount,
    bytes: result.bytes,
    tallies: result.tallies,
  };
  return { ...entry, line_sha256: lineHash(entry) };
}

/** The hash an entry records of itself: sha256 of its JSON without line_sha256, keys in the order written. */
export function lineHash(entry: Omit<IndexEntry, 'line_sha256'> | IndexEntry): string {
  const { line_sha256: _own, ...rest } = entry as IndexEntry;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

export interface RunIndex {
  header: IndexHeader;
  entries: IndexEntry[];
  /** Lines that could not be read or do not hash to their line_sha256 (damaged, edited); their files are simply not in `entries`. */
  damaged: number[];
}

/** Read a run's index; undefined when there is none or its header is unreadable. */
export async function readRunIndex(runDir: string): Promise<RunIndex | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, INDEX_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const header = parseLine(lines[0]);
  if (!isHeader(header)) return undefined;
  const entries: IndexEntry[] = [];
  const damaged: number[] = [];
  // The piece after the last newline is empty, or a line cut short: not trusted.
  for (let i = 1; i < lines.length - 1; i++) {
    const entry = parseLine(lines[i]);
    if (isEntry(entry)) entries.push(entry);
    else damaged.push(i + 1);
  }
  if (lines[lines.length - 1] !== '') damaged.push(lines.length);
  return { header, entries, damaged };
}

function parseLine(line: string | undefined): unknown {
  if (!line) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isHeader(v: unknown): v is IndexHeader {
  const h = v as IndexHeader | undefined;
  return !!h && h.format === INDEX_FORMAT && typeof h.key === 'string';
}

const isSpan = (s: unknown): s is Span => Array.isArray(s) && s.length === 3 && s.every((n) => Number.isSafeInteger(n) && n >= 0);

function isEntry(v: unknown): v is IndexEntry {
  const e = v as IndexEntry | undefined;
  return (
    !!e &&
    typeof e.id === 'string' &&
    typeof e.meta_sha256 === 'string' &&
    typeof e.data_sha256 === 'string' &&
    (e.content_sha256 === null || typeof e.content_sha256 === 'string') &&
    !!e.cases &&
    typeof e.cases === 'object' &&
    isSpan(e.documents) &&
    isSpan(e.utterances) &&
    isSpan(e.recommendations) &&
    isSpan(e.csv) &&
    typeof e.csv_sha256 === 'string' &&
    !!e.status &&
    Array.isArray(e.tallies) &&
    Number.isSafeInteger(e.utterance_count) &&
    Number.isSafeInteger(e.bytes) &&
    typeof e.line_sha256 === 'string' &&
    e.line_sha256 === lineHash(e)
  );
}

export type EntryData = { ok: true; data: Buffer } | { ok: false; problem: string };

/**
 * An entry's three sections read back from a run's outputs (`handles` in
 * LINE_OUTPUTS order) and checked against its data_sha256.
 */
export async function readEntryData(handles: FileHandle[], entry: IndexEntry): Promise<EntryData> {
  const spans = entrySpans(entry);
  const data = Buffer.allocUnsafeSlow(spans.reduce((n, s) => n + s[1], 0));
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    const [offset, length] = spans[i];
    const { bytesRead } = await handles[i].read(data, at, length, offset);
    if (bytesRead !== length) return { ok: false, problem: `${LINE_OUTPUTS[i]} is shorter than its index says` };
    at += length;
  }
  if (createHash('sha256').update(data).digest('hex') !== entry.data_sha256) return { ok: false, problem: 'its lines differ from what the index recorded' };
  return { ok: true, data };
}

const entrySpans = (entry: IndexEntry): [Span, Span, Span] => [entry.documents, entry.utterances, entry.recommendations];

/** An entry's sections above this many bytes are copied in chunks (copyEntryData), never read whole. */
export const LARGE_ENTRY_BYTES = 64 << 20;
const COPY_CHUNK_BYTES = 1 << 20;

export const entryDataBytes = (entry: IndexEntry): number => entry.documents[1] + entry.utterances[1] + entry.recommendations[1];

/**
 * `length` bytes of `handle` from `offset`, read into `chunk` a piece at a time,
 * each added to `hash` and handed to `write` (valid only during its call);
 * false when the file ends first.
 */
async function copySpan(handle: FileHandle, [offset, length]: Span, chunk: Buffer, hash: Hash, write: (piece: Uint8Array) => Promise<void>): Promise<boolean> {
  for (let done = 0; done < length;) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, length - done), offset + done);
    if (bytesRead === 0) return false;
    const piece = chunk.subarray(0, bytesRead);
    hash.update(piece);
    await write(piece);
    done += bytesRead;
  }
  return true;
}

const copyChunk = (bytes: number) => Buffer.allocUnsafe(Math.max(1, Math.min(COPY_CHUNK_BYTES, bytes)));

/**
 * An entry's three sections, read in chunks of a megabyte and handed to
 * `write` (section index, chunk; a chunk is only valid during its call);
 * resolves to whether they hashed to data_sha256. A caller that must not
 * write bad bytes checks first with a `write` that does nothing.
 */
export async function copyEntryData(
  handles: FileHandle[],
  entry: IndexEntry,
  write: (section: 0 | 1 | 2, chunk: Uint8Array) => Promise<void>,
): Promise<EntryData | { ok: true }> {
  const hash = createHash('sha256');
  const spans = entrySpans(entry);
  const chunk = copyChunk(entryDataBytes(entry));
  for (const i of [0, 1, 2] as const) {
    if (!(await copySpan(handles[i], spans[i], chunk, hash, (piece) => write(i, piece)))) {
      return { ok: false, problem: `${LINE_OUTPUTS[i]} is shorter than its index says` };
    }
  }
  return hash.digest('hex') === entry.data_sha256 ? { ok: true } : { ok: false, problem: 'its lines differ from what the index recorded' };
}

/**
 * An entry's rows of utterances.csv (`handle`), in chunks of a megabyte handed
 * to `write` as copyEntryData does; resolves to whether they hashed to
 * csv_sha256. The rows are made from the utterance lines, so a caller whose
 * check fails can make them again instead.
 */
export async function copyEntryCsv(handle: FileHandle, entry: IndexEntry, write: (chunk: Uint8Array) => Promise<void>): Promise<boolean> {
  const hash = createHash('sha256');
  return (await copySpan(handle, entry.csv, copyChunk(entry.csv[1]), hash, write)) && hash.digest('hex') === entry.csv_sha256;
}

/** An entry's CSV rows read whole (a small file's), or undefined when they do not hash to csv_sha256. */
export async function readEntryCsv(handle: FileHandle, entry: IndexEntry): Promise<Buffer | undefined> {
  const rows = Buffer.allocUnsafeSlow(entry.csv[1]);
  const { bytesRead } = await handle.read(rows, 0, rows.length, entry.csv[0]);
  if (bytesRead !== rows.length) return undefined;
  return createHash('sha256').update(rows).digest('hex') === entry.csv_sha256 ? rows : undefined;
}

/**
 * A FileResult standing for an entry's (checked) bytes (`data` empty for an
 * entry copied in chunks), with its CSV rows when they were read and checked too.
 */
export function entryResult(entry: IndexEntry, data: Uint8Array, fromCache: boolean, csv?: Uint8Array): FileResult {
  const spans = entrySpans(entry);
  return {
    ...(csv ? { csv, csvSha256: entry.csv_sha256 } : {}),
    id: entry.id,
    data,
    lengths: [spans[0][1], spans[1][1], spans[2][1]],
    lines: [spans[0][2], spans[1][2], spans[2][2]],
    dataSha256: entry.data_sha256,
    tallies: entry.tallies,
    status: entry.status,
    utteranceCount: entry.utterance_count,
    bytes: entry.bytes,
    contentSha256: entry.content_sha256,
    caseCodes: Object.keys(entry.cases).sort(),
    fromCache,
  };
}

/** Open a run's three line outputs for reading, in LINE_OUTPUTS order. */
export async function openLineOutputs(dir: string): Promise<FileHandle[]> {
  const handles: FileHandle[] = [];
  try {
    for (const name of LINE_OUTPUTS) handles.push(await open(path.join(dir, name), 'r'));
    return handles;
  } catch (err) {
    await Promise.all(handles.map((h) => h.close()));
    throw err;
  }
}
