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
} from './evaluate.js';
import { metricIntervals, type MetricIntervals } from './intervals.js';
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
  calibration: CalibrationReport;
  misclassified: Misclassification[];
  baseline?: BaselineReport;
}

export function runBaseline(items: readonly GoldItem[], options: BaselineOptions): BaselineReport {
  const predictions = crossValidate(items, { ...options, createClassifier: baselineFactory(options.model) });
  const metrics = computeMetrics(items.map((item, index) => ({ gold: item.label, predicted: predictions[index] })));
  return { method: BASELINE_DESCRIPTIONS[options.model], folds: options.folds, seed: options.seed, metrics };
}

export function evaluate(items: readonly GoldItem[], tag: TagFunction, baseline?: BaselineOptions): Evaluation {
  const tagged = tagGoldItems(items, tag);
  const labels = labelPairs(tagged);
  const evaluation: Evaluation = {
    rules: computeMetrics(labels),
    intervals: {},
    calibration: confidenceCalibration(tagged),
    misclassified: misclassifications(tagged),
  };
  const ruleIntervals = metricIntervals('labels', labels, LABELS);
  if (ruleIntervals) evaluation.intervals.rules = ruleIntervals;
  const targets = targetPairs(tagged, tag);
  if (targets) {
    evaluation.targets = targetMetrics(targets);
    const targetIntervals = metricIntervals('targets', targets.givenLabel, TARGET_COLUMNS, TARGET_MACRO_OVER);
    if (targetIntervals) evaluation.intervals.targets = targetIntervals;
  }
  if (baseline) evaluation.baseline = runBaseline(items, baseline);
  return evaluation;
}
