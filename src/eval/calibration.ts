// Does `confidence` mean what it says? A reliability table (confidence bins:
// how many items, their mean confidence, how many were right) and the expected
// calibration error, Σ (n_b / N) · |accuracy_b − confidence_b| (Guo et al. 2017).
// Also: are the utterances flagged `low_confidence` the ones most often wrong?
import type { Flag } from '../types.js';

/** Bin edges: a bin holds confidences in [edge_i, edge_i+1); the last bin includes 1. */
export const CONFIDENCE_BINS = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

export interface CalibrationReport {
  bins: ReliabilityBin[];
  /** Expected calibration error. */
  ece: number;
  /** Accuracy of items flagged low_confidence and of the rest. */
  flagged: { n: number; accuracy: number };
  unflagged: { n: number; accuracy: number };
}

export interface ScoredPrediction {
  confidence: number;
  correct: boolean;
  flags: readonly Flag[];
}

const share = (hits: number, n: number) => (n === 0 ? 0 : hits / n);

export function calibrationReport(predictions: readonly ScoredPrediction[]): CalibrationReport {
  const bins: ReliabilityBin[] = [];
  for (let i = 0; i < CONFIDENCE_BINS.length - 1; i++) {
    const from = CONFIDENCE_BINS[i];
    const to = CONFIDENCE_BINS[i + 1];
    const last = i === CONFIDENCE_BINS.length - 2;
    const inBin = predictions.filter((p) => p.confidence >= from && (p.confidence < to || (last && p.confidence <= to)));
    bins.push({
      from,
      to,
      n: inBin.length,
      meanConfidence: share(
        inBin.reduce((s, p) => s + p.confidence, 0),
        inBin.length,
      ),
      accuracy: share(inBin.filter((p) => p.correct).length, inBin.length),
    });
  }
  const total = predictions.length;
  const ece = bins.reduce((s, b) => s + (total === 0 ? 0 : (b.n / total) * Math.abs(b.accuracy - b.meanConfidence)), 0);
  const flaggedItems = predictions.filter((p) => p.flags.includes('low_confidence'));
  const rest = predictions.filter((p) => !p.flags.includes('low_confidence'));
  return {
    bins,
    ece,
    flagged: { n: flaggedItems.length, accuracy: share(flaggedItems.filter((p) => p.correct).length, flaggedItems.length) },
    unflagged: { n: rest.length, accuracy: share(rest.filter((p) => p.correct).length, rest.length) },
  };
}
