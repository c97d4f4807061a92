// A large file through the pipeline with its output written as it is made. A
// file's output is about 15 times its size; held whole (file.ts packs it into
// one buffer, its lines as strings first), one 200 MB text needed more than a
// 4 GB heap and aborted the run. A file above LARGE_FILE_BYTES is therefore
// tagged in the main thread by the run's writer, when its turn comes, and its
// lines go to the outputs in batches of about a megabyte: what is held is the
// file's decoded text (bounded by MAX_FILE_BYTES) and one batch. The lines and
// their order are those linesOfFile gives, byte for byte.
import { documentLine } from './flat-outputs.js';
import type { DiscoveredFile } from '../ingest/index.js';
import { structureDocument } from '../structure/index.js';
import type { DocumentRecord } from '../types.js';
import { documentRecord, recommendationsOf, taggedUtterances } from './document.js';
import { caseCodesOf, contentHashOf, failedRecord, type FileResult, type FileTaskEnv, type ReadResult } from './file.js';
import { countUtterance, emptyTally } from './tally.js';

/** Characters of JSON lines gathered before they are written (about a megabyte of output). */
export const STREAM_BATCH_CHARS = 1 << 20;

/** Where a streamed file's lines go: section 0, 1, 2 in LINE_OUTPUTS order (documents, utterances, recommendations). */
export interface SectionSink {
  /** Append complete lines (each ending in a newline) to a section. */
  write(section: 0 | 1 | 2, text: string): Promise<void>;
  /** The byte length of each section so far. */
  lengths(): [number, number, number];
  /** Cut the sections back to `lengths` (taken earlier): a document that failed half-way. */
  rewind(lengths: [number, number, number]): Promise<void>;
}

/** A streamed file's result: a FileResult without its bytes (they are in the outputs already). */
export type StreamedResult = Omit<FileResult, 'data' | 'dataSha256'>;

/** A failure of the sink (a full disk): not the document's fault, so it stops the run instead of failing the document. */
class SinkFailure extends Error {
  constructor(readonly failure: unknown) {
    super('sink failure');
  }
}

/** JSON lines of one section, gathered and written in batches. */
class LineBatch {
  private lines: string[] = [];
  private chars = 0;
  count = 0;

  constructor(
    private readonly sink: SectionSink,
    private readonly section: 0 | 1 | 2,
    private readonly batchChars: number,
  ) {}

  async add(value: unknown): Promise<void> {
    const line = JSON.stringify(value);
    this.lines.push(line);
    this.chars += line.length + 1;
    this.count++;
    if (this.chars >= this.batchChars) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.chars = 0;
    await this.sink.write(this.section, text).catch((err: unknown) => {
      throw new SinkFailure(err);
    });
  }

  /** Forget lines not yet written (after a rewind of the sink). */
  drop(count: number): void {
    this.lines = [];
    this.chars = 0;
    this.count = count;
  }
}

/** The CPU half of a file (linesOfFile), its lines written to `sink` in batches of about `batchChars` as they come. */
export async function streamFile(
  file: DiscoveredFile,
  read: ReadResult,
  env: FileTaskEnv,
  sink: SectionSink,
  batchChars: number = STREAM_BATCH_CHARS,
): Promise<StreamedResult> {
  try {
    return await streamLines(file, read, env, sink, batchChars);
  } catch (err) {
    throw err instanceof SinkFailure ? err.failure : err;
  }
}

async function streamLines(file: DiscoveredFile, read: ReadResult, env: FileTaskEnv, sink: SectionSink, batchChars: number): Promise<StreamedResult> {
  const sections = [new LineBatch(sink, 0, batchChars), new LineBatch(sink, 1, batchChars), new LineBatch(sink, 2, batchChars)] as const;
  const result: StreamedResult = {
    id: file.id,
    lengths: [0, 0, 0],
    lines: [0, 0, 0],
    tallies: [],
    status: { ok: 0, skipped: 0, failed: 0 },
    utteranceCount: 0,
    bytes: 0,
    contentSha256: contentHashOf(read),
    caseCodes: caseCodesOf(read, env.forceCase),
    fromCache: false,
  };
  const addRecord = async (record: DocumentRecord) => {
    // The documents.jsonl line as the in-memory path writes it (country and year beside meta).
    await sections[0].add(documentLine(record));
    result.status[record.status]++;
    if (record.status !== 'ok' && record.bytes) result.bytes = Math.max(result.bytes, record.bytes);
  };
  if ('error' in read) {
    await addRecord(failedRecord(file, `ingest failed: ${read.error.message}`));
  } else {
    for (const item of read.items) {
      if (item.kind === 'record') {
        await addRecord(item.record);
        continue;
      }
      const doc = item.doc;
      for (const s of sections) await s.flush();
      const mark = sink.lengths();
      const counts = sections.map((s) => s.count);
      try {
        const structure = structureDocument(doc.text, doc.meta, env.document.format);
        const tally = emptyTally(doc.meta);
        let utterances = 0;
        for (const u of taggedUtterances(doc, structure, env.tagger)) {
          await sections[1].add(u);
          countUtterance(tally, u);
          utterances++;
        }
        for (const r of recommendationsOf(doc, structure)) await sections[2].add(r);
        await addRecord(documentRecord(doc, structure, utterances));
        result.bytes = Math.max(result.bytes, doc.bytes);
        result.utteranceCount += utterances;
        result.tallies.push(tally);
      } catch (err) {
        if (err instanceof SinkFailure) throw err;
        if ((err as { name?: string }).name === 'UnknownFormatError') throw err;
        await sink.rewind(mark);
        sections.forEach((s, i) => s.drop(counts[i]));
        await addRecord(failedRecord(file, `processing failed: ${(err as Error).message}`, doc.id, doc.meta));
      }
    }
  }
  for (const s of sections) await s.flush();
  result.lengths = sink.lengths();
  result.lines = [sections[0].count, sections[1].count, sections[2].count];
  return result;
}
