// The running state of aggregation: per-cell label counts and per-document
// counts (for the bootstrap), filled one utterance at a time so a run of
// millions of lines never sits in memory. Pure: the caller reads the file.
//
// Every cell keeps its moves per *scope*: all relevant utterances, and the moves
// about each target (self, other, general). Which scope the shares and indices
// are computed over is chosen when the cells are finished (finish.ts), so a run
// without targets can still be read over 'all'.
import { LABELS, MOVE_LABELS, TARGET_KINDS, type Label, type MoveLabel } from '../types.js';
import type { DocCounts } from './bootstrap.js';
import type { MoveCounts } from './indices.js';
import type { Countable } from './record.js';
import { unitKey, unitOf, type TimeUnit } from './units.js';
import type { AggregateOptions } from './options.js';
import { TARGET_FILTERS, type AudienceKey, type SkipCounts, type TargetFilter } from './types.js';

/** The moves of one scope in a cell, with the ids behind them. */
export interface ScopeCounts {
  counts: MoveCounts; // the four moves and `relevant` (for 'all': every relevant utterance)
  examples: Record<MoveLabel, string[]>;
  ids: string[] | null;
}

/** One document of a cell: its utterances and its moves per scope (what the bootstrap resamples). */
export interface DocEntry {
  doc: string;
  utterances: number;
  scopes: Record<TargetFilter, MoveCounts>;
}

/** Counts of one (country, unit, audience) cell before it is finished. */
export interface CellCounts {
  country: string;
  unit: TimeUnit;
  audience: AudienceKey;
  /** Every counted utterance's label, whatever its target. */
  counts: Record<Label, number>;
  nUtterances: number;
  scopes: Record<TargetFilter, ScopeCounts>;
  docs: Map<string, DocEntry>;
}

export function zeroLabelCounts(): Record<Label, number> {
  const counts = {} as Record<Label, number>;
  for (const l of LABELS) counts[l] = 0;
  return counts;
}

export function zeroMoveCounts(): MoveCounts {
  return { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, relevant: 0 };
}

export function emptyExamples(): Record<MoveLabel, string[]> {
  const ex = {} as Record<MoveLabel, string[]>;
  for (const l of MOVE_LABELS) ex[l] = [];
  return ex;
}

function emptyScopes(keepIds: boolean): Record<TargetFilter, ScopeCounts> {
  return Object.fromEntries(TARGET_FILTERS.map((t) => [t, { counts: zeroMoveCounts(), examples: emptyExamples(), ids: keepIds ? [] : null }])) as Record<
    TargetFilter,
    ScopeCounts
  >;
}

function zeroScopeCounts(): Record<TargetFilter, MoveCounts> {
  return Object.fromEntries(TARGET_FILTERS.map((t) => [t, zeroMoveCounts()])) as Record<TargetFilter, MoveCounts>;
}

function newCell(country: string, unit: TimeUnit, audience: AudienceKey, keepIds: boolean): CellCounts {
  return { country, unit, audience, counts: zeroLabelCounts(), nUtterances: 0, scopes: emptyScopes(keepIds), docs: new Map() };
}

function isMove(label: Label): label is MoveLabel {
  return label !== 'none';
}

/** The scopes an utterance counts in: 'all' when relevant, and its target's when it is a move with a target. */
export function scopesOf(u: Countable): TargetFilter[] {
  if (!u.relevant) return [];
  const t = u.target;
  if (isMove(u.label) && t !== undefined && t !== null && (TARGET_KINDS as readonly string[]).includes(t)) return ['all', t as TargetFilter];
  return ['all'];
}

function addCounts(into: MoveCounts, label: Label): void {
  into.relevant++;
  if (isMove(label)) into[label]++;
}

function addMoveCounts(into: MoveCounts, from: MoveCounts): void {
  into.relevant += from.relevant;
  for (const l of MOVE_LABELS) into[l] += from[l];
}

/** Add one utterance to a cell's counts. */
export function addToCell(cell: CellCounts, u: Countable, examplesPerLabel: number): void {
  cell.nUtterances++;
  cell.counts[u.label]++;
  let d = cell.docs.get(u.doc);
  if (!d) {
    d = { doc: u.doc, utterances: 0, scopes: zeroScopeCounts() };
    cell.docs.set(u.doc, d);
  }
  d.utterances++;
  for (const scope of scopesOf(u)) {
    const s = cell.scopes[scope];
    addCounts(s.counts, u.label);
    addCounts(d.scopes[scope], u.label);
    s.ids?.push(u.id);
    if (isMove(u.label) && s.examples[u.label].length < examplesPerLabel) s.examples[u.label].push(u.id);
  }
}

/** Merge audience cells of one unit into its 'all' cell (a document has one audience, so doc maps do not collide). */
export function mergeCells(country: string, unit: TimeUnit, parts: readonly CellCounts[], examplesPerLabel: number): CellCounts {
  const keepIds = parts.some((p) => p.scopes.all.ids !== null);
  const merged = newCell(country, unit, 'all', keepIds);
  for (const p of parts) {
    merged.nUtterances += p.nUtterances;
    for (const l of LABELS) merged.counts[l] += p.counts[l];
    for (const [doc, d] of p.docs) merged.docs.set(doc, { doc, utterances: d.utterances, scopes: structuredClone(d.scopes) });
    for (const t of TARGET_FILTERS) {
      addMoveCounts(merged.scopes[t].counts, p.scopes[t].counts);
      if (p.scopes[t].ids) merged.scopes[t].ids?.push(...p.scopes[t].ids);
    }
  }
  // Examples: keep input order across audiences as far as we can — audience cells in fixed order.
  for (const t of TARGET_FILTERS)
    for (const l of MOVE_LABELS) merged.scopes[t].examples[l] = parts.flatMap((p) => p.scopes[t].examples[l]).slice(0, examplesPerLabel);
  return merged;
}

/** The documents of a cell as the bootstrap resamples them, with their moves in one scope (zero when they have none). */
export function docCountsOf(cell: CellCounts, scopes: readonly TargetFilter[]): DocCounts[] {
  return [...cell.docs.values()].map((d) => {
    const c = zeroMoveCounts();
    for (const s of scopes) addMoveCounts(c, d.scopes[s]);
    return { doc: d.doc, ...c };
  });
}

export function includesSpeaker(filter: AggregateOptions['speakers'], role: Countable['speaker_role']): boolean {
  if (filter === 'all') return true;
  if (filter === 'other') return role === 'other_state';
  return role === 'self';
}

/** Fills the finest cells: (country, unit, audience). */
export class CellAccumulator {
  readonly cells = new Map<string, CellCounts>();
  readonly skipped: SkipCounts = { no_country: 0, no_year: 0, filtered_speaker: 0 };
  /** Whether any utterance seen carries a target (runs classified before targets do not). */
  anyTarget = false;

  constructor(private readonly options: AggregateOptions) {}

  add(u: Countable): void {
    if (u.target !== undefined && u.target !== null) this.anyTarget = true;
    if (!includesSpeaker(this.options.speakers, u.speaker_role)) {
      this.skipped.filtered_speaker++;
      return;
    }
    if (u.country === null) {
      this.skipped.no_country++;
      return;
    }
    const unit = unitOf(this.options.by, u.year, this.options.period);
    if (unit === null) {
      this.skipped.no_year++;
      return;
    }
    const audience: AudienceKey = u.audience ?? 'unspecified';
    const key = `${unitKey(u.country, unit)}|${audience}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = newCell(u.country, unit, audience, this.options.keepIds);
      this.cells.set(key, cell);
    }
    addToCell(cell, u, this.options.examplesPerLabel);
  }
}
