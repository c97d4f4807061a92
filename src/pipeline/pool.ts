// Where file tasks run: in this thread (`--workers 1`) or in a piscina pool of
// worker threads. Workers run the compiled dist/pipeline/worker.js; from the
// TypeScript sources (tests) that file is looked up in dist/, which must be built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { DiscoveredFile } from '../ingest/index.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTaskEnv, runFileBatch, type FileResult, type TaskConfig } from './task.js';

export interface Executor {
  readonly workers: number;
  /** Tag a batch of consecutive files; results in the same order. */
  run(files: DiscoveredFile[]): Promise<FileResult[]>;
  close(): Promise<void>;
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

export function createExecutor(workers: number, config: TaskConfig, set: LexiconSet): Executor {
  if (workers <= 1) {
    const env = createTaskEnv(config, set);
    return { workers: 1, run: (files) => runFileBatch(files, env), close: async () => {} };
  }
  const filename = workerScript();
  if (!existsSync(filename)) throw new WorkerScriptMissingError(filename);
  const pool = new Piscina({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    workerData: config,
  });
  return {
    workers,
    run: (files) => pool.run(files) as Promise<FileResult[]>,
    close: () => pool.destroy(),
  };
}
