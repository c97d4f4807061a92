// Where file tasks run: in this thread (`--workers 1`) or in a piscina pool of
// worker threads. Workers run the compiled dist/pipeline/worker.js; from the
// TypeScript sources (tests) that file is looked up in dist/, which must be built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { DiscoveredFile } from '../ingest/index.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTaskEnv, runFileBatch, type Deferred, type FileResult, type FileTaskEnv, type TaskConfig } from './file.js';

export interface Executor {
  readonly workers: number;
  readonly stats: ExecutorStats;
  /** Tag a batch of consecutive files; results in the same order. */
  run(files: DiscoveredFile[]): Promise<FileResult[]>;
  close(): Promise<void>;
}

export interface ExecutorStats {
  /** Batches a worker could not hold in its capped heap, redone in the main thread. */
  outOfMemory: number;
  /** Files the workers left to the main thread for their size. */
  largeFiles: number;
}

/** Tasks a worker holds at once: the second one's files are read while the first is tagged. */
const TASKS_PER_WORKER = 2;

export class WorkerScriptMissingError extends Error {
  readonly userFacing = true;
  constructor(file: string) {
    super(`worker script not found: ${file} (build spiral first: npm run build)`);
    this.name = 'WorkerScriptMissingError';
  }
}

/** dist/pipeline/worker.js, whether this module runs from dist/ or from src/. */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const fromDist = here.endsWith('.js') ? new URL('./worker.js', import.meta.url) : new URL('../../dist/pipeline/worker.js', import.meta.url);
  return fileURLToPath(fromDist);
}

/**
 * Old-generation heap cap per worker. A worker's live data is ~90 MB (models,
 * lexicon, vocabulary); uncapped, V8 let each worker's heap grow to ~300 MB
 * between collections, which on its own costs hundreds of MB of RSS. Large
 * files never go to a worker (LARGE_FILE_BYTES), so the cap is not reached in
 * practice; if it is, the batch is redone in the main thread, whose heap is not
 * capped. (Node may abort the process when a worker runs out of memory while
 * V8 compiles in the background: one more reason to keep large files away.)
 */
export const WORKER_HEAP_LIMIT_MB = 512;
/** After this many batches ran out of worker memory, the rest run in the main thread. */
export const MAX_WORKER_OOM = 3;

export interface ExecutorOptions {
  workers: number;
  heapLimitMb?: number;
}

export function createExecutor(options: ExecutorOptions, config: TaskConfig, set: LexiconSet): Executor {
  let env: FileTaskEnv | undefined;
  const inProcess = (files: DiscoveredFile[]) => runFileBatch(files, (env ??= createTaskEnv(config, set)));
  const stats: ExecutorStats = { outOfMemory: 0, largeFiles: 0 };
  if (options.workers <= 1) return { workers: 1, stats, run: inProcess, close: async () => {} };
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
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? WORKER_HEAP_LIMIT_MB },
    }));
  return {
    workers: options.workers,
    stats,
    run: (files) => runOnPool(files, (batch) => started().run(batch) as Promise<Array<FileResult | Deferred>>, inProcess, stats),
    close: async () => {
      await pool?.destroy();
    },
  };
}

/**
 * A batch on the worker pool, with the main thread as the fallback: for files
 * the workers left to it (large), for a batch that ran out of worker memory,
 * and for everything once that has happened MAX_WORKER_OOM times.
 */
export async function runOnPool(
  files: DiscoveredFile[],
  onPool: (files: DiscoveredFile[]) => Promise<Array<FileResult | Deferred>>,
  inProcess: (files: DiscoveredFile[]) => Promise<FileResult[]>,
  stats: ExecutorStats,
): Promise<FileResult[]> {
  if (stats.outOfMemory >= MAX_WORKER_OOM) return inProcess(files);
  let results: Array<FileResult | Deferred>;
  try {
    results = await onPool(files);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw err;
    stats.outOfMemory++;
    return inProcess(files);
  }
  const out: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const r = results[i];
    if ('deferred' in r) {
      stats.largeFiles++;
      out.push(...(await inProcess([files[i]])));
    } else out.push(r);
  }
  return out;
}
