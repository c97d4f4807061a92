// `spiral review export`: one annotator's decisions as gold JSON lines for
// `spiral eval --gold` and calibration. The latest decision per utterance
// gives the label (and the target, when coded); skips are not gold. Each line
// says how its item was sampled (`sampled_by`), so `eval --sampled-by random`
// can score on an unbiased sample: an item drawn by a random queue stays in
// the random sample whatever queue later changed its label. Sorted by id so the
// output does not depend on review order.
import { writeFileAtomic } from '../run/atomic.js';
import { compareText } from '../run/lines.js';
import type { Target } from '../types.js';
import { ReviewError } from './errors.js';
import { annotatorLabel, readRunReviews } from './files.js';
import { latestDecisions, sampledByOf, type ReviewRecord, type SampledBy } from './log.js';

export interface GoldLine {
  id: string;
  text: string;
  label: string;
  target?: Target;
  country?: string;
  year?: number;
  venue?: string;
  source: 'review';
  sampled_by: SampledBy;
  annotator?: string;
  note?: string;
}

export function toGoldLine(r: ReviewRecord, sampledBy: SampledBy = sampledByOf(r)): GoldLine | null {
  if (r.decision === 'skip' || r.label === null) return null;
  const line: GoldLine = { id: r.id, text: r.text, label: r.label, source: 'review', sampled_by: sampledBy };
  if (r.target) line.target = r.target;
  if (r.country) line.country = r.country;
  if (r.year !== undefined) line.year = r.year;
  if (r.venue) line.venue = r.venue;
  const annotator = r.annotator ?? r.reviewer;
  if (annotator) line.annotator = annotator;
  if (r.note) line.note = r.note;
  return line;
}

export interface GoldExport {
  text: string;
  written: number;
  skipped: number;
}

/** Gold JSON lines from one annotator's review records, in the order made (pure). */
export function goldFromRecords(records: readonly ReviewRecord[]): GoldExport {
  const drawnAtRandom = new Set(records.filter((r) => sampledByOf(r) === 'random').map((r) => r.id));
  const latest = [...latestDecisions(records).values()].sort((a, b) => compareText(a.id, b.id));
  const lines = latest.map((r) => toGoldLine(r, drawnAtRandom.has(r.id) ? 'random' : sampledByOf(r))).filter((l): l is GoldLine => l !== null);
  return { text: lines.map((l) => `${JSON.stringify(l)}\n`).join(''), written: lines.length, skipped: latest.length - lines.length };
}

export interface ExportResult extends GoldExport {
  warnings: string[];
  annotator: string;
}

/** `annotator`: whose decisions (needed when the run has several; '' is the unnamed one). */
export async function exportReviews(runDir: string, outFile: string, annotator?: string): Promise<ExportResult> {
  const reviews = await readRunReviews(runDir);
  const names = [...reviews.byAnnotator.keys()].sort();
  let chosen = annotator;
  if (chosen === undefined) {
    if (names.length > 1)
      throw new ReviewError(
        `${runDir} holds the decisions of ${names.length} annotators (${names.map(annotatorLabel).join(', ')}): export one at a time with --annotator NAME (gold ids must be unique)`,
      );
    chosen = names[0];
  }
  const records = reviews.byAnnotator.get(chosen);
  if (!records) throw new ReviewError(`${runDir}: no decisions of annotator "${chosen}" (annotators: ${names.map(annotatorLabel).join(', ')})`);
  const gold = goldFromRecords(records);
  await writeFileAtomic(outFile, gold.text);
  return { ...gold, warnings: reviews.warnings, annotator: chosen };
}
