// Progress of a long classify run: a bar on a terminal (cli-progress), plain
// lines every PLAIN_INTERVAL_MS otherwise (logs, CI), always on stderr. The bar
// needs the real terminal stream (cursor moves), so it takes process.stderr.
import cliProgress from 'cli-progress';
import type { ClassifyProgress } from '../pipeline/classify.js';
import type { CliContext } from './context.js';

/** How often a non-terminal run prints a progress line. */
export const PLAIN_INTERVAL_MS = 5000;

export interface ProgressReporter {
  update(p: ClassifyProgress): void;
  stop(): void;
}

export function createProgressReporter(ctx: CliContext, now: () => number = Date.now): ProgressReporter {
  const started = now();
  const rate = (p: ClassifyProgress) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    return { utterancesPerS: Math.round(p.utterances / seconds), mbPerS: (p.bytes / 1e6 / seconds).toFixed(1) };
  };
  if (ctx.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'classify [{bar}] {value}/{total} files | {utterances} utterances | {rate} utt/s | {mb} MB/s', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started_ = false;
    return {
      update(p) {
        if (!started_) {
          bar.start(p.filesTotal, 0, { utterances: 0, rate: 0, mb: '0.0' });
          started_ = true;
        }
        const r = rate(p);
        bar.update(p.filesDone, { utterances: p.utterances, rate: r.utterancesPerS, mb: r.mbPerS });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrint = started;
  return {
    update(p) {
      if (now() - lastPrint < PLAIN_INTERVAL_MS && p.filesDone < p.filesTotal) return;
      lastPrint = now();
      const r = rate(p);
      ctx.stderr(`classify: ${p.filesDone}/${p.filesTotal} files, ${p.utterances} utterances, ${r.utterancesPerS} utt/s, ${r.mbPerS} MB/s\n`);
    },
    stop() {},
  };
}
