// Output shapers for scores: CSV rows and the terminal table. Pure strings.
import { LABELS, MOVE_LABELS, TARGET_KINDS } from '../types.js';
import { pct, textTable, toCsv, type CsvValue } from './csv.js';
import { INDEX_NAMES, type PressureCell, type ScoreCell } from './types.js';

const CELL_HEADER = [
  'key',
  'country',
  'year',
  'period',
  'audience',
  'n_documents',
  'n_utterances',
  'target',
  'n_relevant_all',
  'n_relevant',
  ...LABELS.map((l) => `count_${l}`),
  ...MOVE_LABELS.map((l) => `share_${l}`),
  ...INDEX_NAMES.flatMap((n) => [n, `${n}_low`, `${n}_high`]),
  ...TARGET_KINDS.flatMap((t) => [`n_relevant_${t}`, ...MOVE_LABELS.map((l) => `share_${l}_${t}`)]),
  'n_relevant_promotion',
  'promotion_acceptance',
  'promotion_net',
  'promotion_net_low',
  'promotion_net_high',
  'insufficient_evidence',
  'insufficient_reasons',
  'audience_tv',
  'audience_js',
  'audience_dependent',
  'accepting',
  'accepting_streak',
  'persistent',
  ...MOVE_LABELS.map((l) => `examples_${l}`),
];

function cellRow(c: ScoreCell): CsvValue[] {
  return [
    c.key,
    c.country,
    c.year,
    c.period?.label,
    c.audience,
    c.n_documents,
    c.n_utterances,
    c.target,
    c.n_relevant_all,
    c.n_relevant,
    ...LABELS.map((l) => c.counts[l]),
    ...MOVE_LABELS.map((l) => c.shares[l]),
    ...INDEX_NAMES.flatMap((n) => [c.indices[n].value, c.indices[n].ci95?.low, c.indices[n].ci95?.high]),
    ...TARGET_KINDS.flatMap((t) => [c.by_target?.[t].n_relevant, ...MOVE_LABELS.map((l) => c.by_target?.[t].shares[l])]),
    c.promotion?.n_relevant,
    c.promotion?.acceptance.value,
    c.promotion?.net.value,
    c.promotion?.net.ci95?.low,
    c.promotion?.net.ci95?.high,
    c.insufficient_evidence,
    c.insufficient_reasons.join('; '),
    c.consistency?.total_variation,
    c.consistency?.jensen_shannon,
    c.consistency?.audience_dependent,
    c.persistence?.accepting,
    c.persistence?.streak,
    c.persistence?.persistent,
    ...MOVE_LABELS.map((l) => c.examples[l].join(' ')),
  ];
}

export function cellsCsv(cells: readonly ScoreCell[]): string {
  return toCsv(CELL_HEADER, cells.map(cellRow));
}

const PRESSURE_HEADER = [
  'key',
  'country',
  'year',
  'period',
  'speaker',
  'n_documents',
  'n_utterances',
  'n_relevant',
  ...LABELS.map((l) => `count_${l}`),
  'critical',
  'recommendations',
  'recommendations_source',
  'examples_critical',
  'examples_recommendations',
];

export function pressureCsv(rows: readonly PressureCell[]): string {
  return toCsv(
    PRESSURE_HEADER,
    rows.map((p) => [
      p.key,
      p.country,
      p.year,
      p.period?.label,
      p.speaker ?? 'ALL',
      p.n_documents,
      p.n_utterances,
      p.n_relevant,
      ...LABELS.map((l) => p.counts[l]),
      p.critical,
      p.recommendations,
      p.recommendations_source,
      p.examples.critical.join(' '),
      p.examples.recommendations.join(' '),
    ]),
  );
}

function unitLabel(c: { year: number | null; period: { label: string } | null }): string {
  return c.year !== null ? String(c.year) : (c.period?.label ?? 'all');
}

function interval(c: ScoreCell): string {
  const ci = c.indices.net.ci95;
  return ci ? `[${pct(ci.low)},${pct(ci.high)}]` : '';
}

/** Marks: ! insufficient evidence, ≠ stance depends on the audience, + accepting stance persists. */
function marks(c: ScoreCell): string {
  return [c.insufficient_evidence ? '!' : '', c.consistency?.audience_dependent ? '≠' : '', c.persistence?.persistent ? '+' : ''].join('');
}

export function cellsTable(cells: readonly ScoreCell[]): string {
  const header = ['country', 'unit', 'audience', 'docs', 'relevant', 'den%', 'rhet%', 'dial%', 'acc%', 'net%', 'net 95% CI', 'promo net%', 'marks'];
  const rows = cells.map((c) => [
    c.country,
    unitLabel(c),
    c.audience,
    String(c.n_documents),
    String(c.n_relevant),
    pct(c.indices.rejection.value),
    pct(c.indices.deflection.value),
    pct(c.indices.dialogue.value),
    pct(c.indices.acceptance.value),
    pct(c.indices.net.value),
    interval(c),
    pct(c.promotion?.net.value),
    marks(c),
  ]);
  const right = [false, false, false, true, true, true, true, true, true, true, false, true, false];
  const target = cells[0]?.target;
  const about =
    target === undefined ? '' : target === 'all' ? 'moves: all relevant utterances\n' : `moves about: ${target} (relevant = moves with that target)\n`;
  return (
    about +
    textTable(header, rows, right) +
    'promo: net score of talk about others and the norms (targets other + general)\nmarks: ! insufficient evidence  ≠ stance depends on the audience  + accepting stance persists\n'
  );
}

/** Totals rows only (per country and unit), with the three most active speaking States. */
export function pressureTable(rows: readonly PressureCell[]): string {
  const totals = rows.filter((p) => p.speaker === null);
  const topSpeakers = (p: PressureCell): string =>
    rows
      .filter((r) => r.speaker !== null && r.key.startsWith(`${p.key}|`))
      .sort((a, b) => b.critical + b.recommendations - (a.critical + a.recommendations) || (a.speaker! < b.speaker! ? -1 : 1))
      .slice(0, 3)
      .map((r) => `${r.speaker} ${r.critical}/${r.recommendations}`)
      .join(', ');
  const header = ['country', 'unit', 'docs', 'utterances', 'critical', 'recommendations', 'most active (critical/recs)'];
  const body = totals.map((p) => [
    p.country,
    unitLabel(p),
    String(p.n_documents),
    String(p.n_utterances),
    String(p.critical),
    String(p.recommendations),
    topSpeakers(p),
  ]);
  return textTable(header, body, [false, false, true, true, true, true, false]);
}
