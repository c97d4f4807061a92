// Where file tasks run: in this thread (`--workers 1`) or in a piscina pool of
// worker threads. Workers run the compiled dist/pipeline/worker.js; from the
// TypeScript sources (tests) that file is looked up in dist/, which must be built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { DiscoveredFile } from '../ingest/index.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTaskEnv, LARGE_FILE_BYTES, runWorkerBatch, type Deferred, type FileResult, type FileTaskEnv, type TaskConfig } from './file.js';
import { UserFacingError } from '../errors.js';

export interface Executor {
  readonly workers: number;
  readonly stats: ExecutorStats;
  /**
   * Tag a batch of consecutive files; results in the same order. A file above
   * the large-file size, or every file of a batch that ran a worker out of
   * memory, comes back Deferred: the writer streams it in the main thread.
   */
  run(files: DiscoveredFile[]): Promise<Array<FileResult | Deferred>>;
  /** The main thread's tagger and ingest context (for deferred files). */
  env(): FileTaskEnv;
  close(): Promise<void>;
}

export interface ExecutorStats {
  /** Batches a worker could not hold in its capped heap, redone in the main thread. */
  outOfMemory: number;
  /** Files left to the main thread for their size (counted by the writer that streams them). */
  largeFiles: number;
}

/** Tasks a worker holds at once: the second one's files are read while the first is tagged. */
const TASKS_PER_WORKER = 2;

export class WorkerScriptMissingError extends UserFacingError {
  constructor(file: string) {
    super(`worker script not found: ${file} (build spiral first: npm run build)`);
  }
}

/** dist/pipeline/worker.js, whether this module runs from dist/ or from src/. */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const fromDist = here.endsWith('.js') ? new URL('./worker.js', import.meta.url) : new URL('../../dist/pipeline/worker.js', import.meta.url);
  return fileURLToPath(fromDist);
}

/**
 * Old-generation heap cap per worker. A worker's live data is ~60-90 MB (models,
 * lexicon, vocabulary); uncapped, V8 let each worker's heap grow to ~300 MB
 * between collections, which on its own costs hundreds of MB of RSS. Large
 * files never go to a worker (LARGE_FILE_BYTES), so the cap is not reached in
 * practice; if it is, the batch is redone in the main thread, whose heap is not
 * capped. (Node may abort the process when a worker runs out of memory while
 * V8 compiles in the background: one more reason to keep large files away.)
 */
export const WORKER_HEAP_LIMIT_MB = 512;
/**
 * Young-generation cap per worker. Left to V8, each worker's new space grows
 * to 32 MB (two 16 MB semi-spaces) beside its ~60 MB of live data: memory
 * for objects that die young, counted in the run's peak RSS. Tagging
 * allocates mostly short-lived strings (a file's lines are encoded as soon as
 * it is tagged), so a smaller young generation mostly collects more often:
 * the full General Debate corpus with 2 workers peaked at 545 MB of RSS with
 * V8's default, 484 MB with 16 MB (4% more CPU), 460 MB with 8 MB (~15% more).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;
/** After this many batches ran out of worker memory, the rest run in the main thread. */
export const MAX_WORKER_OOM = 3;

export interface ExecutorOptions {
  workers: number;
  heapLimitMb?: number;
}

export function createExecutor(options: ExecutorOptions, config: TaskConfig, set: LexiconSet): Executor {
  let env: FileTaskEnv | undefined;
  const mainEnv = () => (env ??= createTaskEnv(config, set));
  const inProcess = (files: DiscoveredFile[]) => runWorkerBatch(files, mainEnv(), config.largeFileBytes ?? LARGE_FILE_BYTES, config.batchBytes);
  const stats: ExecutorStats = { outOfMemory: 0, largeFiles: 0 };
  if (options.workers <= 1) return { workers: 1, stats, run: inProcess, env: mainEnv, close: async () => {} };
  const filename = workerScript();
  if (!existsSync(filename)) throw new WorkerScriptMissingError(filename);
  // Started with the first batch that needs tagging: a re-run that reuses every file starts no thread.
  let pool: Piscina | undefined;
  const started = () =>
    (pool ??= new Piscina({
      filename,
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      // The compiled set goes along (config.compiled), so workers neither parse YAML nor compile patterns.
      workerData: config,
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? WORKER_HEAP_LIMIT_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    }));
  return {
    workers: options.workers,
    stats,
    run: (files) => runOnPool(files, (batch) => started().run(batch) as Promise<Array<FileResult | Deferred>>, inProcess, stats),
    env: mainEnv,
    close: async () => {
      await pool?.destroy();
    },
  };
}

/**
 * A batch on the worker pool, with the main thread as the fallback: a batch
 * that ran a worker out of memory comes back deferred (each file streamed by
 * the writer, whose memory does not grow with a file's output), and
 * everything runs in the main thread once that has happened MAX_WORKER_OOM
 * times. Files the workers left for their size stay deferred.
 */
export async function runOnPool(
  files: DiscoveredFile[],
  onPool: (files: DiscoveredFile[]) => Promise<Array<FileResult | Deferred>>,
  inProcess: (files: DiscoveredFile[]) => Promise<Array<FileResult | Deferred>>,
  stats: ExecutorStats,
): Promise<Array<FileResult | Deferred>> {
  if (stats.outOfMemory >= MAX_WORKER_OOM) return inProcess(files);
  try {
    return await onPool(files);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw err;
    stats.outOfMemory++;
    return files.map((f) => ({ id: f.id, deferred: true as const, reason: 'out-of-memory' as const }));
  }
}
