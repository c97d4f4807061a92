// The lines of a run folder as later commands read them: one schema and one
// validator per output line. Classify writes these lines from the records in
// src/types.ts (UtteranceRecord, DocumentRecord) and pipeline/document.ts
// (RecommendationRecord); scores, status, report and review read them back here.
// Each reader checks what its consumers rely on and says what is wrong with a
// line (LineError: the caller adds file:line).
import type { RecommendationFact } from '../aggregate/pressure.js';
import { normaliseCountry } from '../countries.js';
import {
  FLAGS,
  isLabel,
  isTarget,
  MOVE_LABELS,
  SPEAKER_ROLES,
  type Audience,
  type DocStatus,
  type Flag,
  type Label,
  type SpeakerRole,
  type Target,
} from '../types.js';

export class LineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineError';
  }
}

/** One piece of evidence of an utterance line: offsets into the utterance text. */
export interface EvidenceLine {
  rule: string;
  category: string;
  start: number;
  end: number;
  text: string;
  weight: number;
  negated: boolean;
  effect?: string;
}

/** One line of utterances.jsonl, checked; the per-move scores are not read. */
export interface UtteranceLine {
  doc: string;
  id: string;
  n: number;
  country: string | null;
  /** `year`, or the year of `date`. */
  year: number | null;
  audience: Audience | null;
  venue: string | null;
  speaker: string | null;
  /** Missing in the line = 'self' (a generic document speaks for its country). */
  speaker_role: SpeakerRole;
  label: Label;
  confidence: number | null;
  relevant: boolean;
  /** Known flags, deduplicated, in the codebook's order. */
  flags: Flag[];
  evidence: EvidenceLine[];
  text: string;
  /** Whose conduct is at stake; null in runs classified before targets were tagged (or an unknown value). */
  target: Target | null;
  /** Offsets of `text` in its document's decoded text, when the line has them. */
  start?: number;
  end?: number;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const YEAR_IN_DATE = /^(\d{4})/;

function yearOf(record: Record<string, unknown>): number | null {
  if (typeof record.year === 'number' && Number.isInteger(record.year)) return record.year;
  const date = typeof record.date === 'string' ? YEAR_IN_DATE.exec(record.date) : null;
  return date ? Number(date[1]) : null;
}

/**
 * A relevant utterance is one the tagger marked relevant, or one carrying a move
 * label (a move is relevant by definition, whatever the flag says).
 */
function isRelevant(label: Label, relevant: unknown): boolean {
  return relevant === true || (MOVE_LABELS as readonly string[]).includes(label);
}

function readEvidence(value: unknown, index: number): EvidenceLine {
  if (typeof value !== 'object' || value === null) throw new LineError(`evidence[${index}] is not an object`);
  const e = value as Record<string, unknown>;
  if (typeof e.rule !== 'string') throw new LineError(`evidence[${index}] has no "rule"`);
  if (!Number.isInteger(e.start) || !Number.isInteger(e.end)) throw new LineError(`evidence[${index}] ("${e.rule}") has no integer start/end`);
  const evidence: EvidenceLine = {
    rule: e.rule,
    category: typeof e.category === 'string' ? e.category : '',
    start: e.start as number,
    end: e.end as number,
    text: typeof e.text === 'string' ? e.text : '',
    weight: numberOrNull(e.weight) ?? 0,
    negated: e.negated === true,
  };
  if (typeof e.effect === 'string') evidence.effect = e.effect;
  return evidence;
}

function readFlags(value: unknown): Flag[] {
  if (!Array.isArray(value)) return [];
  const known = FLAGS as readonly unknown[];
  const unknown = value.filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new LineError(`unknown flag ${JSON.stringify(unknown[0])}`);
  // Dedupe and put in the codebook's order, so output never depends on the writer's order.
  return FLAGS.filter((f) => value.includes(f));
}

/** Check a parsed line of utterances.jsonl; throws LineError naming what is wrong. */
export function readUtteranceLine(value: unknown): UtteranceLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LineError('not a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') throw new LineError('missing "id"');
  if (typeof r.doc !== 'string' || r.doc === '') throw new LineError('missing "doc"');
  if (!Number.isInteger(r.n)) throw new LineError('missing integer "n"');
  if (typeof r.text !== 'string') throw new LineError('missing "text"');
  if (!isLabel(r.label)) throw new LineError(`unknown label ${JSON.stringify(r.label)}`);
  const role = r.speaker_role ?? 'self';
  if (!(SPEAKER_ROLES as readonly unknown[]).includes(role)) throw new LineError(`unknown speaker_role ${JSON.stringify(r.speaker_role)}`);
  const evidence = Array.isArray(r.evidence) ? r.evidence.map(readEvidence) : [];
  const line: UtteranceLine = {
    doc: r.doc,
    id: r.id,
    n: r.n as number,
    country: stringOrNull(r.country),
    year: yearOf(r),
    audience: r.audience === 'international' || r.audience === 'domestic' ? r.audience : null,
    venue: stringOrNull(r.venue),
    speaker: stringOrNull(r.speaker),
    speaker_role: role as SpeakerRole,
    label: r.label,
    confidence: numberOrNull(r.confidence),
    relevant: isRelevant(r.label, r.relevant),
    flags: readFlags(r.flags),
    evidence,
    text: r.text,
    target: isTarget(r.target) ? r.target : null,
  };
  if (Number.isInteger(r.start) && Number.isInteger(r.end)) {
    line.start = r.start as number;
    line.end = r.end as number;
  }
  return line;
}

/** One line of documents.jsonl as the report lists it. */
export interface DocumentLine {
  id: string;
  path: string;
  status: DocStatus;
  reason: string;
}

const DOC_STATUSES: readonly DocStatus[] = ['ok', 'skipped', 'failed'];

/** Check a parsed line of documents.jsonl: the status must be known; the rest is read leniently. */
export function readDocumentLine(value: unknown): DocumentLine {
  const d = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  if (!(DOC_STATUSES as readonly unknown[]).includes(d.status)) throw new LineError(`unknown document status ${JSON.stringify(d.status)}`);
  return { id: String(d.id ?? ''), path: String(d.path ?? d.id ?? ''), status: d.status as DocStatus, reason: String(d.reason ?? '(no reason given)') };
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) if (typeof record[k] === 'string' && record[k] !== '') return record[k] as string;
  return null;
}

/**
 * Read one line of recommendations.jsonl (pipeline/document.ts RecommendationRecord:
 * reviewed, recommending[], number, doc, year), leniently about field names; null
 * when the line names no reviewed State.
 */
export function readRecommendationLine(value: unknown, fallbackId: string): RecommendationFact | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const rawCountry = firstString(r, ['reviewed', 'country', 'state_under_review', 'reviewed_state']);
  const country = rawCountry ? (normaliseCountry(rawCountry) ?? rawCountry) : null;
  if (!country) return null;
  const yearText = typeof r.year === 'number' ? String(r.year) : firstString(r, ['date', 'year']);
  const year = yearText && /^\d{4}/.test(yearText) ? Number(yearText.slice(0, 4)) : null;
  const fromField = r.recommending ?? r.recommending_states ?? r.from ?? r.speakers ?? r.speaker;
  const fromList = Array.isArray(fromField) ? fromField : typeof fromField === 'string' ? [fromField] : [];
  const from = fromList.filter((s): s is string => typeof s === 'string').map((s) => normaliseCountry(s) ?? s);
  const doc = firstString(r, ['doc']);
  const number = firstString(r, ['number']);
  const id = firstString(r, ['id']) ?? (doc && number ? `${doc}#${number}` : fallbackId);
  return { id, country, year, from };
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order of utterances (flagged ones in the report and the review queue): country, year, document, position. */
export function compareUtterances(a: UtteranceLine, b: UtteranceLine): number {
  return compareText(a.country ?? '', b.country ?? '') || (a.year ?? 0) - (b.year ?? 0) || compareText(a.doc, b.doc) || a.n - b.n || compareText(a.id, b.id);
}
