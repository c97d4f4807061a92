// What aggregation reads from one line of utterances.jsonl, checked. Lines are
// parsed by the edge (the CLI); this turns a parsed object into the few fields
// that count, or says what is wrong with it.
import { isLabel, MOVE_LABELS, SPEAKER_ROLES, type Audience, type Label, type SpeakerRole } from '../types.js';

export interface Countable {
  doc: string;
  id: string;
  country: string | null;
  year: number | null;
  audience: Audience | null;
  label: Label;
  relevant: boolean;
  speaker: string | null;
  speaker_role: SpeakerRole; // missing in the record = 'self' (a generic document speaks for its country)
  text: string;
}

export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

const YEAR_IN_DATE = /^(\d{4})/;

function yearOf(record: Record<string, unknown>): number | null {
  if (typeof record.year === 'number' && Number.isInteger(record.year)) return record.year;
  if (typeof record.date === 'string') {
    const m = YEAR_IN_DATE.exec(record.date);
    if (m) return Number(m[1]);
  }
  return null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A relevant utterance is one the tagger marked relevant, or one carrying a move
 * label (a move is relevant by definition, whatever the flag says).
 */
function isRelevant(label: Label, relevant: unknown): boolean {
  return relevant === true || (MOVE_LABELS as readonly string[]).includes(label);
}

/** Check a parsed utterance line; throws RecordError naming the problem. */
export function toCountable(value: unknown): Countable {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordError('not a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record.doc !== 'string' || record.doc === '') throw new RecordError('missing "doc"');
  if (typeof record.id !== 'string' || record.id === '') throw new RecordError('missing "id"');
  if (!isLabel(record.label)) throw new RecordError(`unknown label ${JSON.stringify(record.label)}`);
  const role = record.speaker_role ?? 'self';
  if (!(SPEAKER_ROLES as readonly unknown[]).includes(role)) {
    throw new RecordError(`unknown speaker_role ${JSON.stringify(record.speaker_role)}`);
  }
  const audience = record.audience === 'international' || record.audience === 'domestic' ? record.audience : null;
  return {
    doc: record.doc,
    id: record.id,
    country: stringOrNull(record.country),
    year: yearOf(record),
    audience,
    label: record.label,
    relevant: isRelevant(record.label, record.relevant),
    speaker: stringOrNull(record.speaker),
    speaker_role: role as SpeakerRole,
    text: typeof record.text === 'string' ? record.text : '',
  };
}
