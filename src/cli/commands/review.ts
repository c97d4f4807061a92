// `spiral review RUN`: a local web app to review flagged utterances, and
// `spiral review export RUN --out FILE`: the decisions as gold JSON lines.
// The server runs until SIGINT/SIGTERM; the action resolves when it has closed.
import { resolve } from 'node:path';
import { recoverRunDir } from '../../run/staging.js';
import { resolvePath as resolveRun } from '../options.js';
import type { Command } from 'commander';
import { checkReviewHost, DEFAULT_REVIEW_PORT, exportReviews, openReviewSession, startReviewServer } from '../../review/index.js';
import { UsageError, type CliContext } from '../context.js';

interface ReviewFlags {
  port?: string;
  host?: string;
  reviewer?: string;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REVIEW_PORT;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be 0–65535 (0 picks a free port), got "${value}"`);
  return Number(value);
}

/** Resolve once SIGINT or SIGTERM arrives (the only place that listens to signals). */
function untilSignal(): { stopped: Promise<string>; dispose: () => void } {
  let dispose = () => {};
  const stopped = new Promise<string>((done) => {
    const onSignal = (signal: string) => done(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
  return { stopped, dispose };
}

async function serve(run: string, flags: ReviewFlags, ctx: CliContext): Promise<void> {
  const host = checkReviewHost(flags.host);
  const port = parsePort(flags.port);
  const runDir = resolve(ctx.cwd, run);
  const { session, log, warnings } = await openReviewSession(runDir, { reviewer: flags.reviewer });
  for (const w of warnings) ctx.stderr(`warning: ${w}\n`);
  const signals = untilSignal();
  try {
    const server = await startReviewServer(session, {
      port,
      host,
      onError: (err) => ctx.stderr(`spiral review: ${err instanceof Error ? err.message : String(err)}\n`),
    });
    const state = session.state();
    ctx.stderr(`${state.total} flagged utterances, ${state.done} decided; decisions go to ${log.file}\n`);
    ctx.stdout(`spiral review: ${server.url}\n`);
    ctx.stderr('press Ctrl-C to stop\n');
    await Promise.race([signals.stopped, server.closed]);
    await server.close();
    const end = session.state();
    ctx.stderr(`stopped: ${end.done} of ${end.total} decided\n`);
  } finally {
    signals.dispose();
    await log.close();
  }
}

export function registerReview(program: Command, ctx: CliContext): void {
  const review = program
    .command('review')
    .description('Review flagged utterances in the browser (http://127.0.0.1 only); decisions go to RUN/reviews.jsonl')
    .argument('<run>', 'run folder written by spiral classify')
    .option('--port <n>', `port on 127.0.0.1 (default ${DEFAULT_REVIEW_PORT}; 0 picks a free one)`)
    .option('--host <host>', 'must be 127.0.0.1 (or localhost): the server never listens elsewhere')
    .option('--reviewer <name>', 'name recorded with every decision')
    .action(async (run: string, flags: ReviewFlags) => {
      await recoverRunDir(resolveRun(ctx, run));
      return serve(run, flags, ctx);
    });
  review
    .command('export')
    .description('Write the review decisions (latest per utterance, skips left out) as gold JSON lines for spiral eval --gold')
    .argument('<run>', 'run folder with reviews.jsonl')
    .requiredOption('-o, --out <file>', 'gold file to write')
    .exitOverride()
    .action(async (run: string, flags: { out: string }) => {
      const result = await exportReviews(resolve(ctx.cwd, run), resolve(ctx.cwd, flags.out));
      for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
      ctx.stderr(`${result.written} decisions written, ${result.skipped} skipped utterances left out\n`);
      ctx.stdout(`${resolve(ctx.cwd, flags.out)}\n`);
    });
}
