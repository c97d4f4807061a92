// A review session: one annotator, one queue, the decisions so far (latest
// per utterance) and the log they are appended to. A decision is written and
// fsynced before it counts, so what the page confirms is on disk. Decisions
// are kept apart by annotator (each has a log of their own, index.ts) and by
// queue: an item counts as decided in this queue only when it was decided in a
// queue of the same kind, so a random queue is worked through whole even where
// the flagged queue reached its items first (a decision from another queue is
// shown beside the item). The clock is injected.
import { isLabel, isTarget, MOVE_LABELS, TARGET_KINDS, type Label, type Target, type TargetKind } from '../types.js';
import { textHash } from './attach.js';
import { DECISIONS, latestDecisions, sampledByOf, type Decision, type ReviewRecord, type SampledBy } from './log.js';
import type { QueueItem } from './queue.js';

/** Longest note accepted (characters): a note is a remark, not a document. */
export const MAX_NOTE_CHARS = 2000;
/** An annotator's name: it names their log file (reviews.<name>.jsonl). */
export const ANNOTATOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface DecisionInput {
  id: string;
  decision: Decision;
  label?: Label;
  /** Whose conduct is at stake, for a move (self, other, general). */
  target?: TargetKind;
  note?: string;
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
  /** Who decides here (null: the unnamed annotator). */
  annotator: string | null;
  /** The queue: flagged, uncertainty, random or rule:<id>. */
  queue: SampledBy;
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
  const known = new Set(['id', 'decision', 'label', 'target', 'note']);
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
  if (v.target !== undefined && v.target !== null) {
    if (!(TARGET_KINDS as readonly unknown[]).includes(v.target)) throw new DecisionRejected(400, `"target" must be one of ${TARGET_KINDS.join(', ')}`);
    input.target = v.target as TargetKind;
  }
  return input;
}

export interface SessionOptions {
  now?: () => Date;
  /** Recorded on every decision. */
  annotator?: string;
  /** The queue the items come from (default flagged), recorded on every decision. */
  sampledBy?: SampledBy;
  /** The seed of a random or match queue, recorded with its decisions. */
  seed?: number;
  /** Decisions of the log whose sentence is no longer in the run (counted in the state, never shown). */
  orphaned?: readonly ReviewRecord[];
}

/**
 * The target a decision records: `na` with none; for a move, the one the
 * annotator chose, else the tagger's when the move is the proposed one
 * (accepted as proposed), else null (a move given no target).
 */
function targetOf(label: Label, item: QueueItem, input: DecisionInput): Target | null {
  if (label === 'none') return 'na';
  if (input.target) return input.target;
  return label === item.label && isTarget(item.target) && item.target !== 'na' && (MOVE_LABELS as readonly string[]).includes(label) ? item.target : null;
}

export class ReviewSession {
  private readonly byId = new Map<string, QueueItem>();
  /** This queue's decisions, latest per utterance. */
  private readonly decisions: Map<string, ReviewRecord>;
  /** The annotator's latest decisions in other queues, shown beside an item. */
  private readonly elsewhere: Map<string, ReviewRecord>;
  private readonly now: () => Date;
  readonly sampledBy: SampledBy;

  /** `previous`: the annotator's decisions (any queue), each under the id of its sentence now. */
  constructor(
    readonly queue: readonly QueueItem[],
    previous: readonly ReviewRecord[],
    private readonly sink: DecisionSink,
    private readonly options: SessionOptions = {},
  ) {
    for (const item of queue) this.byId.set(item.id, item);
    this.sampledBy = options.sampledBy ?? 'flagged';
    this.decisions = latestDecisions(previous.filter((r) => sampledByOf(r) === this.sampledBy));
    this.elsewhere = latestDecisions(previous.filter((r) => sampledByOf(r) !== this.sampledBy));
    this.now = options.now ?? (() => new Date());
  }

  get annotator(): string | undefined {
    return this.options.annotator;
  }

  decisionFor(id: string): ReviewRecord | null {
    return this.decisions.get(id) ?? null;
  }

  /** The annotator's latest decision on the utterance in another queue. */
  decisionElsewhere(id: string): ReviewRecord | null {
    return this.elsewhere.get(id) ?? null;
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
      annotator: this.options.annotator ?? null,
      queue: this.sampledBy,
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
    if (record.label !== null) record.target = targetOf(record.label, item, input);
    if (item.target) record.proposed_target = item.target;
    if (input.note) record.note = input.note;
    if (this.options.annotator) record.annotator = this.options.annotator;
    record.sampled_by = this.sampledBy;
    if (this.options.seed !== undefined) record.seed = this.options.seed;
    if (item.margin !== undefined) record.margin = item.margin;
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
