// `spiral review RUN`: a local web app to review a queue of utterances
// (flagged, by uncertainty, a seeded random sample, or by rule), one annotator
// at a time per log; `spiral review export RUN --out FILE`: an annotator's
// decisions as gold JSON lines; `spiral review agreement RUN`: Cohen's kappa
// between two annotators. The server runs until SIGINT/SIGTERM; the action
// resolves when it has closed.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { recoverRunDir } from '../../run/staging.js';
import { resolvePath as resolveRun } from '../options.js';
import { agreement, formatAgreement } from '../../review/agreement.js';
import { annotatorLabel, readRunReviews } from '../../review/files.js';
import {
  checkReviewHost,
  DEFAULT_REVIEW_PORT,
  DEFAULT_SAMPLE_SIZE,
  DEFAULT_SEED,
  exportReviews,
  openReviewSession,
  startReviewServer,
  type QueueStrategy,
} from '../../review/index.js';
import { isLabel, LABELS, type Label } from '../../types.js';
import { UsageError, type CliContext } from '../context.js';

interface ReviewFlags {
  port?: string;
  host?: string;
  annotator?: string;
  reviewer?: string;
  queue?: string;
  rule?: string;
  seed?: string;
  size?: string;
  notLabel?: string;
  lexicons?: string;
}

const QUEUES = ['flagged', 'uncertainty', 'random', 'rule:<id>', 'match:<words|words>'];

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REVIEW_PORT;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be 0–65535 (0 picks a free port), got "${value}"`);
  return Number(value);
}

function wholeNumber(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}

/** --not-label a,b: labels, each one of the five. */
function parseLabels(value: string): Label[] {
  const labels = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = labels.filter((l) => !isLabel(l));
  if (labels.length === 0 || bad.length > 0) throw new UsageError(`--not-label wants labels separated by commas (${LABELS.join(', ')}), got "${value}"`);
  return [...new Set(labels as Label[])];
}

/** --queue flagged|uncertainty|random|rule:ID|match:PATTERNS (or --rule ID), --seed for random and match, --not-label for match. */
export function parseStrategy(flags: Pick<ReviewFlags, 'queue' | 'rule' | 'seed' | 'notLabel'>): QueueStrategy {
  const seed = wholeNumber('--seed', flags.seed, 0);
  const match = /^match:(.+)$/s.exec(flags.queue ?? '');
  if (flags.notLabel !== undefined && !match) throw new UsageError('--not-label is for --queue match:PATTERNS');
  if (match && flags.rule === undefined) {
    const patterns = match[1].trim();
    if (patterns === '' || patterns.split('|').some((p) => p.trim() === ''))
      throw new UsageError(`--queue match: wants key-word patterns joined by |, got "${flags.queue}"`);
    const without = flags.notLabel === undefined ? [] : parseLabels(flags.notLabel);
    return { kind: 'match', patterns, seed: seed ?? DEFAULT_SEED, without };
  }
  if (flags.rule !== undefined) {
    if (flags.queue !== undefined && flags.queue !== 'rule' && flags.queue !== `rule:${flags.rule}`)
      throw new UsageError(`--rule ${flags.rule} goes with --queue rule (or no --queue), not --queue ${flags.queue}`);
    return { kind: 'rule', rule: flags.rule };
  }
  const queue = flags.queue ?? 'flagged';
  if (seed !== undefined && queue !== 'random') throw new UsageError('--seed is for --queue random or match');
  if (queue === 'match') throw new UsageError('--queue match needs its key words: --queue "match:accus*|allegation*"');
  if (queue === 'flagged' || queue === 'uncertainty') return { kind: queue };
  if (queue === 'random') return { kind: 'random', seed: seed ?? DEFAULT_SEED };
  const rule = /^rule:(\S+)$/.exec(queue);
  if (rule) return { kind: 'rule', rule: rule[1] };
  if (queue === 'rule') throw new UsageError('--queue rule needs the rule: --queue rule:RULE_ID (or --rule RULE_ID)');
  throw new UsageError(`--queue must be one of ${QUEUES.join(', ')}, got "${queue}"`);
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
  const strategy = parseStrategy(flags);
  const size = wholeNumber('--size', flags.size, 1);
  const runDir = resolve(ctx.cwd, run);
  const { session, log, warnings, layerSource } = await openReviewSession(runDir, {
    annotator: flags.annotator ?? flags.reviewer,
    strategy,
    size,
    lexicons: flags.lexicons === undefined ? undefined : resolve(ctx.cwd, flags.lexicons),
  });
  for (const w of warnings) ctx.stderr(`warning: ${w}\n`);
  const signals = untilSignal();
  try {
    const server = await startReviewServer(session, {
      port,
      host,
      onError: (err) => ctx.stderr(`spiral review: ${err instanceof Error ? err.message : String(err)}\n`),
    });
    const state = session.state();
    if (layerSource) ctx.stderr(`margins from the decision layer of ${layerSource}\n`);
    ctx.stderr(
      `${state.total} utterances in the ${state.queue} queue, ${state.done} decided by ${annotatorLabel(state.annotator ?? '')}; decisions go to ${log.file}\n`,
    );
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

async function showAgreement(run: string, flags: { annotators?: string; json?: boolean }, ctx: CliContext): Promise<void> {
  const reviews = await readRunReviews(resolve(ctx.cwd, run));
  for (const w of reviews.warnings) ctx.stderr(`warning: ${w}\n`);
  const names = [...reviews.byAnnotator.keys()].sort();
  let pair: string[];
  if (flags.annotators !== undefined) {
    pair = flags.annotators.split(',').map((s) => s.trim());
    if (pair.length !== 2 || pair[0] === pair[1]) throw new UsageError(`--annotators wants two names, A,B; got "${flags.annotators}"`);
    for (const name of pair)
      if (!reviews.byAnnotator.has(name))
        throw new UsageError(`no decisions of annotator "${name}" in ${run} (annotators: ${names.map(annotatorLabel).join(', ')})`);
  } else {
    if (names.length !== 2)
      throw new UsageError(
        `${run} holds the decisions of ${names.length} annotator${names.length === 1 ? '' : 's'} (${names.map(annotatorLabel).join(', ')}): name two with --annotators A,B`,
      );
    pair = names;
  }
  const report = agreement(reviews.byAnnotator.get(pair[0])!, reviews.byAnnotator.get(pair[1])!, [pair[0], pair[1]]);
  ctx.stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatAgreement(report));
}

export function registerReview(program: Command, ctx: CliContext): void {
  const review = program
    .command('review')
    .description('Review utterances in the browser (http://127.0.0.1 only); decisions go to RUN/reviews.jsonl (RUN/reviews.<annotator>.jsonl)')
    .argument('<run>', 'run folder written by spiral classify')
    .option('--port <n>', `port on 127.0.0.1 (default ${DEFAULT_REVIEW_PORT}; 0 picks a free one)`)
    .option('--host <host>', 'must be 127.0.0.1 (or localhost): the server never listens elsewhere')
    .option('--annotator <name>', 'who decides: recorded with every decision, kept apart from other annotators (own log file)')
    .addOption(new Option('--reviewer <name>', 'the former name of --annotator').hideHelp())
    .option('--queue <queue>', `which utterances, in which order: ${QUEUES.join(' | ')} (default flagged)`)
    .option('--rule <id>', 'the utterances whose evidence holds this rule (same as --queue rule:ID)')
    .option('--seed <n>', `seed of --queue random and match (default ${DEFAULT_SEED})`)
    .option('--size <n>', `most items in the queue (default: all for flagged and rule, ${DEFAULT_SAMPLE_SIZE} for uncertainty, random and match)`)
    .option(
      '--not-label <labels>',
      'with --queue match: leave out utterances the tagger gave these labels (e.g. denial,rhetorical_action: a sample of what the rules miss)',
    )
    .option('--lexicons <dir>', "the lexicon set the run was tagged with, for --queue uncertainty's margins (default: the folder run.json names)")
    .action(async (run: string, flags: ReviewFlags) => {
      await recoverRunDir(resolveRun(ctx, run));
      return serve(run, flags, ctx);
    });
  review
    .command('export')
    .description(
      "Write an annotator's decisions (latest per utterance, skips left out) as gold JSON lines for spiral eval --gold, each marked with how it was sampled; --annotator NAME picks whose when several reviewed the run",
    )
    .argument('<run>', 'run folder with reviews.jsonl')
    .requiredOption('-o, --out <file>', 'gold file to write')
    // --annotator NAME (whose decisions; needed when several annotators reviewed the run) is review's own option, read from there.
    .exitOverride()
    .action(async (run: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<{ out: string; annotator?: string }>();
      const result = await exportReviews(resolve(ctx.cwd, run), resolve(ctx.cwd, flags.out), flags.annotator);
      for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
      ctx.stderr(`${annotatorLabel(result.annotator)}: ${result.written} decisions written, ${result.skipped} skipped utterances left out\n`);
      ctx.stdout(`${resolve(ctx.cwd, flags.out)}\n`);
    });
  review
    .command('agreement')
    .description("Cohen's kappa between two annotators, over the items both decided: labels, and targets where both coded a move")
    .argument('<run>', "run folder with the annotators' reviews")
    .option('--annotators <a,b>', 'the two annotators (default: the only two)')
    .option('--json', 'machine-readable output')
    .action((run: string, flags: { annotators?: string; json?: boolean }) => showAgreement(run, flags, ctx));
}
