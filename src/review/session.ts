// A review session: the queue, the decisions so far (latest per utterance),
// and the log they are appended to. A decision is written and fsynced before
// it counts, so what the page confirms is on disk. The clock is injected.
import { isLabel, type Label } from '../types.js';
import { textHash } from './attach.js';
import { DECISIONS, latestDecisions, type Decision, type ReviewRecord } from './log.js';
import type { QueueItem } from './queue.js';

/** Longest note accepted (characters): a note is a remark, not a document. */
export const MAX_NOTE_CHARS = 2000;
/** Longest reviewer name accepted (characters). */
export const MAX_REVIEWER_CHARS = 100;

export interface DecisionInput {
  id: string;
  decision: Decision;
  label?: Label;
  note?: string;
  reviewer?: string;
}

/** Where decisions go: reviews.jsonl in the CLI, an array in tests. */
export interface DecisionSink {
  append(record: ReviewRecord): Promise<void>;
}

export interface SessionState {
  total: number;
  done: number;
  /** First undecided item in queue order; `total` when every item is decided. */
  position: number;
  counts: Record<Decision, number>;
  /** Decisions in the log for utterances that are not in this queue (e.g. after a re-run). */
  outside: number;
  /** Decisions whose sentence is no longer in the run (attach.ts): not shown, not counted above. */
  orphaned: number;
}

export interface DecisionResult {
  record: ReviewRecord;
  /** The item to show next: the first undecided after this one (wrapping), or `total`. */
  next: number;
  state: SessionState;
}

/** A request the session refuses: the HTTP layer maps it to a 4xx status. */
export class DecisionRejected extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionRejected';
  }
}

/** Check a decoded request body; throws DecisionRejected (400) naming the field. */
export function parseDecisionInput(value: unknown): DecisionInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecisionRejected(400, 'body must be a JSON object');
  const v = value as Record<string, unknown>;
  const known = new Set(['id', 'decision', 'label', 'note', 'reviewer']);
  const extra = Object.keys(v).filter((k) => !known.has(k));
  if (extra.length > 0) throw new DecisionRejected(400, `unknown field "${extra[0]}"`);
  if (typeof v.id !== 'string' || v.id === '') throw new DecisionRejected(400, '"id" must be a non-empty string');
  if (!(DECISIONS as readonly unknown[]).includes(v.decision)) throw new DecisionRejected(400, `"decision" must be one of ${DECISIONS.join(', ')}`);
  const input: DecisionInput = { id: v.id, decision: v.decision as Decision };
  if (v.decision === 'relabel') {
    if (!isLabel(v.label)) throw new DecisionRejected(400, `"label" must be a label for relabel, got ${JSON.stringify(v.label)}`);
    input.label = v.label;
  } else if (v.label !== undefined && v.label !== null) {
    throw new DecisionRejected(400, `"label" is only given with relabel`);
  }
  if (v.note !== undefined && v.note !== null) {
    if (typeof v.note !== 'string' || v.note.length > MAX_NOTE_CHARS)
      throw new DecisionRejected(400, `"note" must be a string of at most ${MAX_NOTE_CHARS} characters`);
    if (v.note.trim() !== '') input.note = v.note;
  }
  if (v.reviewer !== undefined && v.reviewer !== null) {
    if (typeof v.reviewer !== 'string' || v.reviewer.length > MAX_REVIEWER_CHARS)
      throw new DecisionRejected(400, `"reviewer" must be a string of at most ${MAX_REVIEWER_CHARS} characters`);
    if (v.reviewer.trim() !== '') input.reviewer = v.reviewer;
  }
  return input;
}

export interface SessionOptions {
  now?: () => Date;
  /** Recorded on every decision unless the request names one. */
  reviewer?: string;
  /** Decisions of the log whose sentence is no longer in the run (counted in the state, never shown). */
  orphaned?: readonly ReviewRecord[];
}

export class ReviewSession {
  private readonly byId = new Map<string, QueueItem>();
  private readonly decisions: Map<string, ReviewRecord>;
  private readonly now: () => Date;

  constructor(
    readonly queue: readonly QueueItem[],
    previous: readonly ReviewRecord[],
    private readonly sink: DecisionSink,
    private readonly options: SessionOptions = {},
  ) {
    for (const item of queue) this.byId.set(item.id, item);
    this.decisions = latestDecisions(previous);
    this.now = options.now ?? (() => new Date());
  }

  decisionFor(id: string): ReviewRecord | null {
    return this.decisions.get(id) ?? null;
  }

  item(index: number): QueueItem | null {
    return Number.isInteger(index) && index >= 0 && index < this.queue.length ? this.queue[index] : null;
  }

  /** The first undecided item at or after `from`, wrapping around; `total` when none is left. */
  firstUndecided(from = 0): number {
    const total = this.queue.length;
    for (let k = 0; k < total; k++) {
      const index = (from + k) % total;
      if (!this.decisions.has(this.queue[index].id)) return index;
    }
    return total;
  }

  state(): SessionState {
    const counts: Record<Decision, number> = { accept: 0, relabel: 0, skip: 0 };
    let done = 0;
    for (const item of this.queue) {
      const d = this.decisions.get(item.id);
      if (!d) continue;
      done++;
      counts[d.decision]++;
    }
    return {
      total: this.queue.length,
      done,
      position: this.firstUndecided(0),
      counts,
      outside: this.decisions.size - done,
      orphaned: this.options.orphaned?.length ?? 0,
    };
  }

  private toRecord(item: QueueItem, input: DecisionInput): ReviewRecord {
    // Relabelling to the proposed label is an acceptance: record it as one.
    const decision: Decision = input.decision === 'relabel' && input.label === item.label ? 'accept' : input.decision;
    const record: ReviewRecord = {
      id: item.id,
      doc: item.doc,
      text: item.text,
      text_sha256: textHash(item.text),
      ...(item.start !== undefined && item.end !== undefined ? { start: item.start, end: item.end } : {}),
      proposed_label: item.label,
      decision,
      label: decision === 'skip' ? null : decision === 'accept' ? item.label : input.label!,
      timestamp: this.now().toISOString(),
    };
    if (input.note) record.note = input.note;
    const reviewer = input.reviewer ?? this.options.reviewer;
    if (reviewer) record.reviewer = reviewer;
    if (item.country) record.country = item.country;
    if (item.year !== null) record.year = item.year;
    if (item.venue) record.venue = item.venue;
    return record;
  }

  /** Record a decision: appended (and flushed) first, counted only once it is on disk. */
  async decide(input: DecisionInput): Promise<DecisionResult> {
    const item = this.byId.get(input.id);
    if (!item) throw new DecisionRejected(404, `unknown utterance id "${input.id}" (not in the review queue)`);
    const record = this.toRecord(item, input);
    await this.sink.append(record);
    this.decisions.set(item.id, record);
    return { record, next: this.firstUndecided(item.index + 1), state: this.state() };
  }
}
