// The flat forms of a run's outputs, for R and pandas as they are:
// - utterances.csv, one row per line of utterances.jsonl, made from the bytes of
//   that file (so a merged run, a re-run from the cache and a fresh run give the
//   same CSV whenever their JSONL is the same);
// - the documents.jsonl line with `country` and `year` beside `meta`.
// Pure: bytes and records in, text out. docs/outputs.md documents every column.
import { createHash } from 'node:crypto';
import { csvField, quoteCsv } from '../aggregate/csv.js';
import { MOVE_LABELS, type DocumentRecord } from '../types.js';

export const UTTERANCES_CSV = 'utterances.csv';

/** R's type of a column as read.csv reads it: logical, integer, numeric (double) or character. */
export type ColumnType = 'logical' | 'integer' | 'numeric' | 'character';

export interface CsvColumn {
  name: string;
  type: ColumnType;
  /** The value of this column from one parsed utterances.jsonl line. */
  value: (u: Record<string, unknown>) => string;
}

const text = (v: unknown): string => (typeof v === 'string' ? quoteCsv(v) : '');
const integer = (v: unknown): string => (typeof v === 'number' && Number.isInteger(v) ? String(v) : '');
/** Numbers exactly as in the JSONL (shortest round-trip form): the CSV loses no precision. */
const numeric = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const logical = (v: unknown): string => (typeof v === 'boolean' ? csvField(v) : '');
const field = (name: string, type: ColumnType, read: (v: unknown) => string): CsvColumn => ({ name, type, value: (u) => read(u[name]) });

/** Distinct strings among `values`, in first-seen order, joined with ";" (ids never hold one); a sentence has few, so no Set. */
function joinDistinct(values: unknown): string {
  if (!Array.isArray(values)) return quoteCsv('');
  const seen: string[] = [];
  for (const v of values) if (typeof v === 'string' && !seen.includes(v)) seen.push(v);
  return quoteCsv(seen.join(';'));
}

/** The distinct rule ids of a line's evidence, the same way. */
function evidenceRules(u: Record<string, unknown>): string {
  if (!Array.isArray(u.evidence)) return quoteCsv('');
  const seen: string[] = [];
  for (const e of u.evidence) {
    const rule = typeof e === 'object' && e !== null ? (e as { rule?: unknown }).rule : undefined;
    if (typeof rule === 'string' && !seen.includes(rule)) seen.push(rule);
  }
  return quoteCsv(seen.join(';'));
}

/** The removed page furniture as `start-end` pairs, `;`-joined ("6666-6684;7010-7031"): offsets into the decoded text. */
const removedSpans = (u: Record<string, unknown>): string =>
  Array.isArray(u.removed)
    ? u.removed
        .filter((r): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((n) => Number.isInteger(n)))
        .map(([s, e]) => `${s}-${e}`)
        .join(';')
    : '';

const scoreOf =
  (label: string) =>
  (u: Record<string, unknown>): string =>
    numeric(typeof u.scores === 'object' && u.scores !== null ? (u.scores as Record<string, unknown>)[label] : undefined);

/** The columns of utterances.csv, in order; `text` last so a printed table stays readable. */
export const UTTERANCE_CSV_COLUMNS: readonly CsvColumn[] = [
  field('doc', 'character', text),
  field('id', 'character', text),
  field('n', 'integer', integer),
  field('country', 'character', text),
  field('year', 'integer', integer),
  field('date', 'character', text),
  field('venue', 'character', text),
  field('audience', 'character', text),
  field('type', 'character', text),
  field('speaker', 'character', text),
  field('speaker_role', 'character', text),
  field('reported', 'logical', logical),
  field('section', 'character', text),
  field('paragraph', 'character', text),
  field('start', 'integer', integer),
  field('end', 'integer', integer),
  { name: 'removed', type: 'character', value: removedSpans },
  field('label', 'character', text),
  field('target', 'character', text),
  field('confidence', 'numeric', numeric),
  field('relevant', 'logical', logical),
  ...MOVE_LABELS.map((l): CsvColumn => ({ name: `score_${l}`, type: 'numeric', value: scoreOf(l) })),
  { name: 'rules', type: 'character', value: evidenceRules },
  { name: 'review_flags', type: 'character', value: (u) => joinDistinct(u.flags) },
  field('text', 'character', text),
];

export function utterancesCsvHeader(): string {
  return `${UTTERANCE_CSV_COLUMNS.map((c) => c.name).join(',')}\n`;
}

/**
 * One CSV row (with its newline) of a parsed utterances.jsonl line, or of an
 * utterance as it was just tagged: the same fields, so a fresh run and a re-run
 * from the JSONL write the same row. Concatenated column by column: this runs
 * once per utterance of a corpus.
 */
export function utteranceCsvRow(u: Record<string, unknown>): string {
  let row = UTTERANCE_CSV_COLUMNS[0].value(u);
  for (let i = 1; i < UTTERANCE_CSV_COLUMNS.length; i++) row += ',' + UTTERANCE_CSV_COLUMNS[i].value(u);
  return row + '\n';
}

/** What writing the CSV needs of a run's staging: read back what was written, append to an output. */
export interface CsvStaging {
  readBack(name: string, offset: number, length: number, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  write(name: string, chunk: string | Uint8Array): Promise<void>;
}

/** How much of utterances.jsonl is read back at a time to write its CSV rows. */
const CSV_WINDOW_BYTES = 1 << 20;

/**
 * Append the CSV rows of `length` bytes of utterances.jsonl from `offset` (whole
 * lines), read back a window at a time and written as they come: memory stays
 * bounded by the window and the longest line, whatever the file's size. Resolves
 * to the bytes written and their sha256 (for the run index).
 */
export async function writeUtterancesCsv(staging: CsvStaging, offset: number, length: number): Promise<{ length: number; sha256: string }> {
  const hash = createHash('sha256');
  let written = 0;
  const write = async (rows: string) => {
    const bytes = Buffer.from(rows, 'utf8');
    hash.update(bytes);
    written += bytes.length;
    await staging.write(UTTERANCES_CSV, bytes);
  };
  let pending = Buffer.alloc(0);
  for (let done = 0; done < length;) {
    const size = Math.min(CSV_WINDOW_BYTES, length - done);
    const parts: Buffer[] = [pending];
    await staging.readBack('utterances.jsonl', offset + done, size, (chunk) => parts.push(Buffer.from(chunk)));
    done += size;
    const joined = Buffer.concat(parts);
    const last = done < length ? joined.lastIndexOf(0x0a) : joined.length - 1;
    if (last < 0) {
      pending = joined;
      continue;
    }
    await write(utteranceCsvRows(joined.subarray(0, last + 1)));
    pending = joined.subarray(last + 1);
  }
  return { length: written, sha256: hash.digest('hex') };
}

/** The CSV rows of a section of utterances.jsonl (whole lines, UTF-8). */
export function utteranceCsvRows(jsonl: Uint8Array): string {
  if (jsonl.length === 0) return '';
  const rows: string[] = [];
  for (const line of Buffer.from(jsonl.buffer, jsonl.byteOffset, jsonl.byteLength).toString('utf8').split('\n')) {
    if (line !== '') rows.push(utteranceCsvRow(JSON.parse(line) as Record<string, unknown>));
  }
  return rows.join('');
}

/**
 * The documents.jsonl line of a record: `country` and `year` also at the top
 * level (after `status`), where a data frame reader finds them without
 * unnesting `meta`; `meta` stays as it was. Unknown values stay absent.
 */
export function documentLine(record: DocumentRecord): Record<string, unknown> {
  const { id, path, status, ...rest } = record;
  const top: Record<string, unknown> = { id, path, status };
  if (record.meta?.country !== undefined) top.country = record.meta.country;
  if (record.meta?.year !== undefined) top.year = record.meta.year;
  return { ...top, ...rest };
}
