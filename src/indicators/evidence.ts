// A government's own record, unit by unit: the self-referential moves of each
// country-year (from scores by country-year, target self), gathered into the
// status units (years or periods) and pooled with neighbouring units when a unit
// alone is too thin to read. Pure.
import { bootstrapIntervals, quantile, type DocCounts } from '../aggregate/bootstrap.js';
import { compareAudiences, toDistribution, totalVariation } from '../aggregate/consistency.js';
import { streamFor } from '../aggregate/random.js';
import { addMoves, zeroMoves, type MoveCounts } from '../aggregate/indices.js';
import * as T from '../aggregate/thresholds.js';
import type { Consistency, Interval, ScoreCell, ScoresFile } from '../aggregate/types.js';
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import { netScore, rejectingShare, type YearEvidence } from './era.js';

/** One country-year with everything status reads: own moves, talk about others, audiences. */
export interface YearRecord extends YearEvidence {
  /** Moves about others and the norms (targets other + general). */
  promotion: MoveCounts | null;
  /** Self-referential moves and documents before each audience. */
  audiences: { domestic: MoveCounts & { documents: number }; international: MoveCounts & { documents: number } };
  examples: string[];
  /** The year's 'all' cell (for its indices). */
  cell: ScoreCell;
}

export const movesTotal = (c: MoveCounts): number => c.denial + c.rhetorical_action + c.argumentative_concession + c.norm_acknowledgment;

function cellMoves(cell: ScoreCell): MoveCounts {
  return {
    denial: cell.counts.denial,
    rhetorical_action: cell.counts.rhetorical_action,
    argumentative_concession: cell.counts.argumentative_concession,
    norm_acknowledgment: cell.counts.norm_acknowledgment,
    relevant: cell.n_relevant,
  };
}

function promotionMoves(cell: ScoreCell): MoveCounts | null {
  if (!cell.by_target) return null;
  const m = zeroMoves();
  for (const t of ['other', 'general'] as const) {
    for (const l of MOVE_LABELS) m[l] += cell.by_target[t].counts[l];
    m.relevant += cell.by_target[t].n_relevant;
  }
  return m;
}

/** Country-years of a scores file by country-year (with audience cells when it has them), per country in year order. */
export function yearRecords(scores: ScoresFile): Map<string, YearRecord[]> {
  if (scores.params.by !== 'country-year') throw new Error('status reads scores by country-year');
  const audienceCells = new Map<string, ScoreCell>();
  for (const c of scores.cells) if (c.audience !== 'all') audienceCells.set(c.key, c);
  const side = (key: string): MoveCounts & { documents: number } => {
    const c = audienceCells.get(key);
    return c ? { ...cellMoves(c), documents: c.n_documents } : { ...zeroMoves(), documents: 0 };
  };
  const out = new Map<string, YearRecord[]>();
  for (const c of scores.cells) {
    if (c.audience !== 'all' || c.year === null) continue;
    const list = out.get(c.country) ?? [];
    list.push({
      country: c.country,
      year: c.year,
      n_documents: c.n_documents,
      n_utterances: c.n_utterances,
      n_relevant_all: c.n_relevant_all ?? c.n_relevant,
      self: cellMoves(c),
      promotion: promotionMoves(c),
      audiences: { domestic: side(`${c.key}|domestic`), international: side(`${c.key}|international`) },
      examples: MOVE_LABELS.flatMap((l) => c.examples[l]),
      cell: c,
    });
    out.set(c.country, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.year - b.year);
  return out;
}

/** A status unit: a year, or a period of `length` years aligned to multiples of it. */
export interface StatusUnit {
  start: number;
  end: number;
  label: string;
  /** Consecutive integer: the year, or the period number. */
  ordinal: number;
}

export function unitsOf(years: readonly YearRecord[], length: number): StatusUnit[] {
  const seen = new Map<number, StatusUnit>();
  for (const y of years) {
    const start = Math.floor(y.year / length) * length;
    if (!seen.has(start))
      seen.set(start, { start, end: start + length - 1, label: length === 1 ? String(start) : `${start}-${start + length - 1}`, ordinal: start / length });
  }
  return [...seen.values()].sort((a, b) => a.start - b.start);
}

/** The self-referential evidence a unit is read from: its own moves, or its window when pooled. */
export interface SelfEvidence {
  /** Self-referential moves in the unit itself. */
  n_own: number;
  /** The years pooled (the unit itself when not pooled). */
  window: { start: number; end: number };
  pooled: boolean;
  /** Self-referential moves in the window, and their counts. */
  n_moves: number;
  counts: Record<MoveLabel, number>;
  rejecting: number | null;
  rejecting_ci95: Interval | null;
  dialogue: number | null;
  net: number | null;
  net_ci95: Interval | null;
  /** Years in the window with a speech: the bootstrap resamples them. */
  n_years: number;
  /** Relevant utterances (any target) and utterances of the unit itself: how much human-rights talk it has at all. */
  n_relevant_all: number;
  n_utterances: number;
  /** Talk about others and the norms in the window (other + general): norm promotion abroad, beside the own record. */
  promotion: { n_moves: number; acceptance: number | null; net: number | null } | null;
  /** Domestic against international self-referential stance, over its own window (both audiences need MIN_SELF_MOVES). */
  consistency: AudienceTest;
}

export interface PoolOptions {
  /** Years per unit (1 for country-year). */
  length: number;
  /** Units beyond the unit itself a window may take in. */
  maxExtraUnits: number;
  resamples: number;
  seed: number;
}

const inWindow = (y: YearRecord, a: number, b: number): boolean => y.year >= a && y.year <= b;

function sumSelf(years: readonly YearRecord[]): MoveCounts {
  return years.reduce((m, y) => addMoves(m, y.self), zeroMoves());
}

/**
 * The window a unit is read from: the unit itself when it has MIN_SELF_MOVES
 * self-referential moves; otherwise the unit and the units that follow it, one at
 * a time, up to `maxExtraUnits` (the stance from this unit on: what the
 * government goes on to say confirms it, the codebook's persistence); when the
 * following units are too thin or missing (the end of the record), the units
 * before it fill the rest of the budget.
 */
export function poolWindow(years: readonly YearRecord[], unit: StatusUnit, o: PoolOptions): { start: number; end: number } {
  return growWindow(years, unit, o, (pool) => movesTotal(sumSelf(pool)));
}

/**
 * The window rule with any measure of evidence: the unit, then following units,
 * then preceding ones, until `evidence` reaches MIN_SELF_MOVES; failing that, the
 * window with the most. Reported as the units it actually holds.
 */
function growWindow(years: readonly YearRecord[], unit: StatusUnit, o: PoolOptions, evidence: (pool: YearRecord[]) => number): { start: number; end: number } {
  const amount = (w: { start: number; end: number }): number => evidence(years.filter((y) => inWindow(y, w.start, w.end)));
  const own = { start: unit.start, end: unit.end };
  if (amount(own) >= T.MIN_SELF_MOVES) return own;
  const tried = [own];
  for (let k = 1; k <= o.maxExtraUnits; k++) tried.push({ start: unit.start, end: unit.end + k * o.length });
  for (let k = 1; k <= o.maxExtraUnits; k++) tried.push({ start: unit.start - k * o.length, end: unit.end + (o.maxExtraUnits - k) * o.length });
  // The first window with enough evidence; failing that, the one with the most.
  const found = tried.find((w) => amount(w) >= T.MIN_SELF_MOVES) ?? tried.reduce((best, w) => (amount(w) > amount(best) ? w : best));
  // Reported as the units it actually holds (the unit included), not the span searched.
  const held = years.filter((y) => inWindow(y, found.start, found.end)).map((y) => Math.floor(y.year / o.length) * o.length);
  return { start: Math.min(unit.start, ...held), end: Math.max(unit.end, ...held.map((s) => s + o.length - 1)) };
}

/** Audience consistency (codebook §4) over its own window, with the self-referential net score of each side and an interval for the distance. */
export interface AudienceTest extends Consistency {
  /** The years compared: the smallest window (same rule as pooling) in which both audiences have MIN_SELF_MOVES self-referential moves. */
  window: { start: number; end: number };
  net_domestic: number | null;
  net_international: number | null;
  /** Bootstrap 95% interval of the total variation, resampling each side's years; null when either side has fewer than two years. */
  total_variation_ci95: Interval | null;
}

type Side = 'domestic' | 'international';

function sideMoves(pool: readonly YearRecord[], a: Side): MoveCounts {
  return pool.reduce((s, y) => addMoves(s, y.audiences[a]), zeroMoves());
}

/** Domestic against international self-referential stance around a unit. */
export function audienceTest(
  key: string,
  years: readonly YearRecord[],
  unit: StatusUnit,
  o: PoolOptions,
  fallback: { start: number; end: number },
): AudienceTest {
  const hasDomestic = years.some((y) => y.audiences.domestic.documents > 0) && years.some((y) => y.audiences.international.documents > 0);
  const window = hasDomestic
    ? growWindow(years, unit, o, (pool) => Math.min(movesTotal(sideMoves(pool, 'domestic')), movesTotal(sideMoves(pool, 'international'))))
    : fallback;
  const pool = years.filter((y) => inWindow(y, window.start, window.end));
  const side = (a: Side) => {
    const m = sideMoves(pool, a);
    return { relevant: movesTotal(m), documents: pool.reduce((s, y) => s + y.audiences[a].documents, 0), moves: movesOnly(m) };
  };
  const consistency = compareAudiences(side('domestic'), side('international'), {
    minRelevant: T.MIN_SELF_MOVES,
    minDocuments: T.MIN_DOCUMENTS,
    tvThreshold: T.AUDIENCE_TV_THRESHOLD,
  });
  return {
    ...consistency,
    window,
    net_domestic: netScore(sideMoves(pool, 'domestic')),
    net_international: netScore(sideMoves(pool, 'international')),
    total_variation_ci95: consistency.total_variation === null ? null : tvInterval(key, pool, o),
  };
}

/** Percentile interval of the total variation, resampling the years of each side separately. */
function tvInterval(key: string, pool: readonly YearRecord[], o: PoolOptions): Interval | null {
  const yearsOf = (a: Side) => pool.filter((y) => movesTotal(y.audiences[a]) > 0).map((y) => y.audiences[a]);
  const dom = yearsOf('domestic');
  const int = yearsOf('international');
  if (dom.length < T.MIN_DOCUMENTS_FOR_INTERVAL || int.length < T.MIN_DOCUMENTS_FOR_INTERVAL) return null;
  const next = streamFor(o.seed, `${key}|audiences`);
  const draw = (list: MoveCounts[]) => list.reduce((s) => addMoves(s, list[Math.floor(next() * list.length)]), zeroMoves());
  const values: number[] = [];
  for (let b = 0; b < o.resamples; b++) {
    const p = toDistribution(movesOnly(draw(dom)));
    const q = toDistribution(movesOnly(draw(int)));
    if (p && q) values.push(totalVariation(p, q));
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - T.INTERVAL_COVERAGE) / 2;
  return { low: quantile(values, tail), high: quantile(values, 1 - tail) };
}

function shareIntervals(key: string, years: readonly YearRecord[], o: PoolOptions): { rejecting: Interval | null; net: Interval | null } {
  const docs: DocCounts[] = years.map((y) => ({ doc: String(y.year), ...y.self, relevant: movesTotal(y.self) }));
  const ci = bootstrapIntervals(key, docs, { resamples: o.resamples, seed: o.seed, coverage: T.INTERVAL_COVERAGE, minDocuments: T.MIN_DOCUMENTS_FOR_INTERVAL });
  return { rejecting: ci.rejecting, net: ci.net };
}

/** The evidence a unit is read from, pooled with neighbouring units when the unit alone has fewer than MIN_SELF_MOVES. */
export function selfEvidence(country: string, years: readonly YearRecord[], unit: StatusUnit, o: PoolOptions): SelfEvidence {
  const own = years.filter((y) => inWindow(y, unit.start, unit.end));
  const window = poolWindow(years, unit, o);
  const pool = years.filter((y) => inWindow(y, window.start, window.end));
  const moves = sumSelf(pool);
  const n = movesTotal(moves);
  const ci = shareIntervals(`${country}|${unit.label}|self`, pool, o);
  const promotion = pool.some((y) => y.promotion) ? pool.reduce((m, y) => (y.promotion ? addMoves(m, y.promotion) : m), zeroMoves()) : null;
  const nPromotion = promotion ? movesTotal(promotion) : 0;
  return {
    n_own: movesTotal(sumSelf(own)),
    window,
    pooled: window.start !== unit.start || window.end !== unit.end,
    n_moves: n,
    counts: movesOnly(moves),
    rejecting: rejectingShare(moves),
    rejecting_ci95: n > 0 ? ci.rejecting : null,
    dialogue: n > 0 ? moves.argumentative_concession / n : null,
    net: netScore(moves),
    net_ci95: n > 0 ? ci.net : null,
    n_years: pool.length,
    n_relevant_all: own.reduce((s, y) => s + y.n_relevant_all, 0),
    n_utterances: own.reduce((s, y) => s + y.n_utterances, 0),
    promotion: promotion
      ? {
          n_moves: nPromotion,
          acceptance: nPromotion > 0 ? (promotion.argumentative_concession + promotion.norm_acknowledgment) / nPromotion : null,
          net: netScore(promotion),
        }
      : null,
    consistency: audienceTest(`${country}|${unit.label}`, years, unit, o, window),
  };
}

function movesOnly(m: MoveCounts): Record<MoveLabel, number> {
  return {
    denial: m.denial,
    rhetorical_action: m.rhetorical_action,
    argumentative_concession: m.argumentative_concession,
    norm_acknowledgment: m.norm_acknowledgment,
  };
}
