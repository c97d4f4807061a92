// reviews.jsonl: one JSON line per decision, appended as the reviewer works;
// the latest line for an utterance wins. Parsing is pure (bytes in, records
// out). A last line without its newline is what a killed server leaves
// behind: it was never confirmed, so it is ignored with a warning. A bad line
// anywhere else means the file was damaged or edited: an error naming file:line.
import { isLabel, isTarget, LABELS, type Label, type Target } from '../types.js';
import { ReviewError } from './errors.js';

export const DECISIONS = ['accept', 'relabel', 'skip'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * How an item came into the queue it was decided in: `flagged`, `uncertainty`,
 * `random`, `rule:<id>`, or `match:<patterns>` (with ` not:<labels>` when labels
 * were left out: a recall sample).
 */
export type SampledBy = 'flagged' | 'uncertainty' | 'random' | `rule:${string}` | `match:${string}`;

export function isSampledBy(value: unknown): value is SampledBy {
  return typeof value === 'string' && /^(?:flagged|uncertainty|random|rule:\S+|match:[^\n]+)$/.test(value);
}

/** Decisions written before there were several queues came from the flagged one. */
export const sampledByOf = (r: ReviewRecord): SampledBy => r.sampled_by ?? 'flagged';

/** The annotator of a decision: `annotator`, or `reviewer` in lines written before; '' when unnamed. */
export const annotatorOf = (r: ReviewRecord): string => r.annotator ?? r.reviewer ?? '';

/** One line of reviews.jsonl. */
export interface ReviewRecord {
  id: string; // utterance id
  doc: string;
  text: string;
  /** sha256 of `text` (UTF-8): on load, a decision whose sentence no longer has it is re-attached or orphaned (attach.ts). */
  text_sha256?: string;
  /** The sentence's offsets in its document when decided. */
  start?: number;
  end?: number;
  proposed_label: Label;
  decision: Decision;
  /** The label the reviewer gives: the proposed one (accept), another one (relabel), null (skip). */
  label: Label | null;
  /** Whose conduct the annotator says is at stake (`na` with none); null when a move was given no target. Absent in older lines. */
  target?: Target | null;
  /** The tagger's target. */
  proposed_target?: Target;
  note?: string;
  /** Who decided (`spiral review --annotator`). */
  annotator?: string;
  /** The annotator's name in lines written before `annotator` (`--reviewer`). */
  reviewer?: string;
  /** The queue the item was decided in; absent in older lines (the flagged queue). */
  sampled_by?: SampledBy;
  /** The seed of the random or match queue. */
  seed?: number;
  /** The confidence margin the uncertainty queue ranked the item by. */
  margin?: number;
  country?: string;
  year?: number;
  venue?: string;
  timestamp: string; // ISO 8601
}

export interface ParsedReviewLog {
  records: ReviewRecord[];
  warnings: string[];
  /** Bytes of the file that hold complete lines; a truncated last line starts here. */
  completeBytes: number;
  /** A partial last line was found (and ignored). */
  truncated: boolean;
  /** The last line is complete JSON but lacks its newline: the next append must start a new line. */
  missingFinalNewline: boolean;
}

function optionalString(r: Record<string, unknown>, key: string): string | null {
  const v = r[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  return v;
}

/** Check one parsed line; throws an Error whose message says what is wrong. */
export function toReviewRecord(value: unknown): ReviewRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') throw new Error('missing "id"');
  if (!(DECISIONS as readonly unknown[]).includes(r.decision)) throw new Error(`bad decision ${JSON.stringify(r.decision)} (expected ${DECISIONS.join(', ')})`);
  if (!isLabel(r.proposed_label)) throw new Error(`bad proposed_label ${JSON.stringify(r.proposed_label)}`);
  const decision = r.decision as Decision;
  if (decision === 'skip' ? r.label !== null && r.label !== undefined : !isLabel(r.label)) {
    throw new Error(`bad label ${JSON.stringify(r.label)} for decision ${decision} (expected ${decision === 'skip' ? 'null' : LABELS.join(', ')})`);
  }
  if (typeof r.timestamp !== 'string' || r.timestamp === '') throw new Error('missing "timestamp"');
  const record: ReviewRecord = {
    id: r.id,
    doc: optionalString(r, 'doc') ?? '',
    text: optionalString(r, 'text') ?? '',
    proposed_label: r.proposed_label,
    decision,
    label: decision === 'skip' ? null : (r.label as Label),
    timestamp: r.timestamp,
  };
  const hash = optionalString(r, 'text_sha256');
  if (hash !== null) {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('"text_sha256" must be 64 hex digits');
    record.text_sha256 = hash;
  }
  if (Number.isInteger(r.start) && Number.isInteger(r.end)) {
    record.start = r.start as number;
    record.end = r.end as number;
  }
  if (r.target !== undefined) {
    if (r.target !== null && !isTarget(r.target)) throw new Error(`bad target ${JSON.stringify(r.target)}`);
    record.target = r.target;
  }
  if (r.proposed_target !== undefined) {
    if (!isTarget(r.proposed_target)) throw new Error(`bad proposed_target ${JSON.stringify(r.proposed_target)}`);
    record.proposed_target = r.proposed_target;
  }
  const note = optionalString(r, 'note');
  if (note !== null) record.note = note;
  const annotator = optionalString(r, 'annotator');
  if (annotator !== null) record.annotator = annotator;
  const reviewer = optionalString(r, 'reviewer');
  if (reviewer !== null) record.reviewer = reviewer;
  if (r.sampled_by !== undefined) {
    if (!isSampledBy(r.sampled_by))
      throw new Error(`bad sampled_by ${JSON.stringify(r.sampled_by)} (expected flagged, uncertainty, random, rule:<id> or match:<patterns>)`);
    record.sampled_by = r.sampled_by;
  }
  if (Number.isInteger(r.seed)) record.seed = r.seed as number;
  if (typeof r.margin === 'number' && Number.isFinite(r.margin)) record.margin = r.margin;
  const country = optionalString(r, 'country');
  if (country !== null) record.country = country;
  const venue = optionalString(r, 'venue');
  if (venue !== null) record.venue = venue;
  if (Number.isInteger(r.year)) record.year = r.year as number;
  return record;
}

function parseLine(text: string): ReviewRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  return toReviewRecord(value);
}

const NEWLINE = 0x0a;

export function parseReviewLog(bytes: Uint8Array, file: string): ParsedReviewLog {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const parsed: ParsedReviewLog = { records: [], warnings: [], completeBytes: 0, truncated: false, missingFinalNewline: false };
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    lineNo++;
    const newline = bytes.indexOf(NEWLINE, start);
    const isLast = newline === -1;
    const end = isLast ? bytes.length : newline;
    const text = decoder.decode(bytes.subarray(start, end)).replace(/\r$/, '');
    if (text.trim() !== '') {
      try {
        parsed.records.push(parseLine(text));
        if (isLast) parsed.missingFinalNewline = true;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        if (!isLast) throw new ReviewError(`${file}:${lineNo}: ${why} — the file is damaged; fix or remove that line`);
        parsed.truncated = true;
        parsed.warnings.push(
          `${file}:${lineNo}: incomplete last line ignored (${end - start} bytes; a decision that was being written when the server stopped, never confirmed)`,
        );
        return parsed;
      }
    }
    start = isLast ? end : newline + 1;
    parsed.completeBytes = start;
  }
  return parsed;
}

/** The latest record per utterance id (later lines override earlier ones). */
export function latestDecisions(records: readonly ReviewRecord[]): Map<string, ReviewRecord> {
  const latest = new Map<string, ReviewRecord>();
  for (const r of records) latest.set(r.id, r);
  return latest;
}

/** One line of the log, newline included. */
export function serialiseRecord(record: ReviewRecord): string {
  return `${JSON.stringify(record)}\n`;
}
