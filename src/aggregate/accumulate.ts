// The running state of aggregation: per-cell label counts and per-document
// counts (for the bootstrap), filled one utterance at a time so a run of
// millions of lines never sits in memory. Pure: the caller reads the file.
import { LABELS, MOVE_LABELS, type Label, type MoveLabel } from '../types.js';
import type { DocCounts } from './bootstrap.js';
import type { Countable } from './record.js';
import { unitKey, unitOf, type TimeUnit } from './units.js';
import type { AggregateOptions } from './options.js';
import type { AudienceKey, SkipCounts } from './types.js';

/** Counts of one (country, unit, audience) cell before it is finished. */
export interface CellCounts {
  country: string;
  unit: TimeUnit;
  audience: AudienceKey;
  counts: Record<Label, number>;
  nUtterances: number;
  nRelevant: number;
  docs: Map<string, DocCounts & { utterances: number }>;
  examples: Record<MoveLabel, string[]>;
  ids: string[] | null;
}

export function zeroLabelCounts(): Record<Label, number> {
  const counts = {} as Record<Label, number>;
  for (const l of LABELS) counts[l] = 0;
  return counts;
}

export function emptyExamples(): Record<MoveLabel, string[]> {
  const ex = {} as Record<MoveLabel, string[]>;
  for (const l of MOVE_LABELS) ex[l] = [];
  return ex;
}

function newCell(country: string, unit: TimeUnit, audience: AudienceKey, keepIds: boolean): CellCounts {
  return {
    country,
    unit,
    audience,
    counts: zeroLabelCounts(),
    nUtterances: 0,
    nRelevant: 0,
    docs: new Map(),
    examples: emptyExamples(),
    ids: keepIds ? [] : null,
  };
}

function isMove(label: Label): label is MoveLabel {
  return label !== 'none';
}

function addToDoc(cell: CellCounts, u: Countable): void {
  let d = cell.docs.get(u.doc);
  if (!d) {
    d = { doc: u.doc, denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, relevant: 0, utterances: 0 };
    cell.docs.set(u.doc, d);
  }
  d.utterances++;
  if (u.relevant) d.relevant++;
  if (isMove(u.label)) d[u.label]++;
}

/** Add one utterance to a cell's counts. */
export function addToCell(cell: CellCounts, u: Countable, examplesPerLabel: number): void {
  cell.nUtterances++;
  cell.counts[u.label]++;
  if (u.relevant) {
    cell.nRelevant++;
    cell.ids?.push(u.id);
  }
  if (isMove(u.label) && cell.examples[u.label].length < examplesPerLabel) cell.examples[u.label].push(u.id);
  addToDoc(cell, u);
}

/** Merge audience cells of one unit into its 'all' cell (a document has one audience, so doc maps do not collide). */
export function mergeCells(country: string, unit: TimeUnit, parts: readonly CellCounts[], examplesPerLabel: number): CellCounts {
  const merged = newCell(
    country,
    unit,
    'all',
    parts.some((p) => p.ids !== null),
  );
  for (const p of parts) {
    merged.nUtterances += p.nUtterances;
    merged.nRelevant += p.nRelevant;
    for (const l of LABELS) merged.counts[l] += p.counts[l];
    for (const [doc, d] of p.docs) merged.docs.set(doc, { ...d });
    if (p.ids) merged.ids?.push(...p.ids);
  }
  // Examples: keep input order across audiences as far as we can — audience cells in fixed order.
  for (const l of MOVE_LABELS) merged.examples[l] = parts.flatMap((p) => p.examples[l]).slice(0, examplesPerLabel);
  return merged;
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

  constructor(private readonly options: AggregateOptions) {}

  add(u: Countable): void {
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
