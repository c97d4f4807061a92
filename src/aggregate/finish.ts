// Turning accumulated counts into score cells: shares, indices with bootstrap
// intervals, the evidence check, consistency across audiences and persistence.
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import { mergeCells, type CellCounts } from './accumulate.js';
import { bootstrapIntervals } from './bootstrap.js';
import { compareAudiences, type AudienceSide } from './consistency.js';
import { computeIndices } from './indices.js';
import type { AggregateOptions } from './options.js';
import { persistenceOf } from './persistence.js';
import { INTERVAL_COVERAGE } from './thresholds.js';
import { unitKey, type TimeUnit } from './units.js';
import { INDEX_NAMES, type AudienceKey, type IndexName, type IndexValue, type ScoreCell } from './types.js';

const AUDIENCE_ORDER: AudienceKey[] = ['all', 'international', 'domestic', 'unspecified'];

/** Why a cell's evidence is insufficient; empty when it is sufficient. */
export function insufficientReasons(nRelevant: number, nDocuments: number, o: AggregateOptions): string[] {
  const reasons: string[] = [];
  if (nRelevant < o.minRelevant) reasons.push(`n_relevant ${nRelevant} < ${o.minRelevant}`);
  if (nDocuments < o.minDocuments) reasons.push(`n_documents ${nDocuments} < ${o.minDocuments}`);
  return reasons;
}

function moveCounts(cell: CellCounts): Record<MoveLabel, number> {
  const moves = {} as Record<MoveLabel, number>;
  for (const l of MOVE_LABELS) moves[l] = cell.counts[l];
  return moves;
}

/** Shares, indices, intervals and evidence check of one cell. */
export function finishCell(cell: CellCounts, o: AggregateOptions): ScoreCell {
  const audienceSuffix = cell.audience === 'all' ? '' : `|${cell.audience}`;
  const key = `${unitKey(cell.country, cell.unit)}${audienceSuffix}`;
  const values = computeIndices({ ...moveCounts(cell), relevant: cell.nRelevant });
  const intervals = bootstrapIntervals(key, [...cell.docs.values()], {
    resamples: o.resamples,
    seed: o.seed,
    coverage: INTERVAL_COVERAGE,
    minDocuments: o.minDocumentsForInterval,
  });
  const indices = {} as Record<IndexName, IndexValue>;
  for (const name of INDEX_NAMES) indices[name] = { value: values[name], ci95: values[name] === null ? null : intervals[name] };
  const shares = {} as Record<MoveLabel, number | null>;
  for (const l of MOVE_LABELS) shares[l] = cell.nRelevant > 0 ? cell.counts[l] / cell.nRelevant : null;
  const reasons = insufficientReasons(cell.nRelevant, cell.docs.size, o);
  const out: ScoreCell = {
    key,
    country: cell.country,
    year: cell.unit.year,
    period: cell.unit.period,
    audience: cell.audience,
    n_documents: cell.docs.size,
    n_utterances: cell.nUtterances,
    n_relevant: cell.nRelevant,
    counts: { ...cell.counts },
    shares,
    indices,
    insufficient_evidence: reasons.length > 0,
    insufficient_reasons: reasons,
    examples: cell.examples,
  };
  if (cell.ids) out.utterance_ids = cell.ids;
  return out;
}

function sideOf(cell: CellCounts | undefined): AudienceSide {
  if (!cell) return { relevant: 0, documents: 0, moves: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 } };
  return { relevant: cell.nRelevant, documents: cell.docs.size, moves: moveCounts(cell) };
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
export function finishCells(cells: Iterable<CellCounts>, o: AggregateOptions): ScoreCell[] {
  const out: ScoreCell[] = [];
  const allCells: ScoreCell[] = [];
  const ordinals = new Map<ScoreCell, number>();
  for (const g of groupByUnit(cells)) {
    const all = finishCell(mergeCells(g.country, g.unit, g.parts, o.examplesPerLabel), o);
    all.consistency = compareAudiences(sideOf(g.parts.find((p) => p.audience === 'domestic')), sideOf(g.parts.find((p) => p.audience === 'international')), {
      minRelevant: o.minRelevant,
      minDocuments: o.minDocuments,
      tvThreshold: o.audienceTvThreshold,
    });
    if (g.unit.ordinal !== null) ordinals.set(all, g.unit.ordinal);
    allCells.push(all);
    out.push(all);
    if (o.byAudience) for (const p of g.parts) out.push(finishCell(p, o));
  }
  addPersistence(allCells, ordinals, o);
  return out.sort(compareCells);
}
