// Turning accumulated counts into score cells: shares, indices with bootstrap
// intervals, the evidence check, consistency across audiences and persistence.
import { MOVE_LABELS, TARGET_KINDS, type MoveLabel, type TargetKind } from '../types.js';
import { docCountsOf, mergeCells, zeroMoveCounts, type CellCounts } from './accumulate.js';
import { bootstrapIntervals, type BootstrapOptions } from './bootstrap.js';
import { compareAudiences, type AudienceSide } from './consistency.js';
import { computeIndices, type MoveCounts } from './indices.js';
import type { AggregateOptions } from './options.js';
import { persistenceOf } from './persistence.js';
import { INTERVAL_COVERAGE } from './thresholds.js';
import { unitKey, type TimeUnit } from './units.js';
import {
  INDEX_NAMES,
  type AudienceKey,
  type IndexName,
  type IndexValue,
  type PromotionIndex,
  type ScoreCell,
  type TargetFilter,
  type TargetTally,
} from './types.js';

const AUDIENCE_ORDER: AudienceKey[] = ['all', 'international', 'domestic', 'unspecified'];

/** Why a cell's evidence is insufficient; empty when it is sufficient. */
export function insufficientReasons(nRelevant: number, nDocuments: number, o: AggregateOptions): string[] {
  const reasons: string[] = [];
  if (nRelevant < o.minRelevant) reasons.push(`n_relevant ${nRelevant} < ${o.minRelevant}`);
  if (nDocuments < o.minDocuments) reasons.push(`n_documents ${nDocuments} < ${o.minDocuments}`);
  return reasons;
}

function sharesOf(c: MoveCounts): Record<MoveLabel, number | null> {
  const shares = {} as Record<MoveLabel, number | null>;
  for (const l of MOVE_LABELS) shares[l] = c.relevant > 0 ? c[l] / c.relevant : null;
  return shares;
}

function movesOf(c: MoveCounts): Record<MoveLabel, number> {
  const moves = {} as Record<MoveLabel, number>;
  for (const l of MOVE_LABELS) moves[l] = c[l];
  return moves;
}

/** How a cell is finished: the scope its shares and indices are computed over, and whether the run has targets at all. */
export interface FinishScope {
  target: TargetFilter;
  targetsInRun: boolean;
}

function byTargetOf(cell: CellCounts): Record<TargetKind, TargetTally> {
  const out = {} as Record<TargetKind, TargetTally>;
  for (const t of TARGET_KINDS) {
    const c = cell.scopes[t].counts;
    out[t] = { n_relevant: c.relevant, counts: movesOf(c), shares: sharesOf(c) };
  }
  return out;
}

/** Talk about others and the norms (other + general): acceptance and net score, with document intervals. */
function promotionOf(cell: CellCounts, key: string, o: AggregateOptions): PromotionIndex {
  const scopes: TargetFilter[] = ['other', 'general'];
  const total = docCountsOf(cell, scopes).reduce((sum, d) => {
    for (const l of MOVE_LABELS) sum[l] += d[l];
    sum.relevant += d.relevant;
    return sum;
  }, zeroMoveCounts());
  const values = computeIndices(total);
  const intervals = bootstrapIntervals(`${key}|promotion`, docCountsOf(cell, scopes), intervalOptions(o));
  return {
    n_relevant: total.relevant,
    acceptance: { value: values.acceptance, ci95: values.acceptance === null ? null : intervals.acceptance },
    net: { value: values.net, ci95: values.net === null ? null : intervals.net },
  };
}

function intervalOptions(o: AggregateOptions): BootstrapOptions {
  return { resamples: o.resamples, seed: o.seed, coverage: INTERVAL_COVERAGE, minDocuments: o.minDocumentsForInterval };
}

/** Shares, indices, intervals and evidence check of one cell, over the scope's moves. */
export function finishCell(cell: CellCounts, o: AggregateOptions, scope: FinishScope = { target: 'all', targetsInRun: false }): ScoreCell {
  const audienceSuffix = cell.audience === 'all' ? '' : `|${cell.audience}`;
  const key = `${unitKey(cell.country, cell.unit)}${audienceSuffix}`;
  const moves = cell.scopes[scope.target].counts;
  const values = computeIndices(moves);
  const intervals = bootstrapIntervals(key, docCountsOf(cell, [scope.target]), intervalOptions(o));
  const indices = {} as Record<IndexName, IndexValue>;
  for (const name of INDEX_NAMES) indices[name] = { value: values[name], ci95: values[name] === null ? null : intervals[name] };
  const reasons = insufficientReasons(moves.relevant, cell.docs.size, o);
  const out: ScoreCell = {
    key,
    country: cell.country,
    year: cell.unit.year,
    period: cell.unit.period,
    audience: cell.audience,
    n_documents: cell.docs.size,
    n_utterances: cell.nUtterances,
    target: scope.target,
    n_relevant_all: cell.scopes.all.counts.relevant,
    n_relevant: moves.relevant,
    counts: { ...movesOf(moves), none: cell.counts.none },
    shares: sharesOf(moves),
    by_target: scope.targetsInRun ? byTargetOf(cell) : null,
    promotion: scope.targetsInRun ? promotionOf(cell, key, o) : null,
    indices,
    insufficient_evidence: reasons.length > 0,
    insufficient_reasons: reasons,
    examples: cell.scopes[scope.target].examples,
  };
  if (cell.scopes[scope.target].ids) out.utterance_ids = cell.scopes[scope.target].ids!;
  return out;
}

function sideOf(cell: CellCounts | undefined, target: TargetFilter): AudienceSide {
  if (!cell) return { relevant: 0, documents: 0, moves: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 } };
  const c = cell.scopes[target].counts;
  return { relevant: c.relevant, documents: cell.docs.size, moves: movesOf(c) };
}

/** A cell's stance is accepting when acceptance and net score reach their thresholds. */
export function isAccepting(cell: ScoreCell, o: AggregateOptions): boolean | null {
  if (cell.insufficient_evidence) return null;
  const acceptance = cell.indices.acceptance.value;
  const net = cell.indices.net.value;
  if (acceptance === null || net === null) return null;
  return acceptance >= o.acceptingMinAcceptance && net >= o.acceptingMinNet;
}

interface UnitGroup {
  country: string;
  unit: TimeUnit;
  parts: CellCounts[]; // audience cells, in AUDIENCE_ORDER
}

function groupByUnit(cells: Iterable<CellCounts>): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  for (const c of cells) {
    const key = unitKey(c.country, c.unit);
    let g = groups.get(key);
    if (!g) {
      g = { country: c.country, unit: c.unit, parts: [] };
      groups.set(key, g);
    }
    g.parts.push(c);
  }
  for (const g of groups.values()) g.parts.sort((a, b) => AUDIENCE_ORDER.indexOf(a.audience) - AUDIENCE_ORDER.indexOf(b.audience));
  return [...groups.values()];
}

function addPersistence(allCells: ScoreCell[], ordinals: Map<ScoreCell, number>, o: AggregateOptions): void {
  const byCountry = new Map<string, ScoreCell[]>();
  for (const c of allCells) {
    if (!ordinals.has(c)) continue;
    const list = byCountry.get(c.country) ?? [];
    list.push(c);
    byCountry.set(c.country, list);
  }
  for (const list of byCountry.values()) {
    const stances = list.map((c) => ({ unit: ordinals.get(c)!, accepting: isAccepting(c, o) }));
    const result = persistenceOf(stances, { minUnits: o.persistenceMinUnits, maxGapUnits: o.persistenceMaxGap });
    for (const c of list) c.persistence = result.get(ordinals.get(c)!);
  }
}

function compareCells(a: ScoreCell, b: ScoreCell): number {
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  const ta = a.year ?? a.period?.start ?? 0;
  const tb = b.year ?? b.period?.start ?? 0;
  if (ta !== tb) return ta - tb;
  return AUDIENCE_ORDER.indexOf(a.audience) - AUDIENCE_ORDER.indexOf(b.audience);
}

/** Every output cell: one 'all' cell per country-unit (with consistency and persistence), plus audience cells if asked. */
export function finishCells(cells: Iterable<CellCounts>, o: AggregateOptions, scope: FinishScope = { target: 'all', targetsInRun: false }): ScoreCell[] {
  const out: ScoreCell[] = [];
  const allCells: ScoreCell[] = [];
  const ordinals = new Map<ScoreCell, number>();
  for (const g of groupByUnit(cells)) {
    const all = finishCell(mergeCells(g.country, g.unit, g.parts, o.examplesPerLabel), o, scope);
    const side = (audience: AudienceKey) =>
      sideOf(
        g.parts.find((p) => p.audience === audience),
        scope.target,
      );
    all.consistency = compareAudiences(side('domestic'), side('international'), {
      minRelevant: o.minRelevant,
      minDocuments: o.minDocuments,
      tvThreshold: o.audienceTvThreshold,
    });
    if (g.unit.ordinal !== null) ordinals.set(all, g.unit.ordinal);
    allCells.push(all);
    out.push(all);
    if (o.byAudience) for (const p of g.parts) out.push(finishCell(p, o, scope));
  }
  addPersistence(allCells, ordinals, o);
  return out.sort(compareCells);
}
