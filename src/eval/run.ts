// One evaluation: the rule tagger on every gold item, and optionally the
// cross-validated baseline on the same items. Pure: the caller reads the gold
// file, builds the tagger and writes the results.
import { BASELINE_DESCRIPTIONS, baselineFactory, crossValidate, type BaselineModel } from './baseline.js';
import {
  confidenceCalibration,
  labelPairs,
  misclassifications,
  tagGoldItems,
  TARGET_COLUMNS,
  TARGET_MACRO_OVER,
  targetMetrics,
  targetPairs,
  type Misclassification,
  type TagFunction,
  type TargetEvaluation,
  type TargetPairs,
} from './evaluate.js';
import { metricIntervals, pairedDifference, type DocumentPair, type MetricIntervals, type PairedDifference } from './intervals.js';
import type { CalibrationReport } from './calibration.js';
import type { GoldItem } from './gold.js';
import { computeMetrics, type Metrics } from './metrics.js';
import type { BaselineReport } from './report.js';
import { LABELS, type Label, type Target } from '../types.js';

export interface BaselineOptions {
  model: BaselineModel;
  folds: number;
  seed: number;
}

/** Bootstrap intervals (documents resampled) of the label figures and of attribution given the label. */
export interface EvaluationIntervals {
  rules?: MetricIntervals<Label>;
  targets?: MetricIntervals<Target>;
}

export interface Evaluation {
  rules: Metrics;
  targets?: TargetEvaluation;
  intervals: EvaluationIntervals;
  /** Every item's labels (and coded targets) with its document: what a comparison pairs. */
  pairs: { labels: Array<DocumentPair<Label>>; targets?: TargetPairs };
  calibration: CalibrationReport;
  misclassified: Misclassification[];
  baseline?: BaselineReport;
}

export function runBaseline(items: readonly GoldItem[], options: BaselineOptions): BaselineReport {
  const predictions = crossValidate(items, { ...options, createClassifier: baselineFactory(options.model) });
  const metrics = computeMetrics(items.map((item, index) => ({ gold: item.label, predicted: predictions[index] })));
  return { method: BASELINE_DESCRIPTIONS[options.model], folds: options.folds, seed: options.seed, metrics };
}

/** `intervals` false: none are drawn (a compared set's evaluation needs its pairs, not its own intervals). */
export function evaluate(items: readonly GoldItem[], tag: TagFunction, options: { baseline?: BaselineOptions; intervals?: boolean } = {}): Evaluation {
  const { baseline, intervals = true } = options;
  const tagged = tagGoldItems(items, tag);
  const labels = labelPairs(tagged);
  const evaluation: Evaluation = {
    rules: computeMetrics(labels),
    intervals: {},
    pairs: { labels },
    calibration: confidenceCalibration(tagged),
    misclassified: misclassifications(tagged),
  };
  const ruleIntervals = intervals ? metricIntervals('labels', labels, LABELS) : undefined;
  if (ruleIntervals) evaluation.intervals.rules = ruleIntervals;
  const targets = targetPairs(tagged, tag);
  if (targets) {
    evaluation.pairs.targets = targets;
    evaluation.targets = targetMetrics(targets);
    const targetIntervals = intervals ? metricIntervals('targets', targets.givenLabel, TARGET_COLUMNS, TARGET_MACRO_OVER) : undefined;
    if (targetIntervals) evaluation.intervals.targets = targetIntervals;
  }
  if (baseline) evaluation.baseline = runBaseline(items, baseline);
  return evaluation;
}

/** Another lexicon set on the same items: its figures, the paired differences, and the items whose label it changes. */
export interface Comparison {
  lexicons: string;
  rules: Metrics;
  targets?: TargetEvaluation;
  labels?: PairedDifference;
  targetsGivenLabel?: PairedDifference;
  /** Items the compared set labels otherwise: now right, now wrong, wrong either way. */
  changed: { fixed: number; broken: number; otherwise: number };
}

/** `second` is the compared set's evaluation of the same items as `first`; differences are second − first. */
export function compareEvaluations(first: Evaluation, second: Evaluation, lexicons: string): Comparison {
  const changed = { fixed: 0, broken: 0, otherwise: 0 };
  first.pairs.labels.forEach((a, i) => {
    const b = second.pairs.labels[i];
    if (a.predicted === b.predicted) return;
    if (b.predicted === b.gold) changed.fixed++;
    else if (a.predicted === a.gold) changed.broken++;
    else changed.otherwise++;
  });
  const comparison: Comparison = { lexicons, rules: second.rules, changed };
  if (second.targets) comparison.targets = second.targets;
  const labels = pairedDifference('labels', first.pairs.labels, second.pairs.labels, LABELS);
  if (labels) comparison.labels = labels;
  if (first.pairs.targets && second.pairs.targets) {
    const targets = pairedDifference('targets', first.pairs.targets.givenLabel, second.pairs.targets.givenLabel, TARGET_COLUMNS, TARGET_MACRO_OVER);
    if (targets) comparison.targetsGivenLabel = targets;
  }
  return comparison;
}
