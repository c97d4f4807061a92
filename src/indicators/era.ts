// What the venue makes possible: per decade, the distribution across countries
// of the self-rejecting share (denial + rhetorical action about a government's
// own conduct, among its self-referential moves) and of how much human-rights
// talk a speech holds. Indicator 4 and the phases judge a country against its
// era, not against absolute shares tuned to one corpus. Pure: data in, data out;
// the bundled table (corpus/facts/era/self-reference.csv) is read by load-era.ts.
import { quantile } from '../aggregate/bootstrap.js';
import { quoteCsv, formatNumber } from '../aggregate/csv.js';
import * as T from '../aggregate/thresholds.js';
import { addMoves, zeroMoves, type MoveCounts } from '../aggregate/indices.js';

/** One country-year's evidence, as status and the era table read it. */
export interface YearEvidence {
  country: string;
  year: number;
  n_documents: number;
  n_utterances: number;
  /** Relevant utterances of any target: how much human-rights talk there is at all. */
  n_relevant_all: number;
  /** Moves about the government's own conduct (target self). */
  self: MoveCounts;
}

/** The quantiles the table keeps; the thresholds must name one of them. */
export const ERA_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

export interface EraRow {
  decade: number; // first year of the decade
  /** Decades whose countries make the distribution: the decade itself, plus borrowed ones when it has too few. */
  decades_used: number[];
  /** Country-decades with at least MIN_SELF_MOVES self-referential moves in the distribution. */
  n_countries: number;
  /** Quantiles of the self-rejecting share across those countries, by ERA_QUANTILES. */
  rejecting: number[];
  /** Median self-referential net score across those countries. */
  net_median: number | null;
  /** Country-years (with at least one utterance) in the decade. */
  n_country_years: number;
  /** Quantiles of the relevant share of country-years (relevant utterances / utterances), by ERA_QUANTILES. */
  relevant_share: number[];
}

export interface EraReference {
  /** Where the table came from: "run" or the file it was read from. */
  source: string;
  rows: EraRow[];
}

export const decadeOf = (year: number): number => Math.floor(year / T.ERA_YEARS) * T.ERA_YEARS;

const selfTotal = (c: MoveCounts): number => c.denial + c.rhetorical_action + c.argumentative_concession + c.norm_acknowledgment;

/** Self-rejecting share: denial + rhetorical action among self-referential moves; null without any. */
export function rejectingShare(c: MoveCounts): number | null {
  const n = selfTotal(c);
  return n > 0 ? (c.denial + c.rhetorical_action) / n : null;
}

/** Self-referential net score: (concession + acknowledgment − denial − rhetorical action) / moves; null without any. */
export function netScore(c: MoveCounts): number | null {
  const n = selfTotal(c);
  return n > 0 ? (c.argumentative_concession + c.norm_acknowledgment - c.denial - c.rhetorical_action) / n : null;
}

const quantiles = (values: number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  return ERA_QUANTILES.map((q) => (sorted.length ? quantile(sorted, q) : NaN));
};

/** The era table from country-years: one distribution per decade, widened to neighbouring decades when thin. */
export function buildEraReference(years: readonly YearEvidence[], source: string): EraReference {
  const countryDecades = new Map<string, { decade: number; moves: MoveCounts }>();
  const sharesByDecade = new Map<number, number[]>();
  for (const y of years) {
    const decade = decadeOf(y.year);
    const key = `${y.country}|${decade}`;
    let cd = countryDecades.get(key);
    if (!cd) countryDecades.set(key, (cd = { decade, moves: zeroMoves() }));
    addMoves(cd.moves, y.self);
    if (y.n_utterances > 0) {
      const list = sharesByDecade.get(decade) ?? [];
      list.push(y.n_relevant_all / y.n_utterances);
      sharesByDecade.set(decade, list);
    }
  }
  const byDecade = new Map<number, Array<{ rejecting: number; net: number }>>();
  for (const cd of countryDecades.values()) {
    if (selfTotal(cd.moves) < T.MIN_SELF_MOVES) continue;
    const list = byDecade.get(cd.decade) ?? [];
    list.push({ rejecting: rejectingShare(cd.moves)!, net: netScore(cd.moves)! });
    byDecade.set(cd.decade, list);
  }
  const decades = [...new Set([...sharesByDecade.keys(), ...byDecade.keys()])].sort((a, b) => a - b);
  const rows: EraRow[] = [];
  for (const decade of decades) {
    const used = widen(decade, decades, (d) => byDecade.get(d)?.length ?? 0);
    const units = used.flatMap((d) => byDecade.get(d) ?? []);
    if (units.length === 0) continue;
    const shares = sharesByDecade.get(decade) ?? [];
    const nets = units.map((u) => u.net).sort((a, b) => a - b);
    rows.push({
      decade,
      decades_used: used,
      n_countries: units.length,
      rejecting: quantiles(units.map((u) => u.rejecting)),
      net_median: quantile(nets, 0.5),
      n_country_years: shares.length,
      relevant_share: quantiles(shares),
    });
  }
  return { source, rows };
}

/** The decade itself, then the nearest decades (earlier first on a tie) until ERA_MIN_COUNTRIES units, or every decade. */
function widen(decade: number, decades: readonly number[], count: (d: number) => number): number[] {
  const order = [...decades].sort((a, b) => Math.abs(a - decade) - Math.abs(b - decade) || a - b);
  const used: number[] = [];
  let n = 0;
  for (const d of order) {
    if (n >= T.ERA_MIN_COUNTRIES) break;
    used.push(d);
    n += count(d);
  }
  return used.sort((a, b) => a - b);
}

/** The era row for a year: its decade's, or the nearest decade's when the table does not reach it. */
export function eraRowFor(ref: EraReference, year: number): EraRow | null {
  if (ref.rows.length === 0) return null;
  const decade = decadeOf(year);
  return ref.rows.reduce((best, r) => (Math.abs(r.decade - decade) < Math.abs(best.decade - decade) ? r : best));
}

/** The value of a kept quantile (throws when the threshold names a quantile the table does not keep). */
export function eraQuantile(values: readonly number[], q: number): number {
  const i = ERA_QUANTILES.indexOf(q as (typeof ERA_QUANTILES)[number]);
  if (i < 0) throw new RangeError(`the era table keeps quantiles ${ERA_QUANTILES.join(', ')}, not ${q}`);
  return values[i];
}

// ---------------------------------------------------------------- CSV

const qName = (q: number): string => `p${Math.round(q * 100)}`;

export const ERA_HEADER = [
  'decade',
  'decades_used',
  'n_countries',
  ...ERA_QUANTILES.map((q) => `rejecting_${qName(q)}`),
  'net_median',
  'n_country_years',
  ...ERA_QUANTILES.map((q) => `relevant_share_${qName(q)}`),
];

const num = (v: number | null): string => (v === null || Number.isNaN(v) ? '' : formatNumber(v));

export function eraCsv(ref: EraReference): string {
  const lines = [ERA_HEADER.join(',')];
  for (const r of ref.rows)
    lines.push(
      [
        String(r.decade),
        quoteCsv(r.decades_used.join(' ')),
        String(r.n_countries),
        ...r.rejecting.map(num),
        num(r.net_median),
        String(r.n_country_years),
        ...r.relevant_share.map(num),
      ].join(','),
    );
  return lines.join('\n') + '\n';
}

/** Read an era table written by eraCsv; throws with file:line on a bad row. */
export function parseEraCsv(text: string, file: string): EraReference {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== ERA_HEADER.join(',')) throw new Error(`${file}:1: expected the header ${ERA_HEADER.join(',')}`);
  const rows: EraRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.split(',');
    const where = `${file}:${i + 2}`;
    if (f.length !== ERA_HEADER.length) throw new Error(`${where}: ${f.length} fields, expected ${ERA_HEADER.length}`);
    const n = (s: string, what: string): number => {
      const v = Number(s);
      if (s === '' || !Number.isFinite(v)) throw new Error(`${where}: ${what} is not a number ("${s}")`);
      return v;
    };
    const k = ERA_QUANTILES.length;
    rows.push({
      decade: n(f[0], 'decade'),
      decades_used: f[1].split(' ').map((d) => n(d, 'decades_used')),
      n_countries: n(f[2], 'n_countries'),
      rejecting: f.slice(3, 3 + k).map((v) => n(v, 'rejecting quantile')),
      net_median: f[3 + k] === '' ? null : n(f[3 + k], 'net_median'),
      n_country_years: n(f[4 + k], 'n_country_years'),
      relevant_share: f.slice(5 + k, 5 + 2 * k).map((v) => (v === '' ? NaN : n(v, 'relevant share quantile'))),
    });
  });
  if (rows.length === 0) throw new Error(`${file}: no rows`);
  return { source: file, rows };
}
