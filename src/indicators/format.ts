// Output shapers for status: CSV rows and the terminal table. Pure strings.
import { pct, textTable, toCsv, type CsvValue } from '../aggregate/csv.js';
import { INDEX_NAMES } from '../aggregate/types.js';
import { INDICATOR_NAMES, type StatusRow, type Tri } from './types.js';

const HEADER = [
  'key',
  'country',
  'year',
  'period',
  'as_of',
  'n_documents',
  'n_relevant',
  'insufficient_evidence',
  ...INDEX_NAMES,
  ...INDICATOR_NAMES.flatMap((n) => [n, `${n}_reason`, `${n}_facts`]),
  'deeds_years',
  'deeds_mean',
  'deeds_meet',
  'phase',
  'phase_rule',
  'phase_possible',
  'phase_reason',
  'examples',
];

function deedsColumns(row: StatusRow): CsvValue[] {
  if (!row.deeds || row.deeds.length === 0) return [null, null, null];
  const mean = row.deeds.reduce((s, d) => s + d.value, 0) / row.deeds.length;
  const first = row.deeds[0];
  const meets = first.better === 'lower' ? mean <= first.threshold : mean >= first.threshold;
  return [row.deeds.map((d) => d.year).join(' '), mean, meets];
}

export function statusCsv(rows: readonly StatusRow[]): string {
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.key,
      r.country,
      r.year,
      r.period?.label,
      r.as_of,
      r.n_documents,
      r.n_relevant,
      r.insufficient_evidence,
      ...INDEX_NAMES.map((n) => r.indices[n]),
      ...INDICATOR_NAMES.flatMap((n) => [r.indicators[n].value, r.indicators[n].reason, r.indicators[n].fact_ids.join(' ')]),
      ...deedsColumns(r),
      r.phase.phase,
      r.phase.rule,
      r.phase.possible?.join('|'),
      r.phase.reason,
      r.examples.join(' '),
    ]),
  );
}

const TRI_MARK: Record<Tri, string> = { true: 'yes', false: 'no', unknown: '?' };

export function statusTable(rows: readonly StatusRow[]): string {
  const header = ['country', 'unit', 'rel', 'acc%', 'rej%', 'I1 ratif', 'I2 inst', 'I3 compl', 'I4 disc', 'phase', 'rule'];
  const body = rows.map((r) => [
    r.country,
    r.year !== null ? String(r.year) : (r.period?.label ?? ''),
    String(r.n_relevant),
    pct(r.indices.acceptance),
    pct(r.indices.rejection),
    ...INDICATOR_NAMES.map((n) => TRI_MARK[r.indicators[n].value]),
    r.phase.phase === null ? '-' : r.phase.possible ? r.phase.possible.join('/') : String(r.phase.phase),
    r.phase.rule,
  ]);
  return textTable(header, body, [false, false, true, true, true, false, false, false, false, false, false]);
}
