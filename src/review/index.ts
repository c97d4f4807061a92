// `spiral review`: open a run's review session (queue + log) and serve it.
import { join } from 'node:path';
import { requireRun } from '../run/folder.js';
import { REVIEWS_FILE } from './export.js';
import { ReviewLogFile } from './log-file.js';
import { loadQueue } from './queue.js';
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

/** Read the run's flagged utterances and its reviews.jsonl; decisions append to that file. */
export async function openReviewSession(runDir: string, options: SessionOptions = {}): Promise<OpenedSession> {
  const utterances = requireRun(runDir);
  const queue = await loadQueue(utterances);
  const { log, records, warnings } = await ReviewLogFile.open(join(runDir, REVIEWS_FILE));
  return { session: new ReviewSession(queue, records, log, options), log, warnings };
}
