// Worker-thread entry for piscina (compiled to dist/pipeline/worker.js). Each
// thread builds its tagger once from the run's TaskConfig, then handles one
// file per task; the packed output buffer is transferred, not copied.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { DiscoveredFile } from '../ingest/index.js';
import { createTaskEnv, runFileTask, type FileResult, type FileTaskEnv, type TaskConfig } from './task.js';

// Built as soon as the thread starts (while the main thread still discovers
// files); a failure is reported by the first task.
const ready: Promise<FileTaskEnv> = Promise.resolve().then(() => warmedUp(createTaskEnv(workerData as TaskConfig)));
ready.catch(() => {});

/** Tag one sentence so lazily loaded models (negation) load before the first file. */
function warmedUp(env: FileTaskEnv): FileTaskEnv {
  env.tagger.tag('We do not deny it.');
  return env;
}

export default async function classifyFile(file: DiscoveredFile): Promise<unknown> {
  const result = await runFileTask(file, await ready);
  return move(transferable(result));
}

function transferable(result: FileResult) {
  return {
    get [transferableSymbol]() {
      return [result.data.buffer];
    },
    get [valueSymbol]() {
      return result;
    },
  };
}
