// Agreement between gold labels and predicted labels: per-label precision,
// recall and F1, macro-F1, accuracy, Cohen's kappa and the confusion matrix.
// The same measures serve labels (the default) and targets (self/other/general).
import { LABELS, type Label } from '../types.js';

export interface LabelPair<L extends string = Label> {
  gold: L;
  predicted: L;
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

export interface Metrics<L extends string = Label> {
  n: number;
  accuracy: number;
  /**
   * Mean F1 over the labels that occur in the gold or the predictions (on a
   * real gold file: all five). A label absent from both has made no error and
   * says nothing, so it is left out rather than counted as 0 or 1.
   */
  macroF1: number;
  /** The labels `macroF1` averages over, in codebook order. */
  macroLabels: L[];
  kappa: number;
  perLabel: Record<L, LabelScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<L, Record<L, number>>;
}

export function emptyConfusion<L extends string = Label>(labels: readonly L[] = LABELS as unknown as readonly L[]): Record<L, Record<L, number>> {
  const matrix = {} as Record<L, Record<L, number>>;
  for (const gold of labels) {
    matrix[gold] = {} as Record<L, number>;
    for (const predicted of labels) matrix[gold][predicted] = 0;
  }
  return matrix;
}

export function confusionMatrix<L extends string = Label>(
  pairs: readonly LabelPair<L>[],
  labels: readonly L[] = LABELS as unknown as readonly L[],
): Record<L, Record<L, number>> {
  const matrix = emptyConfusion(labels);
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

function labelScores<L extends string>(matrix: Record<L, Record<L, number>>, label: L, labels: readonly L[]): LabelScores {
  const truePositives = matrix[label][label];
  const support = labels.reduce((sum, predicted) => sum + matrix[label][predicted], 0);
  const predicted = labels.reduce((sum, gold) => sum + matrix[gold][label], 0);
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, support);
  return { precision, recall, f1: harmonicMean(precision, recall), support, predicted };
}

/**
 * Cohen's kappa: agreement corrected for what the two label distributions
 * would give by chance. When chance agreement is total (both sides use one
 * and the same label) the observed agreement is total too, and kappa is 1.
 */
export function cohensKappa<L extends string = Label>(
  matrix: Record<L, Record<L, number>>,
  n: number,
  labels: readonly L[] = LABELS as unknown as readonly L[],
): number {
  if (n === 0) return 0;
  let observed = 0;
  let chance = 0;
  for (const label of labels) {
    observed += matrix[label][label];
    const goldShare = labels.reduce((sum, p) => sum + matrix[label][p], 0) / n;
    const predictedShare = labels.reduce((sum, g) => sum + matrix[g][label], 0) / n;
    chance += goldShare * predictedShare;
  }
  const observedShare = observed / n;
  if (chance === 1) return 1;
  return (observedShare - chance) / (1 - chance);
}

/**
 * `macroOver`: the labels macro-F1 may average over (default: all). Targets
 * keep `na` (a move predicted as `none`) in the confusion matrix but average
 * over self, other and general only.
 */
export function computeMetrics<L extends string = Label>(
  pairs: readonly LabelPair<L>[],
  labels: readonly L[] = LABELS as unknown as readonly L[],
  macroOver: readonly L[] = labels,
): Metrics<L> {
  return metricsOfConfusion(confusionMatrix(pairs, labels), labels, macroOver);
}

/** computeMetrics from the confusion matrix (a bootstrap resample sums documents' matrices). */
export function metricsOfConfusion<L extends string = Label>(
  confusion: Record<L, Record<L, number>>,
  labels: readonly L[] = LABELS as unknown as readonly L[],
  macroOver: readonly L[] = labels,
): Metrics<L> {
  let n = 0;
  for (const gold of labels) for (const predicted of labels) n += confusion[gold][predicted];
  const perLabel = {} as Record<L, LabelScores>;
  for (const label of labels) perLabel[label] = labelScores(confusion, label, labels);
  const macroLabels = labels.filter((label) => macroOver.includes(label) && (perLabel[label].support > 0 || perLabel[label].predicted > 0));
  const macroF1 = ratio(
    macroLabels.reduce((sum, label) => sum + perLabel[label].f1, 0),
    macroLabels.length,
  );
  const correct = labels.reduce((sum, label) => sum + confusion[label][label], 0);
  return {
    n,
    accuracy: ratio(correct, n),
    macroF1,
    macroLabels,
    kappa: cohensKappa(confusion, n, labels),
    perLabel,
    confusion,
  };
}
