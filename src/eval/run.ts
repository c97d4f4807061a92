// One evaluation: the rule tagger on every gold item, and optionally the
// cross-validated baseline on the same items. Pure: the caller reads the gold
// file, builds the tagger and writes the results.
import { BASELINE_DESCRIPTIONS, baselineFactory, crossValidate, type BaselineModel } from './baseline.js';
import {
  confidenceCalibration,
  misclassifications,
  rulesMetrics,
  tagGoldItems,
  targetMetrics,
  type Misclassification,
  type TagFunction,
  type TargetEvaluation,
} from './evaluate.js';
import type { CalibrationReport } from './calibration.js';
import type { GoldItem } from './gold.js';
import { computeMetrics, type Metrics } from './metrics.js';
import type { BaselineReport } from './report.js';

export interface BaselineOptions {
  model: BaselineModel;
  folds: number;
  seed: number;
}

export interface Evaluation {
  rules: Metrics;
  targets?: TargetEvaluation;
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
  const evaluation: Evaluation = { rules: rulesMetrics(tagged), calibration: confidenceCalibration(tagged), misclassified: misclassifications(tagged) };
  const targets = targetMetrics(tagged, tag);
  if (targets) evaluation.targets = targets;
  if (baseline) evaluation.baseline = runBaseline(items, baseline);
  return evaluation;
}
