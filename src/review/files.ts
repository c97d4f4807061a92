// The review logs of a run: RUN/reviews.jsonl (the unnamed annotator) and
// RUN/reviews.<annotator>.jsonl, one per annotator. Export and agreement read
// them all and group the decisions by the annotator each line names.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsFailure } from '../run/errors.js';
import { ReviewError } from './errors.js';
import { annotatorOf, parseReviewLog, type ReviewRecord } from './log.js';

export const REVIEWS_FILE = 'reviews.jsonl';
const REVIEWS_FILE_NAME = /^reviews(?:\.[A-Za-z0-9][A-Za-z0-9._-]*)?\.jsonl$/;

/** The log of one annotator (the unnamed one: reviews.jsonl). */
export const reviewsFileOf = (annotator?: string): string => (annotator ? `reviews.${annotator}.jsonl` : REVIEWS_FILE);

export interface RunReviews {
  /** Each annotator's decisions in the order they were made ('' for the unnamed annotator). */
  byAnnotator: Map<string, ReviewRecord[]>;
  files: string[];
  warnings: string[];
}

/** Every review log of the run, parsed; a damaged line stops with file:line. */
export async function readRunReviews(runDir: string): Promise<RunReviews> {
  if (!existsSync(runDir)) throw new ReviewError(`run folder not found: ${runDir}`);
  const files = readdirSync(runDir)
    .filter((name) => REVIEWS_FILE_NAME.test(name))
    .sort()
    .map((name) => join(runDir, name));
  if (files.length === 0) throw new ReviewError(`${join(runDir, REVIEWS_FILE)}: no reviews yet — run spiral review ${runDir} first`);
  const all: ReviewRecord[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch((err: unknown) => {
      throw fsFailure(err, `${file}: cannot read`);
    });
    const parsed = parseReviewLog(bytes, file);
    all.push(...parsed.records);
    warnings.push(...parsed.warnings);
  }
  // One annotator's lines may sit in two files (a log renamed or copied in): the time orders them.
  const ordered = all.map((r, i) => ({ r, i })).sort((a, b) => (a.r.timestamp < b.r.timestamp ? -1 : a.r.timestamp > b.r.timestamp ? 1 : a.i - b.i));
  const byAnnotator = new Map<string, ReviewRecord[]>();
  for (const { r } of ordered) {
    const list = byAnnotator.get(annotatorOf(r));
    if (list) list.push(r);
    else byAnnotator.set(annotatorOf(r), [r]);
  }
  return { byAnnotator, files, warnings };
}

/** How an annotator is named in messages. */
export const annotatorLabel = (name: string): string => (name === '' ? '(unnamed)' : name);
