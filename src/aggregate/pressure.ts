// Pressure "from above" (issue 9, part 4): what other States say about a country
// in UPR reports, kept apart from the country's own discourse. Counted per
// country and time unit, in total and per speaking State.
import type { Label } from '../types.js';
import { zeroLabelCounts } from './accumulate.js';
import type { AggregateOptions } from './options.js';
import { CRITICISM_PATTERN, RECOMMENDATION_PATTERN } from './pressure-patterns.js';
import type { Countable } from './record.js';
import { unitKey, unitOf, type TimeUnit } from './units.js';
import type { PressureCell } from './types.js';

/** A speaker the report names no State for. */
export const UNATTRIBUTED = 'unattributed';

/** One recommendation from recommendations.jsonl, reduced to what pressure counts. */
export interface RecommendationFact {
  id: string;
  country: string; // the State under review
  year: number | null;
  from: string[]; // recommending States (ISO3)
}

interface PressureCounts {
  country: string;
  unit: TimeUnit;
  speaker: string | null;
  docs: Set<string>;
  nUtterances: number;
  nRelevant: number;
  counts: Record<Label, number>;
  critical: number;
  textRecommendations: number;
  fileRecommendations: number;
  examples: { critical: string[]; recommendations: string[]; fileRecommendations: string[] };
}

function newPressure(country: string, unit: TimeUnit, speaker: string | null): PressureCounts {
  return {
    country,
    unit,
    speaker,
    docs: new Set(),
    nUtterances: 0,
    nRelevant: 0,
    counts: zeroLabelCounts(),
    critical: 0,
    textRecommendations: 0,
    fileRecommendations: 0,
    examples: { critical: [], recommendations: [], fileRecommendations: [] },
  };
}

function pushExample(list: string[], id: string, max: number): void {
  if (list.length < max) list.push(id);
}

export class PressureAccumulator {
  private readonly cells = new Map<string, PressureCounts>();
  private usedRecommendationFile = false;

  constructor(private readonly options: AggregateOptions) {}

  private cell(country: string, unit: TimeUnit, speaker: string | null): PressureCounts {
    const key = `${unitKey(country, unit)}|${speaker ?? ''}`;
    let c = this.cells.get(key);
    if (!c) {
      c = newPressure(country, unit, speaker);
      this.cells.set(key, c);
    }
    return c;
  }

  /** Count an utterance if another State speaks it about a known country; others are ignored here. */
  add(u: Countable): void {
    if (u.speaker_role !== 'other_state' || u.country === null) return;
    const unit = unitOf(this.options.by, u.year, this.options.period);
    if (unit === null) return;
    const critical = CRITICISM_PATTERN.test(u.text);
    const recommends = RECOMMENDATION_PATTERN.test(u.text);
    for (const c of [this.cell(u.country, unit, null), this.cell(u.country, unit, u.speaker ?? UNATTRIBUTED)]) {
      c.docs.add(u.doc);
      c.nUtterances++;
      c.counts[u.label]++;
      if (u.relevant) c.nRelevant++;
      if (critical) {
        c.critical++;
        pushExample(c.examples.critical, u.id, this.options.examplesPerLabel);
      }
      if (recommends) {
        c.textRecommendations++;
        pushExample(c.examples.recommendations, u.id, this.options.examplesPerLabel);
      }
    }
  }

  /** Count a parsed recommendation; once any is given, recommendation counts come from the file only. */
  addRecommendation(r: RecommendationFact): void {
    this.usedRecommendationFile = true;
    const unit = unitOf(this.options.by, r.year, this.options.period);
    if (unit === null) return;
    const speakers = r.from.length > 0 ? r.from : [UNATTRIBUTED];
    const total = this.cell(r.country, unit, null);
    total.fileRecommendations++;
    pushExample(total.examples.fileRecommendations, r.id, this.options.examplesPerLabel);
    for (const s of speakers) {
      const c = this.cell(r.country, unit, s);
      c.fileRecommendations++;
      pushExample(c.examples.fileRecommendations, r.id, this.options.examplesPerLabel);
    }
  }

  finish(): PressureCell[] {
    const fromFile = this.usedRecommendationFile;
    const rows = [...this.cells.values()].map((c): PressureCell => ({
      key: c.speaker === null ? unitKey(c.country, c.unit) : `${unitKey(c.country, c.unit)}|${c.speaker}`,
      country: c.country,
      year: c.unit.year,
      period: c.unit.period,
      speaker: c.speaker,
      n_documents: c.docs.size,
      n_utterances: c.nUtterances,
      n_relevant: c.nRelevant,
      counts: c.counts,
      critical: c.critical,
      recommendations: fromFile ? c.fileRecommendations : c.textRecommendations,
      recommendations_source: fromFile ? 'recommendations.jsonl' : 'utterances',
      examples: {
        critical: c.examples.critical,
        recommendations: fromFile ? c.examples.fileRecommendations : c.examples.recommendations,
      },
    }));
    return rows.sort(comparePressure);
  }
}

function comparePressure(a: PressureCell, b: PressureCell): number {
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  const ta = a.year ?? a.period?.start ?? 0;
  const tb = b.year ?? b.period?.start ?? 0;
  if (ta !== tb) return ta - tb;
  if (a.speaker === b.speaker) return 0;
  if (a.speaker === null) return -1; // the total first
  if (b.speaker === null) return 1;
  return a.speaker < b.speaker ? -1 : 1;
}
