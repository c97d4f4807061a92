// What the report and the review read from one line of utterances.jsonl:
// checked, typed, and slimmed to the fields they show (scores are dropped).
import { FLAGS, isLabel, type Flag, type Label } from '../types.js';

/** One piece of evidence as shown: offsets into the utterance text. */
export interface ShownEvidence {
  rule: string;
  category: string;
  start: number;
  end: number;
  text: string;
  weight: number;
  negated: boolean;
  effect?: string;
}

export interface ShownUtterance {
  id: string;
  doc: string;
  n: number;
  country: string | null;
  year: number | null;
  venue: string | null;
  speaker: string | null;
  speaker_role: string | null;
  label: Label;
  confidence: number | null;
  relevant: boolean;
  flags: Flag[];
  evidence: ShownEvidence[];
  text: string;
}

export class UtteranceLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UtteranceLineError';
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function yearOf(record: Record<string, unknown>): number | null {
  if (typeof record.year === 'number' && Number.isInteger(record.year)) return record.year;
  const date = typeof record.date === 'string' ? /^(\d{4})/.exec(record.date) : null;
  return date ? Number(date[1]) : null;
}

function toEvidence(value: unknown, index: number): ShownEvidence {
  if (typeof value !== 'object' || value === null) throw new UtteranceLineError(`evidence[${index}] is not an object`);
  const e = value as Record<string, unknown>;
  if (typeof e.rule !== 'string') throw new UtteranceLineError(`evidence[${index}] has no "rule"`);
  if (!Number.isInteger(e.start) || !Number.isInteger(e.end)) throw new UtteranceLineError(`evidence[${index}] ("${e.rule}") has no integer start/end`);
  const shown: ShownEvidence = {
    rule: e.rule,
    category: typeof e.category === 'string' ? e.category : '',
    start: e.start as number,
    end: e.end as number,
    text: typeof e.text === 'string' ? e.text : '',
    weight: numberOrNull(e.weight) ?? 0,
    negated: e.negated === true,
  };
  if (typeof e.effect === 'string') shown.effect = e.effect;
  return shown;
}

function toFlags(value: unknown): Flag[] {
  if (!Array.isArray(value)) return [];
  const known = FLAGS as readonly unknown[];
  const unknown = value.filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new UtteranceLineError(`unknown flag ${JSON.stringify(unknown[0])}`);
  // Dedupe and put in the codebook's order, so output never depends on the writer's order.
  return FLAGS.filter((f) => value.includes(f));
}

/** Check a parsed utterance line; throws UtteranceLineError naming what is wrong. */
export function toShownUtterance(value: unknown): ShownUtterance {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UtteranceLineError('not a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') throw new UtteranceLineError('missing "id"');
  if (typeof r.doc !== 'string' || r.doc === '') throw new UtteranceLineError('missing "doc"');
  if (!Number.isInteger(r.n)) throw new UtteranceLineError('missing integer "n"');
  if (typeof r.text !== 'string') throw new UtteranceLineError('missing "text"');
  if (!isLabel(r.label)) throw new UtteranceLineError(`unknown label ${JSON.stringify(r.label)}`);
  const evidence = Array.isArray(r.evidence) ? r.evidence.map(toEvidence) : [];
  return {
    id: r.id,
    doc: r.doc,
    n: r.n as number,
    country: stringOrNull(r.country),
    year: yearOf(r),
    venue: stringOrNull(r.venue),
    speaker: stringOrNull(r.speaker),
    speaker_role: stringOrNull(r.speaker_role),
    label: r.label,
    confidence: numberOrNull(r.confidence),
    relevant: r.relevant === true || r.label !== 'none',
    flags: toFlags(r.flags),
    evidence,
    text: r.text,
  };
}

/** Deterministic order of flagged utterances: country, year, document, position. */
export function compareUtterances(a: ShownUtterance, b: ShownUtterance): number {
  return compareText(a.country ?? '', b.country ?? '') || (a.year ?? 0) - (b.year ?? 0) || compareText(a.doc, b.doc) || a.n - b.n || compareText(a.id, b.id);
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
