// `spiral classify`: discover → ingest → structure → segment → tag → run files.
// Files are handled by a pool of workers (or in this thread) a bounded window
// ahead of the writer, which takes their results strictly in discovery order:
// the output does not depend on the worker count, and memory stays flat (only
// the window's results and the per-country-year tallies are held). A file
// unchanged since the previous run in --out (or --cache) is copied from it. A
// large file is tagged by the writer itself when its turn comes, its lines
// written as they are made (stream-file.ts), and a large reused one copied in
// chunks: no file's whole output is ever held.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { discoverFiles, createIngestContext, type DiscoveredFile, type IngestContext } from '../ingest/index.js';
import type { CompiledSet } from '../lexicon/compiled-set.js';
import { openLexiconSet } from '../tag/open-set.js';
import type { DocMeta } from '../types.js';
import { lexiconParts, metaHash, overlayHashes, runKey, type LexiconParts, type RunKey } from './cache-key.js';
import { createExecutor, type Executor } from './pool.js';
import { openPreviousRun, type PreviousRun, type ReusedLarge } from './reuse.js';
import { RunError } from '../run/errors.js';
import { RunStaging } from '../run/staging.js';
import { entryResult, INDEX_FILE, indexEntry, indexHeader, type CsvSection } from './run-index.js';
import { inputsHash, selectShard, type Shard } from './shard.js';
import { streamFile, type SectionSink } from './stream-file.js';
import { ScoreTable } from './tally.js';
import { LINE_OUTPUTS, readDiscovered, type Deferred, type FileResult, type FileTaskEnv } from './file.js';
import { UTTERANCES_CSV, utterancesCsvHeader, writeUtterancesCsv } from './flat-outputs.js';

export interface ClassifyOptions {
  inputs: string[];
  outDir: string;
  lexiconDir: string;
  include?: string[];
  exclude?: string[];
  namePattern?: string;
  defaults?: DocMeta;
  format?: string;
  caseCountry?: string;
  /** Read every text file in this encoding instead of detecting it. */
  encoding?: string;
  shard?: Shard;
  /** Worker threads; 1 runs in this thread. Default: defaultWorkers(). */
  workers?: number;
  /** Reuse unchanged files from the run in this folder (default: outDir); false: tag everything. */
  cache?: string | false;
  /** spiral's cache folder for the compiled lexicon set (lexicon/cache.ts); false or absent: compile it afresh. */
  lexiconCache?: string | false;
  /** Heap cap of each worker thread (default WORKER_HEAP_LIMIT_MB); a batch beyond it runs in the main thread. */
  workerHeapLimitMb?: number;
  /** Files above this size are tagged in the main thread by the writer, their lines written as they come (default LARGE_FILE_BYTES). */
  largeFileBytes?: number;
  /** Input bytes a batch tags in memory at most; files past it are streamed like large ones (default BATCH_BYTES). */
  batchBytes?: number;
  /** Reused files whose lines are above this size are copied in chunks (default LARGE_ENTRY_BYTES). */
  largeEntryBytes?: number;
  /** Tag with a lexicon set whose rule examples fail (`--allow-failing-examples`): the failures become warnings. */
  allowFailingExamples?: boolean;
}

export interface ClassifyProgress {
  filesDone: number;
  filesTotal: number;
  utterances: number;
  bytes: number;
}

export interface ClassifySummary {
  outDir: string;
  filesDiscovered: number;
  filesFromCache: number;
  documents: { ok: number; skipped: number; failed: number };
  utterances: number;
  elapsedMs: number;
  workers: number;
  /** Batches redone in the main thread because a worker ran out of its capped heap. */
  workerOutOfMemory: number;
  /** Files tagged in the main thread for their size, their lines streamed (see LARGE_FILE_BYTES). */
  largeFilesInMainThread: number;
  lexicon: { name: string; version: string; hash: string };
  /** Folders under the inputs not read because they are outputs (this run's --out, earlier runs). */
  skippedFolders: string[];
  /** Failing rule examples of the lexicon set, when allowed (`file:line: message`); also in run.json's warnings. */
  lexiconWarnings: string[];
}

export const RUN_OUTPUTS = [...LINE_OUTPUTS, UTTERANCES_CSV, 'scores.csv', 'run.json', INDEX_FILE] as const;

/** Files per worker task: fewer, larger messages between threads (each one wakes the main thread). */
export const BATCH_FILES = 8;
/** Batches a worker may have ready ahead of the writer: enough to keep every worker busy, few enough to keep memory flat. */
export const WINDOW_PER_WORKER = 4;
/** The window when tagging in this thread: batches read ahead of tagging. */
export const MIN_WINDOW = 4;

/** Files per worker below which starting another thread costs more than it saves (a thread takes ~0.5 s to load). */
export const MIN_FILES_PER_WORKER = 8;

/** Default --workers: one per CPU, but no more than the corpus keeps busy (a handful of files runs in this thread). */
export function defaultWorkers(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(files / MIN_FILES_PER_WORKER)));
}

export async function classify(
  options: ClassifyOptions,
  onProgress: (p: ClassifyProgress) => void = () => {},
  now: () => number = Date.now,
): Promise<ClassifySummary> {
  const started = now();
  const {
    set,
    compiled,
    warnings: lexiconWarnings,
  } = await openLexiconSet(options.lexiconDir, {
    cacheDir: options.lexiconCache,
    allowFailingExamples: options.allowFailingExamples,
  });
  const parts = lexiconParts(set);
  const key = runKey(parts, options);
  const skippedFolders: string[] = [];
  const discovered = await discoverFiles(options.inputs, {
    include: options.include,
    exclude: options.exclude,
    outputDir: options.outDir,
    warn: (w) => skippedFolders.push(w),
  });
  const files = options.shard ? selectShard(discovered, options.shard) : discovered;
  const ingest = createIngestContext({ namePattern: options.namePattern, defaults: options.defaults, encoding: options.encoding });
  const staging = await RunStaging.open(options.outDir);
  let previous: PreviousRun | undefined;
  let executor: Executor | undefined;
  try {
    previous = options.cache === false ? undefined : await openPreviousRun(options.cache ?? options.outDir, key.key, parts, options.largeEntryBytes);
    executor = createExecutor(
      { workers: options.workers ?? defaultWorkers(files.length), heapLimitMb: options.workerHeapLimitMb },
      taskConfig(options, set.hash, compiled),
      set,
    );
    const writer = new RunWriter(staging, parts, key, executor, previous);
    const progress: ClassifyProgress = { filesDone: 0, filesTotal: files.length, utterances: 0, bytes: 0 };
    const produce = (batch: DiscoveredFile[]) => produceBatch(batch, ingest, previous, executor!);
    const window = Math.max(MIN_WINDOW, executor.workers * WINDOW_PER_WORKER);
    await inOrder(batches(files, BATCH_FILES), window, produce, async (results) => {
      for (const { file, meta, produced } of results) {
        const result = await writer.add(file, produced, meta);
        progress.filesDone++;
        progress.utterances += result.utteranceCount;
        progress.bytes += result.bytes;
      }
      onProgress(progress);
    });
    await writer.finish();
    const elapsedMs = now() - started;
    await staging.writeFile('scores.csv', writer.table.toCsv());
    const summary: ClassifySummary = {
      outDir: options.outDir,
      filesDiscovered: files.length,
      filesFromCache: writer.fromCache,
      documents: writer.totals,
      utterances: progress.utterances,
      elapsedMs,
      workers: executor.workers,
      workerOutOfMemory: executor.stats.outOfMemory,
      largeFilesInMainThread: executor.stats.largeFiles,
      lexicon: { name: set.name, version: set.version, hash: set.hash },
      skippedFolders,
      lexiconWarnings,
    };
    const warnings = [...lexiconWarnings.map((w) => `lexicon: ${w}`), ...skippedFolders, ...ingest.manifestWarnings()];
    const manifest = runManifest(options, summary, progress, warnings, { total: discovered.length, inputs: inputsHash(discovered) });
    await staging.writeFile('run.json', `${JSON.stringify(manifest, null, 2)}\n`);
    await staging.commit();
    return summary;
  } catch (err) {
    await staging.abort();
    throw err;
  } finally {
    await executor?.close();
    await previous?.close();
  }
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the writer gets for a file: its result, a file to tag and stream (large), or a large reused entry to copy. */
type Produced = FileResult | Deferred | ReusedLarge;

/** A batch's results in order: files unchanged since the previous run are copied from it, the rest tagged. */
async function produceBatch(batch: DiscoveredFile[], ingest: IngestContext, previous: PreviousRun | undefined, executor: Executor) {
  const metas = await Promise.all(batch.map((file) => metaHash(file, ingest)));
  const reused = previous ? await Promise.all(batch.map((file, i) => previous.lookup(file, metas[i]))) : [];
  const toTag = batch.filter((_, i) => !reused[i]);
  const tagged = toTag.length > 0 ? await executor.run(toTag) : [];
  let next = 0;
  return batch.map((file, i) => ({ file, meta: metas[i], produced: (reused[i] ?? tagged[next++]) as Produced }));
}

function taskConfig(options: ClassifyOptions, lexiconHash: string, compiled: CompiledSet) {
  return {
    lexiconDir: options.lexiconDir,
    lexiconHash,
    compiled,
    forceCase: options.caseCountry,
    namePattern: options.namePattern,
    defaults: options.defaults,
    format: options.format,
    encoding: options.encoding,
    largeFileBytes: options.largeFileBytes,
    batchBytes: options.batchBytes,
  };
}

/**
 * Start `produce` for up to `window` items ahead and hand the results to
 * `consume` in item order. A failure stops the run at the first failed item in
 * order; results still in flight are then dropped.
 */
export async function inOrder<T, R>(
  items: readonly T[],
  window: number,
  produce: (item: T) => Promise<R>,
  consume: (result: R, item: T) => Promise<void>,
): Promise<void> {
  const pending: Array<Promise<R>> = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < window) {
      const p = produce(items[next++]);
      p.catch(() => {}); // awaited in order below; this only stops an unhandled-rejection report
      pending.push(p);
    }
  };
  for (let i = 0; i < items.length; i++) {
    fill();
    const result = await pending.shift()!;
    fill();
    await consume(result, items[i]);
  }
}

/** Writes results in order: the three line outputs, the index with each file's spans, the tallies. */
class RunWriter {
  readonly table = new ScoreTable();
  readonly totals = { ok: 0, skipped: 0, failed: 0 };
  fromCache = 0;
  private readonly offsets: [number, number, number] = [0, 0, 0];
  /** Bytes of utterances.csv written so far (its header included): where the next file's rows go. */
  private csvOffset = 0;
  private started = false;

  constructor(
    private readonly staging: RunStaging,
    private readonly parts: LexiconParts,
    private readonly key: RunKey,
    private readonly executor: Executor,
    private readonly previous: PreviousRun | undefined,
  ) {}

  /** Write a file's lines (tagging a large one now, copying a large reused one) and its index entry; its result, for the counts. */
  async add(file: DiscoveredFile, produced: Produced, metaSha256: string): Promise<FileResult> {
    if (!this.started) {
      await this.staging.write(INDEX_FILE, `${JSON.stringify(indexHeader(this.key))}\n`);
      await this.writeCsv(utterancesCsvHeader());
      this.started = true;
    }
    const start: [number, number, number] = [...this.offsets];
    let result: FileResult;
    if ('deferred' in produced) result = await this.stream(file, produced, this.executor.env());
    else if ('reuse' in produced) result = await this.copy(produced);
    else {
      result = produced;
      let at = 0;
      for (let i = 0; i < LINE_OUTPUTS.length; i++) {
        await this.staging.write(LINE_OUTPUTS[i], result.data.subarray(at, at + result.lengths[i]));
        at += result.lengths[i];
      }
    }
    const csv = await this.addCsvRows(result, produced, start[1]);
    const entry = indexEntry(result, start, csv, metaSha256, overlayHashes(this.parts, result.caseCodes));
    await this.staging.write(INDEX_FILE, `${JSON.stringify(entry)}\n`);
    for (let i = 0; i < LINE_OUTPUTS.length; i++) this.offsets[i] += result.lengths[i];
    for (const t of result.tallies) this.table.add(t);
    for (const k of ['ok', 'skipped', 'failed'] as const) this.totals[k] += result.status[k];
    if (result.fromCache) this.fromCache++;
    return result;
  }

  /**
   * A file's utterances.csv rows. A file tagged in a batch brings them, made
   * from its utterances where it was tagged; a reused one has them copied from
   * the previous run when they check out; otherwise (a streamed file, rows
   * that do not check out) they are made from the lines just written (the same
   * rows, from their JSON), never the whole file in memory at once.
   */
  private async addCsvRows(result: FileResult, produced: Produced, utterancesOffset: number): Promise<CsvSection> {
    const offset = this.csvOffset;
    if (result.csv && result.csvSha256) {
      await this.writeCsv(result.csv);
      return { offset, length: result.csv.byteLength, sha256: result.csvSha256 };
    }
    if ('reuse' in produced && produced.csv) {
      const copied = await this.previous!.copyCsv(produced.reuse, (chunk) => this.writeCsv(chunk));
      if (!copied)
        throw new RunError(
          `the previous run's utterances.csv rows of ${produced.reuse.id} changed while they were being copied (was another process writing it?); run classify again`,
        );
      return { offset, length: produced.reuse.csv[1], sha256: produced.reuse.csv_sha256 };
    }
    const made = await writeUtterancesCsv(this.staging, utterancesOffset, result.lengths[1]);
    this.csvOffset += made.length;
    return { offset, ...made };
  }

  private async writeCsv(chunk: string | Uint8Array): Promise<void> {
    await this.staging.write(UTTERANCES_CSV, chunk);
    this.csvOffset += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  }

  /** Where a streamed file's sections go: the outputs, from the current offsets. */
  private sink(): SectionSink {
    const start = [...this.offsets];
    const written: [number, number, number] = [0, 0, 0];
    return {
      write: async (section, text) => {
        const bytes = Buffer.from(text, 'utf8');
        await this.staging.write(LINE_OUTPUTS[section], bytes);
        written[section] += bytes.length;
      },
      lengths: () => [...written],
      rewind: async (lengths) => {
        for (const i of [0, 1, 2] as const) {
          await this.staging.rewind(LINE_OUTPUTS[i], start[i] + lengths[i]);
          written[i] = lengths[i];
        }
      },
    };
  }

  /** Tag a large file in this thread, its lines written as they come; its data hash read back from the outputs. */
  private async stream(file: DiscoveredFile, deferred: Deferred, env: FileTaskEnv): Promise<FileResult> {
    if (deferred.reason === 'large') this.executor.stats.largeFiles++;
    const streamed = await streamFile(file, await readDiscovered(file, env.ingest), env, this.sink());
    return { ...streamed, data: new Uint8Array(0), dataSha256: await this.hashWritten(streamed.lengths) };
  }

  /** sha256 of the sections just written from the current offsets (documents, utterances, recommendations, in that order). */
  private async hashWritten(lengths: [number, number, number]): Promise<string> {
    const hash = createHash('sha256');
    for (let i = 0; i < LINE_OUTPUTS.length; i++) await this.staging.readBack(LINE_OUTPUTS[i], this.offsets[i], lengths[i], (chunk) => hash.update(chunk));
    return hash.digest('hex');
  }

  /** A large reused file: its sections copied from the previous run in chunks (checked again on the way). */
  private async copy({ reuse: entry }: ReusedLarge): Promise<FileResult> {
    const copied = await this.previous!.copy(entry, (section, chunk) => this.staging.write(LINE_OUTPUTS[section], chunk));
    if (!copied) {
      throw new RunError(`the previous run's lines of ${entry.id} changed while they were being copied (was another process writing it?); run classify again`);
    }
    return entryResult(entry, new Uint8Array(0), true);
  }

  /** An empty run still has every output (and an index header). */
  async finish(): Promise<void> {
    if (!this.started) {
      await this.staging.write(INDEX_FILE, `${JSON.stringify(indexHeader(this.key))}\n`);
      await this.staging.write(UTTERANCES_CSV, utterancesCsvHeader());
    }
    for (const name of LINE_OUTPUTS) await this.staging.write(name, '');
  }
}

function runManifest(
  options: ClassifyOptions,
  summary: ClassifySummary,
  progress: ClassifyProgress,
  warnings: string[],
  inputs: { total: number; inputs: string },
) {
  const seconds = summary.elapsedMs / 1000;
  return {
    tool: 'spiral',
    lexicon: { ...summary.lexicon, dir: options.lexiconDir },
    options: {
      inputs: options.inputs,
      include: options.include ?? null,
      exclude: options.exclude ?? null,
      name_pattern: options.namePattern ?? null,
      defaults: options.defaults ?? {},
      format: options.format ?? null,
      case: options.caseCountry ?? null,
      encoding: options.encoding ?? null,
      shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
    },
    inputs: { files: inputs.total, ids_sha256: inputs.inputs },
    counts: {
      files_discovered: summary.filesDiscovered,
      files_from_cache: summary.filesFromCache,
      files_tagged: summary.filesDiscovered - summary.filesFromCache,
      documents_ok: summary.documents.ok,
      documents_skipped: summary.documents.skipped,
      documents_failed: summary.documents.failed,
      utterances: summary.utterances,
      bytes: progress.bytes,
    },
    warnings,
    workers: summary.workers,
    worker_out_of_memory: summary.workerOutOfMemory,
    large_files_in_main_thread: summary.largeFilesInMainThread,
    cache: options.cache === false ? null : (options.cache ?? options.outDir),
    timings: {
      elapsed_ms: summary.elapsedMs,
      mb_per_s: seconds > 0 ? Number((progress.bytes / 1e6 / seconds).toFixed(3)) : null,
      utterances_per_s: seconds > 0 ? Math.round(progress.utterances / seconds) : null,
    },
  };
}
