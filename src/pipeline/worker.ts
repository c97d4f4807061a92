// Worker-thread entry for piscina (compiled to dist/pipeline/worker.js). Each
// thread builds its tagger once from the run's TaskConfig, then handles a batch
// of consecutive files per task; the batch's packed output buffer is
// transferred, not copied.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { DiscoveredFile } from '../ingest/index.js';
import { createTaskEnv, LARGE_FILE_BYTES, runWorkerBatch, type Deferred, type FileResult, type FileTaskEnv, type TaskConfig } from './file.js';

// Built as soon as the thread starts (while the main thread still discovers
// files); a failure is reported by the first task.
const ready: Promise<FileTaskEnv> = Promise.resolve().then(() => warmedUp(createTaskEnv(workerData as TaskConfig)));
ready.catch(() => {});

/** Tag one sentence so lazily loaded models (negation) load before the first file. */
function warmedUp(env: FileTaskEnv): FileTaskEnv {
  env.tagger.tag('We do not deny it.');
  return env;
}

export default async function classifyFiles(files: DiscoveredFile[]): Promise<unknown> {
  const config = workerData as TaskConfig;
  const results = await runWorkerBatch(files, await ready, config.largeFileBytes ?? LARGE_FILE_BYTES, config.batchBytes);
  return move(transferable(results));
}

function transferable(results: Array<FileResult | Deferred>) {
  return {
    get [transferableSymbol]() {
      return [...new Set(results.flatMap((r) => ('data' in r ? [r.data.buffer] : [])))];
    },
    get [valueSymbol]() {
      return results;
    },
  };
}
