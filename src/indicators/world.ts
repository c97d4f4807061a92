// World time (the book's puzzle: most countries reached prescriptive status in
// the same decade): for every year, how many countries are in each phase, and the
// median self-referential net score across countries with its interval. Built
// from status rows by country-year; the phase counted is the discursive phase
// (the phase the discourse supports), because indicators 1–3 are bundled for the
// eleven book countries only. Pure.
import { quantile } from '../aggregate/bootstrap.js';
import { formatNumber } from '../aggregate/csv.js';
import { streamFor } from '../aggregate/random.js';
import * as T from '../aggregate/thresholds.js';
import type { Interval } from '../aggregate/types.js';
import type { StatusRow } from './types.js';

export const WORLD_PHASES = ['1', '2', '3', '4', '5', 'unknown'] as const;
export type WorldPhase = (typeof WORLD_PHASES)[number];

export interface WorldYear {
  year: number;
  /** Countries with a status row (a speech) that year. */
  n_countries: number;
  /** Countries per discursive phase ('unknown': too little evidence). */
  phases: Record<WorldPhase, number>;
  /** Countries whose (pooled) self-referential evidence reaches MIN_SELF_MOVES: the median is over them. */
  n_with_evidence: number;
  median_net: number | null;
  /** Bootstrap interval of the median, resampling countries. */
  median_net_ci95: Interval | null;
}

export interface WorldOptions {
  resamples: number;
  seed: number;
}

function medianInterval(values: readonly number[], name: string, o: WorldOptions): Interval | null {
  if (values.length < 2) return null;
  const next = streamFor(o.seed, name);
  const medians: number[] = [];
  for (let b = 0; b < o.resamples; b++) {
    const sample = Array.from({ length: values.length }, () => values[Math.floor(next() * values.length)]).sort((a, c) => a - c);
    medians.push(quantile(sample, 0.5));
  }
  medians.sort((a, c) => a - c);
  const tail = (1 - T.INTERVAL_COVERAGE) / 2;
  return { low: quantile(medians, tail), high: quantile(medians, 1 - tail) };
}

/** One row per year of the status rows (country-year units). */
export function buildWorld(rows: readonly StatusRow[], o: WorldOptions): WorldYear[] {
  const byYear = new Map<number, StatusRow[]>();
  for (const r of rows) {
    if (r.year === null) throw new Error('world time needs status rows by country-year');
    const list = byYear.get(r.year) ?? [];
    list.push(r);
    byYear.set(r.year, list);
  }
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const list = byYear.get(year)!;
      const phases = Object.fromEntries(WORLD_PHASES.map((p) => [p, 0])) as Record<WorldPhase, number>;
      for (const r of list) phases[r.discursive_phase.phase === null ? 'unknown' : (String(r.discursive_phase.phase) as WorldPhase)]++;
      const nets = list
        .filter((r) => r.self.n_moves >= T.MIN_SELF_MOVES && r.self.net !== null)
        .map((r) => r.self.net!)
        .sort((a, b) => a - b);
      return {
        year,
        n_countries: list.length,
        phases,
        n_with_evidence: nets.length,
        median_net: nets.length ? quantile(nets, 0.5) : null,
        median_net_ci95: medianInterval(nets, `world|${year}`, o),
      };
    });
}

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : formatNumber(v));

/** The report's world-time input: year, phase, n_countries (long form; every phase of every year, zeros included). */
export function worldTimeCsv(years: readonly WorldYear[]): string {
  const lines = ['year,phase,n_countries'];
  for (const y of years) for (const p of WORLD_PHASES) lines.push(`${y.year},${p},${y.phases[p]}`);
  return lines.join('\n') + '\n';
}

/** Per year: countries, countries with evidence, the median self-referential net score and its interval. */
export function worldNetCsv(years: readonly WorldYear[]): string {
  const lines = ['year,n_countries,n_with_evidence,median_net,median_net_low,median_net_high'];
  for (const y of years)
    lines.push([y.year, y.n_countries, y.n_with_evidence, num(y.median_net), num(y.median_net_ci95?.low), num(y.median_net_ci95?.high)].join(','));
  return lines.join('\n') + '\n';
}
