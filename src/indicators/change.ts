// Does a government's self-rejecting share fall after a regime change or a
// liberalisation? The share before and after a year, each pooled over a window
// widened until it holds MIN_SELF_MOVES self-referential moves, with a bootstrap
// interval of the difference (resampling the years of each side). Pure.
import { quantile } from '../aggregate/bootstrap.js';
import type { MoveCounts } from '../aggregate/indices.js';
import { streamFor } from '../aggregate/random.js';
import * as T from '../aggregate/thresholds.js';
import type { Interval, ScoreCell } from '../aggregate/types.js';
import { rejectingShare } from './era.js';
import { addMoves, zeroMoves } from '../aggregate/indices.js';
import { movesTotal } from './evidence.js';

export interface SideOfChange {
  window: { start: number; end: number };
  n_years: number;
  n_moves: number;
  rejecting: number | null;
  ci95: Interval | null;
}

export interface RejectingChange {
  change: number;
  before: SideOfChange;
  after: SideOfChange;
  /** after − before; null when either side lacks MIN_SELF_MOVES. */
  difference: number | null;
  difference_ci95: Interval | null;
  /** The share is lower after (null: not testable). */
  falls: boolean | null;
  /** The whole interval of the difference is below zero. */
  falls_beyond_noise: boolean | null;
}

export type YearMoves = { year: number; self: MoveCounts };

/** A country's moves by year from `spiral scores --by country-year` cells (all audiences; the target the scores were run for). */
export function yearMovesOf(cells: readonly ScoreCell[], iso: string): YearMoves[] {
  return cells
    .filter((c) => c.country === iso && c.audience === 'all' && c.year !== null)
    .map((c) => ({
      year: c.year!,
      self: {
        denial: c.counts.denial,
        rhetorical_action: c.counts.rhetorical_action,
        argumentative_concession: c.counts.argumentative_concession,
        norm_acknowledgment: c.counts.norm_acknowledgment,
        relevant: c.n_relevant,
      },
    }));
}

/**
 * States a country continues as once it has ceased to exist (codebook §1:
 * "Czechoslovakia CSK (historical code; CZE/SVK after 1993)"): from `from` on,
 * their governments' speeches stand for the country's.
 */
export const SUCCESSOR_STATES: Readonly<Record<string, { from: number; states: readonly string[] }>> = {
  CSK: { from: 1993, states: ['CZE', 'SVK'] },
};

/** A country's years with its successors' years from their first (moves added up per year), in year order. */
export function withSuccessors(iso: string, yearsOf: (iso: string) => readonly YearMoves[]): YearMoves[] {
  const successors = SUCCESSOR_STATES[iso];
  const byYear = new Map<number, MoveCounts>();
  const add = (y: YearMoves) => byYear.set(y.year, addMoves(byYear.get(y.year) ?? zeroMoves(), y.self));
  yearsOf(iso).forEach(add);
  for (const state of successors?.states ?? [])
    yearsOf(state)
      .filter((y) => y.year >= successors!.from)
      .forEach(add);
  return [...byYear].sort(([a], [b]) => a - b).map(([year, self]) => ({ year, self }));
}

function side(years: readonly YearMoves[], from: (w: number) => { start: number; end: number }): { window: { start: number; end: number }; pool: YearMoves[] } {
  let w = T.CHANGE_WINDOW_YEARS;
  for (;;) {
    const window = from(w);
    const pool = years.filter((y) => y.year >= window.start && y.year <= window.end);
    const n = movesTotal(pool.reduce((m, y) => addMoves(m, y.self), zeroMoves()));
    if (n >= T.MIN_SELF_MOVES || w >= T.CHANGE_MAX_WINDOW_YEARS) return { window, pool };
    w = Math.min(T.CHANGE_MAX_WINDOW_YEARS, w + T.CHANGE_WIDEN_STEP_YEARS);
  }
}

const sum = (pool: readonly YearMoves[]): MoveCounts => pool.reduce((m, y) => addMoves(m, y.self), zeroMoves());

function resampledShare(pool: readonly YearMoves[], next: () => number): number | null {
  const m = zeroMoves();
  for (let i = 0; i < pool.length; i++) addMoves(m, pool[Math.floor(next() * pool.length)].self);
  return rejectingShare(m);
}

function interval(values: number[]): Interval | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - T.INTERVAL_COVERAGE) / 2;
  return { low: quantile(values, tail), high: quantile(values, 1 - tail) };
}

/** The self-rejecting share before `change` (years up to change − 1) and from it on, for one country's years. */
export function rejectingChange(key: string, years: readonly YearMoves[], change: number, o: { resamples: number; seed: number }): RejectingChange {
  const b = side(years, (w) => ({ start: change - w, end: change - 1 }));
  const a = side(years, (w) => ({ start: change, end: change + w - 1 }));
  const describe = (s: { window: { start: number; end: number }; pool: YearMoves[] }, name: string): SideOfChange => {
    const n = movesTotal(sum(s.pool));
    const next = streamFor(o.seed, `${key}|${name}`);
    const values: number[] = [];
    if (s.pool.length >= T.MIN_DOCUMENTS_FOR_INTERVAL)
      for (let i = 0; i < o.resamples; i++) {
        const v = resampledShare(s.pool, next);
        if (v !== null) values.push(v);
      }
    return { window: s.window, n_years: s.pool.length, n_moves: n, rejecting: rejectingShare(sum(s.pool)), ci95: interval(values) };
  };
  const before = describe(b, 'before');
  const after = describe(a, 'after');
  const testable = before.n_moves >= T.MIN_SELF_MOVES && after.n_moves >= T.MIN_SELF_MOVES && before.rejecting !== null && after.rejecting !== null;
  if (!testable) return { change, before, after, difference: null, difference_ci95: null, falls: null, falls_beyond_noise: null };
  const next = streamFor(o.seed, `${key}|difference`);
  const diffs: number[] = [];
  for (let i = 0; i < o.resamples; i++) {
    const x = resampledShare(a.pool, next);
    const y = resampledShare(b.pool, next);
    if (x !== null && y !== null) diffs.push(x - y);
  }
  const ci = interval(diffs);
  const difference = after.rejecting! - before.rejecting!;
  return { change, before, after, difference, difference_ci95: ci, falls: difference < 0, falls_beyond_noise: ci ? ci.high < 0 : false };
}
