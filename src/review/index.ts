// `spiral review`: open a run's review session (queue + log) and serve it.
// Each annotator has a log of their own, RUN/reviews.<name>.jsonl (the unnamed
// one RUN/reviews.jsonl), each with its own lock: two annotators can review
// the same run at once, and their decisions never mix.
import { join } from 'node:path';
import { requireRun } from '../run/folder.js';
import { attachmentWarnings, DecisionMatcher } from './attach.js';
import { ReviewError } from './errors.js';
import { reviewsFileOf } from './files.js';
import { latestDecisions, sampledByOf, type ReviewRecord } from './log.js';
import { ReviewLogFile } from './log-file.js';
import { loadDecisionLayer } from './layer.js';
import { CONTEXT_SENTENCES, loadQueue, sampledByOfStrategy, type QueueStrategy } from './queue.js';
import { ANNOTATOR_NAME, ReviewSession, type SessionOptions } from './session.js';

export { ReviewError } from './errors.js';
export { exportReviews, goldFromRecords } from './export.js';
export { REVIEWS_FILE, reviewsFileOf } from './files.js';
export { checkReviewHost, DEFAULT_REVIEW_PORT, REVIEW_HOST, startReviewServer, type ReviewServer } from './http.js';
export { ReviewSession } from './session.js';
export { DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, type QueueStrategy } from './queue.js';

export interface OpenedSession {
  session: ReviewSession;
  log: ReviewLogFile;
  warnings: string[];
  /** Where the uncertainty queue's decision layer came from. */
  layerSource?: string;
}

export interface OpenOptions extends Omit<SessionOptions, 'sampledBy' | 'orphaned'> {
  strategy?: QueueStrategy;
  /** Most items in the queue. */
  size?: number;
  /** The lexicon set the run was tagged with, when run.json's folder is not it. */
  lexicons?: string;
}

export function checkAnnotator(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!ANNOTATOR_NAME.test(name))
    throw new ReviewError(
      `--annotator "${name}": a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit): it names the annotator's file`,
    );
  return name;
}

/**
 * Read the queue of the strategy and the annotator's log (locked: one server
 * per annotator and run); decisions append to that file. Each earlier decision
 * is checked against the sentence now at its id (attach.ts): moved ones are
 * re-attached, orphaned ones listed in the warnings.
 */
export async function openReviewSession(runDir: string, options: OpenOptions = {}): Promise<OpenedSession> {
  const utterances = requireRun(runDir);
  const annotator = checkAnnotator(options.annotator);
  const strategy = options.strategy ?? { kind: 'flagged' };
  const sampledBy = sampledByOfStrategy(strategy);
  const layer = strategy.kind === 'uncertainty' ? await loadDecisionLayer(runDir, options.lexicons) : undefined;
  const file = join(runDir, reviewsFileOf(annotator));
  const { log, records, warnings } = await ReviewLogFile.open(file);
  try {
    // Lines of another annotator (a log copied in by hand) are not this session's.
    const own = records.filter((r) => (r.annotator ?? '') === (annotator ?? ''));
    const here = new DecisionMatcher(latestDecisions(own.filter((r) => sampledByOf(r) === sampledBy)));
    const elsewhere = new DecisionMatcher(latestDecisions(own.filter((r) => sampledByOf(r) !== sampledBy)));
    const queue = await loadQueue(utterances, { strategy, size: options.size, layer: layer?.layer, context: CONTEXT_SENTENCES }, (u) => {
      here.observe(u);
      elsewhere.observe(u);
    });
    const attached = here.attach();
    const attachedElsewhere = elsewhere.attach();
    const previous: ReviewRecord[] = [...attachedElsewhere.records, ...attached.records];
    const session = new ReviewSession(queue.items, previous, log, {
      now: options.now,
      annotator,
      sampledBy,
      ...(strategy.kind === 'random' || strategy.kind === 'match' ? { seed: strategy.seed } : {}),
      orphaned: attached.orphaned,
    });
    return {
      session,
      log,
      warnings: [...warnings, ...queue.warnings, ...attachmentWarnings(attached, file)],
      ...(layer ? { layerSource: layer.source } : {}),
    };
  } catch (err) {
    await log.close();
    throw err;
  }
}
