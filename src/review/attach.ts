// Decisions are stored by utterance id (`doc:n`), with the sentence's text hash
// and offsets. A run re-classified after its documents changed can give an id
// to another sentence: a decision must never silently move with the id. On
// load, each decision is checked against the sentence now at its id: the same
// text keeps it there; otherwise it is re-attached to the sentence of its
// document with the same text (the nearest one), or listed as orphaned.
// Pure: the utterances are offered one by one (observe), then attach() decides.
import { createHash } from 'node:crypto';
import type { UtteranceLine } from '../run/lines.js';
import type { ReviewRecord } from './log.js';

export const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The text hash a decision was made on: recorded, or from its text (older records); undefined when it has neither. */
export function decidedHash(r: ReviewRecord): string | undefined {
  return r.text_sha256 ?? (r.text !== '' ? textHash(r.text) : undefined);
}

/** The position in the id `doc:n`, or undefined. */
function positionOf(id: string): number | undefined {
  const m = /:(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

interface Seen {
  id: string;
  n: number;
}

export interface Attachment {
  /** Decisions by the id of the sentence they belong to now (re-attached ones under their new id). */
  records: ReviewRecord[];
  /** Decisions moved to the sentence that now has their text: [old id, new id]. */
  reattached: Array<[string, string]>;
  /** Decisions whose sentence is no longer in the run (text changed, or removed). */
  orphaned: ReviewRecord[];
}

export class DecisionMatcher {
  private readonly byId: Map<string, ReviewRecord>;
  private readonly docs = new Set<string>();
  private readonly wanted = new Set<string>();
  /** Hash of the sentence now at each decided id. */
  private readonly atId = new Map<string, string>();
  /** Sentences of decided documents whose text a decision was made on, per doc and hash. */
  private readonly candidates = new Map<string, Seen[]>();

  /** `latest`: the latest decision per id. */
  constructor(latest: ReadonlyMap<string, ReviewRecord>) {
    this.byId = new Map(latest);
    for (const r of latest.values()) {
      const hash = decidedHash(r);
      if (hash === undefined) continue;
      this.wanted.add(hash);
      this.docs.add(r.doc);
    }
  }

  /** Offer every utterance of the run (any order). */
  observe(u: UtteranceLine): void {
    const decided = this.byId.has(u.id);
    if (!decided && !this.docs.has(u.doc)) return;
    const hash = textHash(u.text);
    if (decided) this.atId.set(u.id, hash);
    if (this.docs.has(u.doc) && this.wanted.has(hash)) {
      const key = `${u.doc}\u0000${hash}`;
      const list = this.candidates.get(key) ?? [];
      list.push({ id: u.id, n: u.n });
      this.candidates.set(key, list);
    }
  }

  attach(): Attachment {
    const out: Attachment = { records: [], reattached: [], orphaned: [] };
    const taken = new Set<string>();
    const unmatched: ReviewRecord[] = [];
    for (const r of this.byId.values()) {
      const hash = decidedHash(r);
      // No text to check (a record without one): it stays where its id says, as before.
      if (hash === undefined || this.atId.get(r.id) === hash) {
        out.records.push(r);
        taken.add(r.id);
      } else unmatched.push(r);
    }
    unmatched.sort((a, b) => (positionOf(a.id) ?? 0) - (positionOf(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
    for (const r of unmatched) {
      const target = this.nearestFree(r, taken);
      if (!target) {
        out.orphaned.push(r);
        continue;
      }
      taken.add(target);
      out.records.push({ ...r, id: target });
      out.reattached.push([r.id, target]);
    }
    return out;
  }

  /** The free sentence of the decision's document with its text, nearest its old position. */
  private nearestFree(r: ReviewRecord, taken: ReadonlySet<string>): string | undefined {
    const list = this.candidates.get(`${r.doc}\u0000${decidedHash(r)}`) ?? [];
    const from = positionOf(r.id) ?? 0;
    const free = list.filter((c) => !taken.has(c.id));
    free.sort((a, b) => Math.abs(a.n - from) - Math.abs(b.n - from) || a.n - b.n);
    return free[0]?.id;
  }
}

/** Most ids listed in one warning. */
const LISTED = 10;

function listed(ids: string[]): string {
  const shown = ids.slice(0, LISTED).join(', ');
  return ids.length > LISTED ? `${shown} and ${ids.length - LISTED} more` : shown;
}

/** What the reviewer is told about moved and orphaned decisions. */
export function attachmentWarnings(a: Attachment, file: string): string[] {
  const warnings: string[] = [];
  if (a.reattached.length > 0) {
    warnings.push(
      `${file}: ${a.reattached.length} decision${a.reattached.length > 1 ? 's' : ''} re-attached to the sentence that now has their text (the run was re-classified): ${listed(a.reattached.map(([from, to]) => `${from} → ${to}`))}`,
    );
  }
  if (a.orphaned.length > 0) {
    warnings.push(
      `${file}: ${a.orphaned.length} orphaned decision${a.orphaned.length > 1 ? 's' : ''}: the sentence decided on is no longer in the run (its text changed or it was removed): ${listed(a.orphaned.map((r) => r.id))}; kept in the file and exported, not shown`,
    );
  }
  return warnings;
}
