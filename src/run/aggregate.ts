// Aggregating a run folder: utterances.jsonl (and recommendations.jsonl when the
// run has one) streamed into src/aggregate. Used by `spiral scores`, `spiral
// status` and the report (when the run has no scores file).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aggregator, type AggregateOptions } from '../aggregate/index.js';
import type { ScoresFile } from '../aggregate/types.js';
import { RECOMMENDATIONS_FILE, requireRun } from './folder.js';
import { forEachJsonLine } from './jsonl.js';
import { readRecommendationLine, readUtteranceLine, type UtteranceLine } from './lines.js';

/** Call `onUtterance` with every line of a utterances file, checked (and the parsed line, for fields the check does not read). */
export async function forEachUtterance(utterancesFile: string, onUtterance: (u: UtteranceLine, raw: unknown) => void): Promise<void> {
  await forEachJsonLine(utterancesFile, (value) => onUtterance(readUtteranceLine(value), value));
}

/**
 * Aggregate a run folder. `onUtterance`, when given, sees every utterance on the
 * same pass (for a caller that counts more than the scores).
 */
export async function aggregateRun(
  runDir: string,
  options: Partial<AggregateOptions>,
  onUtterance?: (u: UtteranceLine, raw: unknown) => void,
): Promise<ScoresFile> {
  const file = requireRun(runDir);
  const aggregator = new Aggregator(options);
  await forEachUtterance(file, (u, raw) => {
    aggregator.add(u);
    onUtterance?.(u, raw);
  });
  const recsFile = join(runDir, RECOMMENDATIONS_FILE);
  if (existsSync(recsFile)) {
    let unreadable = 0;
    await forEachJsonLine(recsFile, (value, lineNo) => {
      const rec = readRecommendationLine(value, `${RECOMMENDATIONS_FILE}:${lineNo}`);
      if (rec) aggregator.addRecommendation(rec);
      else unreadable++;
    });
    if (unreadable > 0) aggregator.warn(`${recsFile}: ${unreadable} recommendations without a reviewed State were not counted`);
  }
  return aggregator.finish(runDir);
}
