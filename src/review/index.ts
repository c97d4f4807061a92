// `spiral review`: open a run's review session (queue + log) and serve it.
import { join } from 'node:path';
import { requireRun } from '../run/folder.js';
import { attachmentWarnings, DecisionMatcher } from './attach.js';
import { REVIEWS_FILE } from './export.js';
import { latestDecisions } from './log.js';
import { ReviewLogFile } from './log-file.js';
import { CONTEXT_SENTENCES, loadQueue } from './queue.js';
import { ReviewSession, type SessionOptions } from './session.js';

export { ReviewError } from './errors.js';
export { exportReviews, goldFromRecords, REVIEWS_FILE } from './export.js';
export { checkReviewHost, DEFAULT_REVIEW_PORT, REVIEW_HOST, startReviewServer, type ReviewServer } from './http.js';
export { ReviewSession } from './session.js';

export interface OpenedSession {
  session: ReviewSession;
  log: ReviewLogFile;
  warnings: string[];
}

/**
 * Read the run's flagged utterances and its reviews.jsonl (locked: one server
 * per run); decisions append to that file. Each earlier decision is checked
 * against the sentence now at its id (attach.ts): moved ones are re-attached,
 * orphaned ones listed in the warnings.
 */
export async function openReviewSession(runDir: string, options: SessionOptions = {}): Promise<OpenedSession> {
  const utterances = requireRun(runDir);
  const file = join(runDir, REVIEWS_FILE);
  const { log, records, warnings } = await ReviewLogFile.open(file);
  try {
    const matcher = new DecisionMatcher(latestDecisions(records));
    const queue = await loadQueue(utterances, CONTEXT_SENTENCES, (u) => matcher.observe(u));
    const attached = matcher.attach();
    const session = new ReviewSession(queue, attached.records, log, { ...options, orphaned: attached.orphaned });
    return { session, log, warnings: [...warnings, ...attachmentWarnings(attached, file)] };
  } catch (err) {
    await log.close();
    throw err;
  }
}
