// `spiral review export`: the decisions as gold JSON lines for `spiral eval
// --gold` and calibration. The latest decision per utterance counts; skips
// are not gold. Sorted by id so the output does not depend on review order.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../run/atomic.js';
import { fsFailure } from '../run/errors.js';
import { compareText } from '../run/lines.js';
import { ReviewError } from './errors.js';
import { latestDecisions, parseReviewLog, type ReviewRecord } from './log.js';

export const REVIEWS_FILE = 'reviews.jsonl';

export interface GoldLine {
  id: string;
  text: string;
  label: string;
  country?: string;
  year?: number;
  venue?: string;
  source: 'review';
  note?: string;
}

export function toGoldLine(r: ReviewRecord): GoldLine | null {
  if (r.decision === 'skip' || r.label === null) return null;
  const line: GoldLine = { id: r.id, text: r.text, label: r.label, source: 'review' };
  if (r.country) line.country = r.country;
  if (r.year !== undefined) line.year = r.year;
  if (r.venue) line.venue = r.venue;
  if (r.note) line.note = r.note;
  return line;
}

export interface GoldExport {
  text: string;
  written: number;
  skipped: number;
}

/** Gold JSON lines from review records (pure). */
export function goldFromRecords(records: readonly ReviewRecord[]): GoldExport {
  const latest = [...latestDecisions(records).values()].sort((a, b) => compareText(a.id, b.id));
  const lines = latest.map(toGoldLine).filter((l): l is GoldLine => l !== null);
  return { text: lines.map((l) => `${JSON.stringify(l)}\n`).join(''), written: lines.length, skipped: latest.length - lines.length };
}

export interface ExportResult extends GoldExport {
  warnings: string[];
}

export async function exportReviews(runDir: string, outFile: string): Promise<ExportResult> {
  const file = join(runDir, REVIEWS_FILE);
  if (!existsSync(file)) throw new ReviewError(`${file}: no reviews yet — run spiral review ${runDir} first`);
  const bytes = await readFile(file).catch((err: unknown) => {
    throw fsFailure(err, `${file}: cannot read`);
  });
  const parsed = parseReviewLog(bytes, file);
  const gold = goldFromRecords(parsed.records);
  await writeFileAtomic(outFile, gold.text);
  return { ...gold, warnings: parsed.warnings };
}
