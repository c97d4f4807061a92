// Agreement between gold labels and predicted labels: per-label precision,
// recall and F1, macro-F1, accuracy, Cohen's kappa and the confusion matrix.
import { LABELS, type Label } from '../types.js';

export interface LabelPair {
  gold: Label;
  predicted: Label;
}

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items with this label. */
  support: number;
  /** Items predicted with this label. */
  predicted: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  /**
   * Mean F1 over the labels that occur in the gold or the predictions (on a
   * real gold file: all five). A label absent from both has made no error and
   * says nothing, so it is left out rather than counted as 0 or 1.
   */
  macroF1: number;
  /** The labels `macroF1` averages over, in codebook order. */
  macroLabels: Label[];
  kappa: number;
  perLabel: Record<Label, LabelScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<Label, Record<Label, number>>;
}

export function emptyConfusion(): Record<Label, Record<Label, number>> {
  const matrix = {} as Record<Label, Record<Label, number>>;
  for (const gold of LABELS) {
    matrix[gold] = {} as Record<Label, number>;
    for (const predicted of LABELS) matrix[gold][predicted] = 0;
  }
  return matrix;
}

export function confusionMatrix(pairs: readonly LabelPair[]): Record<Label, Record<Label, number>> {
  const matrix = emptyConfusion();
  for (const { gold, predicted } of pairs) matrix[gold][predicted] += 1;
  return matrix;
}

/** x / y, or 0 when y is 0 (no prediction → precision 0, the usual convention). */
function ratio(x: number, y: number): number {
  return y === 0 ? 0 : x / y;
}

function harmonicMean(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}

function labelScores(matrix: Record<Label, Record<Label, number>>, label: Label): LabelScores {
  const truePositives = matrix[label][label];
  const support = LABELS.reduce((sum, predicted) => sum + matrix[label][predicted], 0);
  const predicted = LABELS.reduce((sum, gold) => sum + matrix[gold][label], 0);
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, support);
  return { precision, recall, f1: harmonicMean(precision, recall), support, predicted };
}

/**
 * Cohen's kappa: agreement corrected for what the two label distributions
 * would give by chance. When chance agreement is total (both sides use one
 * and the same label) the observed agreement is total too, and kappa is 1.
 */
export function cohensKappa(matrix: Record<Label, Record<Label, number>>, n: number): number {
  if (n === 0) return 0;
  let observed = 0;
  let chance = 0;
  for (const label of LABELS) {
    observed += matrix[label][label];
    const goldShare = LABELS.reduce((sum, p) => sum + matrix[label][p], 0) / n;
    const predictedShare = LABELS.reduce((sum, g) => sum + matrix[g][label], 0) / n;
    chance += goldShare * predictedShare;
  }
  const observedShare = observed / n;
  if (chance === 1) return 1;
  return (observedShare - chance) / (1 - chance);
}

export function computeMetrics(pairs: readonly LabelPair[]): Metrics {
  const confusion = confusionMatrix(pairs);
  const n = pairs.length;
  const perLabel = {} as Record<Label, LabelScores>;
  for (const label of LABELS) perLabel[label] = labelScores(confusion, label);
  const macroLabels = LABELS.filter((label) => perLabel[label].support > 0 || perLabel[label].predicted > 0);
  const macroF1 = ratio(
    macroLabels.reduce((sum, label) => sum + perLabel[label].f1, 0),
    macroLabels.length,
  );
  const correct = LABELS.reduce((sum, label) => sum + confusion[label][label], 0);
  return {
    n,
    accuracy: ratio(correct, n),
    macroF1,
    macroLabels,
    kappa: cohensKappa(confusion, n),
    perLabel,
    confusion,
  };
}
