import { describe, expect, it } from 'vitest';
import { cohensKappa, computeMetrics, confusionMatrix, type LabelPair } from '../../src/eval/metrics.js';
import type { Label } from '../../src/types.js';

const pairs = (rows: Array<[Label, Label]>): LabelPair[] => rows.map(([gold, predicted]) => ({ gold, predicted }));

describe('computeMetrics', () => {
  // gold:      den den den none none ack
  // predicted: den den none none den ack
  const sample = pairs([
    ['denial', 'denial'],
    ['denial', 'denial'],
    ['denial', 'none'],
    ['none', 'none'],
    ['none', 'denial'],
    ['norm_acknowledgment', 'norm_acknowledgment'],
  ]);

  it('computes per-label precision, recall and F1 by hand', () => {
    const m = computeMetrics(sample);
    expect(m.perLabel.denial.precision).toBeCloseTo(2 / 3);
    expect(m.perLabel.denial.recall).toBeCloseTo(2 / 3);
    expect(m.perLabel.denial.f1).toBeCloseTo(2 / 3);
    expect(m.perLabel.none).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
    expect(m.perLabel.norm_acknowledgment.f1).toBe(1);
    expect(m.perLabel.rhetorical_action).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('averages macro-F1 over the labels present in gold or predictions', () => {
    const m = computeMetrics(sample);
    expect(m.macroLabels).toEqual(['denial', 'norm_acknowledgment', 'none']);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 1 + 0.5) / 3);
  });

  it('counts a predicted label that never occurs in gold as F1 0 in the macro average', () => {
    const m = computeMetrics(
      pairs([
        ['none', 'denial'],
        ['none', 'none'],
      ]),
    );
    expect(m.macroLabels).toEqual(['denial', 'none']);
    expect(m.perLabel.denial.f1).toBe(0);
    expect(m.macroF1).toBeCloseTo((0 + 2 / 3) / 2);
  });

  it('computes accuracy and the confusion matrix with gold in rows', () => {
    const m = computeMetrics(sample);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.confusion.denial.none).toBe(1);
    expect(m.confusion.none.denial).toBe(1);
    expect(m.confusion.denial.denial).toBe(2);
    expect(m.n).toBe(6);
  });

  it("computes Cohen's kappa against a hand calculation", () => {
    // observed 4/6; chance: den 3/6*3/6 + none 2/6*2/6 + ack 1/6*1/6 = 14/36
    const expected = (4 / 6 - 14 / 36) / (1 - 14 / 36);
    expect(computeMetrics(sample).kappa).toBeCloseTo(expected);
  });

  it('gives kappa 1 for perfect agreement and 1 when both sides use one label', () => {
    expect(
      computeMetrics(
        pairs([
          ['denial', 'denial'],
          ['none', 'none'],
        ]),
      ).kappa,
    ).toBe(1);
    expect(cohensKappa(confusionMatrix(pairs([['none', 'none']])), 1)).toBe(1);
  });

  it('gives kappa below 0 for systematic disagreement', () => {
    expect(
      computeMetrics(
        pairs([
          ['denial', 'none'],
          ['none', 'denial'],
        ]),
      ).kappa,
    ).toBeLessThan(0);
  });

  it('handles no items', () => {
    const m = computeMetrics([]);
    expect(m).toMatchObject({ n: 0, accuracy: 0, macroF1: 0, kappa: 0, macroLabels: [] });
  });
});
