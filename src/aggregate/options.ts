// Options of one aggregation, with defaults from thresholds.ts.
import * as T from './thresholds.js';
import type { GroupBy, ScoreParams, SpeakerFilter, TargetFilter } from './types.js';

export interface AggregateOptions {
  by: GroupBy;
  period: number; // years per period (country-period only)
  byAudience: boolean;
  speakers: SpeakerFilter;
  /** Whose conduct the shares and indices are about: self (a government's own record, the default), other, general, all. */
  target: TargetFilter;
  resamples: number;
  seed: number;
  examplesPerLabel: number;
  keepIds: boolean;
  minRelevant: number;
  minDocuments: number;
  minDocumentsForInterval: number;
  audienceTvThreshold: number;
  acceptingMinAcceptance: number;
  acceptingMinNet: number;
  persistenceMinUnits: number; // derived from `by` unless given
  persistenceMaxGap: number;
}

/** Default period length (years) for country-period. */
export const DEFAULT_PERIOD_YEARS = 5;

export function aggregateOptions(partial: Partial<AggregateOptions> = {}): AggregateOptions {
  const by = partial.by ?? 'country-year';
  return {
    by,
    period: partial.period ?? DEFAULT_PERIOD_YEARS,
    byAudience: partial.byAudience ?? false,
    speakers: partial.speakers ?? 'self',
    target: partial.target ?? 'self',
    resamples: partial.resamples ?? T.BOOTSTRAP_RESAMPLES,
    seed: partial.seed ?? T.BOOTSTRAP_SEED,
    examplesPerLabel: partial.examplesPerLabel ?? T.EXAMPLES_PER_LABEL,
    keepIds: partial.keepIds ?? false,
    minRelevant: partial.minRelevant ?? T.MIN_RELEVANT_UTTERANCES,
    minDocuments: partial.minDocuments ?? T.MIN_DOCUMENTS,
    minDocumentsForInterval: partial.minDocumentsForInterval ?? T.MIN_DOCUMENTS_FOR_INTERVAL,
    audienceTvThreshold: partial.audienceTvThreshold ?? T.AUDIENCE_TV_THRESHOLD,
    acceptingMinAcceptance: partial.acceptingMinAcceptance ?? T.ACCEPTING_MIN_ACCEPTANCE,
    acceptingMinNet: partial.acceptingMinNet ?? T.ACCEPTING_MIN_NET,
    persistenceMinUnits: partial.persistenceMinUnits ?? (by === 'country-period' ? T.PERSISTENCE_MIN_PERIODS : T.PERSISTENCE_MIN_YEARS),
    persistenceMaxGap: partial.persistenceMaxGap ?? T.PERSISTENCE_MAX_GAP_UNITS,
  };
}

/** The options as they are recorded in scores JSON, with the target actually used. */
export function scoreParams(o: AggregateOptions, used: { target: TargetFilter; targetsInRun: boolean }): ScoreParams {
  return {
    by: o.by,
    period: o.by === 'country-period' ? o.period : null,
    by_audience: o.byAudience,
    speakers: o.speakers,
    target: used.target,
    target_requested: o.target,
    targets_in_run: used.targetsInRun,
    bootstrap: { resamples: o.resamples, seed: o.seed, unit: 'document', min_documents: o.minDocumentsForInterval },
    thresholds: {
      min_relevant_utterances: o.minRelevant,
      min_documents: o.minDocuments,
      audience_tv_threshold: o.audienceTvThreshold,
      accepting_min_acceptance: o.acceptingMinAcceptance,
      accepting_min_net: o.acceptingMinNet,
      persistence_min_units: o.persistenceMinUnits,
    },
    examples_per_label: o.examplesPerLabel,
  };
}
