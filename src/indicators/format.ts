// Output shapers for status: CSV rows and the terminal tables. Pure strings.
import { pct, textTable, toCsv, type CsvValue } from '../aggregate/csv.js';
import { INDEX_NAMES } from '../aggregate/types.js';
import { MOVE_LABELS } from '../types.js';
import { INDICATOR_NAMES, type CountryOnset, type PhaseResult, type StatusRow, type Tri } from './types.js';

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
  'n_self_own',
  'self_window_start',
  'self_window_end',
  'self_pooled',
  'n_self',
  ...MOVE_LABELS.map((l) => `n_self_${l}`),
  'self_rejecting',
  'self_rejecting_low',
  'self_rejecting_high',
  'self_dialogue',
  'self_net',
  'self_net_low',
  'self_net_high',
  'n_relevant_all',
  'n_utterances',
  'n_promotion',
  'promotion_acceptance',
  'promotion_net',
  'audience_tv',
  'audience_dependent',
  'era_decade',
  'era_n_countries',
  'era_rejecting_accept_at',
  'era_rejecting_reject_at',
  'era_silence_at',
  ...INDICATOR_NAMES.flatMap((n) => [n, `${n}_reason`, `${n}_facts`]),
  'deeds_years',
  'deeds_mean',
  'deeds_meet',
  'phase',
  'phase_rule',
  'phase_possible',
  'phase_reason',
  'discursive_phase',
  'discursive_phase_rule',
  'examples',
];

function deedsColumns(row: StatusRow): CsvValue[] {
  if (!row.deeds || row.deeds.length === 0) return [null, null, null];
  const mean = row.deeds.reduce((s, d) => s + d.value, 0) / row.deeds.length;
  const first = row.deeds[0];
  const meets = first.better === 'lower' ? mean <= first.threshold : mean >= first.threshold;
  return [row.deeds.map((d) => d.year).join(' '), mean, meets];
}

function selfColumns(r: StatusRow): CsvValue[] {
  const s = r.self;
  return [
    s.n_own,
    s.window.start,
    s.window.end,
    s.pooled,
    s.n_moves,
    ...MOVE_LABELS.map((l) => s.counts[l]),
    s.rejecting,
    s.rejecting_ci95?.low,
    s.rejecting_ci95?.high,
    s.dialogue,
    s.net,
    s.net_ci95?.low,
    s.net_ci95?.high,
    s.n_relevant_all,
    s.n_utterances,
    s.promotion?.n_moves,
    s.promotion?.acceptance,
    s.promotion?.net,
    s.consistency.total_variation,
    s.consistency.audience_dependent,
    r.era?.decade,
    r.era?.n_countries,
    r.era?.accept_at,
    r.era?.reject_at,
    r.era?.silence_at,
  ];
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
      ...selfColumns(r),
      ...INDICATOR_NAMES.flatMap((n) => [r.indicators[n].value, r.indicators[n].reason, r.indicators[n].fact_ids.join(' ')]),
      ...deedsColumns(r),
      r.phase.phase,
      r.phase.rule,
      r.phase.possible?.join('|'),
      r.phase.reason,
      r.discursive_phase.phase,
      r.discursive_phase.rule,
      r.examples.join(' '),
    ]),
  );
}

const TRI_MARK: Record<Tri, string> = { true: 'yes', false: 'no', unknown: '?' };

const phaseText = (p: PhaseResult): string => (p.phase === null ? '-' : p.possible ? p.possible.join('/') : String(p.phase));

export function statusTable(rows: readonly StatusRow[]): string {
  const header = ['country', 'unit', 'self', 'window', 'rej%', 'net%', 'promo%', 'I1 ratif', 'I2 inst', 'I3 compl', 'I4 disc', 'phase', 'talk', 'rule'];
  const body = rows.map((r) => [
    r.country,
    r.year !== null ? String(r.year) : (r.period?.label ?? ''),
    String(r.self.n_moves),
    r.self.pooled ? `${r.self.window.start}-${r.self.window.end}` : '',
    pct(r.self.rejecting),
    pct(r.self.net),
    pct(r.self.promotion?.net),
    ...INDICATOR_NAMES.map((n) => TRI_MARK[r.indicators[n].value]),
    phaseText(r.phase),
    phaseText(r.discursive_phase),
    r.phase.rule,
  ]);
  return (
    textTable(header, body, [false, false, true, false, true, true, true, false, false, false, false, false, false, false]) +
    'self: moves about its own conduct (pooled over the window when thin); rej: denial + rhetorical action among them; promo: net score of talk about others and the norms; talk: the phase the discourse alone supports\n'
  );
}

export function onsetsTable(onsets: readonly CountryOnset[]): string {
  const body = onsets.map((o) => [o.country, o.prescriptive?.unit ?? '-', o.discursive?.unit ?? '-']);
  return (
    '\n' +
    textTable(['country', 'phase 4 from', 'indicator 4 from'], body) +
    `(first unit of the first run of at least ${onsets[0]?.min_units ?? ''} units that persists)\n`
  );
}
