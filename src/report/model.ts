// Everything a report shows, gathered from a run folder by load.ts and
// rendered by html.ts and markdown.ts. Plain data: no I/O, no clock.
import type { Interval } from '../aggregate/types.js';
import type { IndicatorName, IndicatorResult, Phase, StatusRow } from '../indicators/types.js';
import type { Label, MoveLabel } from '../types.js';
import type { FlaggedSelection } from './flagged.js';
import type { BrowseData } from './browse-data.js';
import type { Target } from '../kwic/lines.js';

export interface RunSummary {
  /** The run folder as the user named it. */
  dir: string;
  lexicon: { name: string; version: string; hash: string } | null;
  inputs: string[];
  /** run.json counts (files discovered, documents ok/skipped/failed, utterances, bytes), as written. */
  counts: Record<string, number>;
  warnings: string[];
  elapsedMs: number | null;
  /** The run's content hash (src/run/derived.ts), recorded in the report. */
  contentSha256?: string;
}

export interface DocumentProblem {
  id: string;
  path: string;
  status: 'skipped' | 'failed';
  reason: string;
}

export interface DocumentSummary {
  ok: number;
  skipped: number;
  failed: number;
  /** Skipped and failed documents, in file order, at most `problemCap`. */
  problems: DocumentProblem[];
  problemsLeftOut: number;
}

export interface UtteranceSummary {
  total: number;
  relevant: number;
  byLabel: Record<Label, number>;
}

/** A time unit of the charts: a year, or a period of years (end inclusive). */
export interface TimeSpan {
  start: number;
  end: number;
  /** "1990" or "1985-1989", as the scores files name the unit. */
  label: string;
}

/** One time unit of a country's trajectory. */
export interface TrajectoryPoint {
  unit: TimeSpan;
  n_documents: number;
  n_relevant: number;
  shares: Record<MoveLabel, number | null>;
  /** Bootstrap 95% intervals of the shares where the scores have one (denial: rejection, rhetorical action: deflection, concession: dialogue). */
  shareIntervals: Record<MoveLabel, Interval | null>;
  net: number | null;
  netInterval: Interval | null;
  insufficient: boolean;
}

/** A span of years with one estimated phase (from the status file). */
export interface PhaseSpan {
  start: number;
  end: number;
  phase: Phase | null;
  possible: Phase[] | null;
  rule: string;
  reason: string;
}

export interface CountryIndicators {
  key: string; // the status row shown: the latest one
  as_of: string;
  phase: Phase | null;
  possible: Phase[] | null;
  phaseReason: string;
  indicators: Record<IndicatorName, IndicatorResult>;
  insufficient: boolean;
}

export interface CountryReport {
  country: string;
  name: string;
  points: TrajectoryPoint[]; // sorted by year
  phases: PhaseSpan[]; // sorted by start; empty without a status file
  latest: CountryIndicators | null;
  utterances: number;
  relevant: number;
  /** Relevant utterances by target (whose conduct is at stake), when the run's utterances carry targets. */
  targets: Record<Target, number> | null;
}

/** Countries per phase and year for the world-time chart (`spiral report --world FILE`). */
export interface WorldTimeRow {
  year: number;
  phase: string; // "1".."5" or "unknown"
  n_countries: number;
}

/** The median self-referential net score across the world's countries in one year (world-net.csv beside the world-time file). */
export interface WorldNetRow {
  year: number;
  median_net: number;
  low: number | null;
  high: number | null;
}

/** One country's self-referential net score in one year (status by country-year): a line over the world median. */
export interface WorldLinePoint {
  country: string;
  year: number;
  net: number;
}

export interface ReportData {
  run: RunSummary;
  documents: DocumentSummary;
  utterances: UtteranceSummary;
  countries: CountryReport[]; // sorted by code
  /** Where the scores came from: a scores file of the run, or computed while reading utterances. */
  scoresSource: string;
  /** The status file read, or null. */
  statusSource: string | null;
  /** Utterances without a country or year, not in any chart. */
  notCharted: { noCountry: number; noYear: number };
  flagged: FlaggedSelection;
  /** Years per time unit of the charts (1: yearly). */
  period: number;
  /** Every utterance (up to the cap) for the browse view, in file order. */
  browse: BrowseData;
  /** The world-time chart's rows and where they came from; null without an input file. */
  world: { source: string; rows: WorldTimeRow[]; net: WorldNetRow[]; lines: WorldLinePoint[] } | null;
  warnings: string[];
}

export type { StatusRow };
