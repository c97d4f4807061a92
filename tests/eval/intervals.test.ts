// Bootstrap intervals of the eval figures (eval/intervals.ts): documents are
// resampled, not items, so errors bunched in one document widen the interval.
import { describe, expect, it } from 'vitest';
import { EVAL_INTERVALS, metricIntervals, pairedDifference, type DocumentPair } from '../../src/eval/intervals.js';
import { computeMetrics } from '../../src/eval/metrics.js';
import { LABELS, type Label } from '../../src/types.js';

/** `documents` documents of `perDocument` items; `wrong(d, i)` says which items are mislabelled (acknowledgment called none). */
function pairs(documents: number, perDocument: number, wrong: (d: number, i: number) => boolean): Array<DocumentPair<Label>> {
  const out: Array<DocumentPair<Label>> = [];
  for (let d = 0; d < documents; d++)
    for (let i = 0; i < perDocument; i++) {
      const gold: Label = i % 2 === 0 ? 'norm_acknowledgment' : 'none';
      out.push({ document: `doc${d}`, gold, predicted: wrong(d, i) ? (gold === 'none' ? 'norm_acknowledgment' : 'none') : gold });
    }
  return out;
}

const width = (i: { low: number; high: number }) => i.high - i.low;

describe('metricIntervals', () => {
  it('brackets the figure, and is a point when every resample is perfect', () => {
    const some = pairs(20, 10, (d, i) => (d * 10 + i) % 7 === 0);
    const m = computeMetrics(some);
    const i = metricIntervals('labels', some, LABELS)!;
    expect(i).toMatchObject({ documents: 20, resamples: EVAL_INTERVALS.resamples, coverage: 0.95 });
    expect(i.macroF1.low).toBeLessThan(m.macroF1);
    expect(i.macroF1.high).toBeGreaterThan(m.macroF1);
    const perfect = metricIntervals(
      'labels',
      pairs(20, 10, () => false),
      LABELS,
    )!;
    expect(perfect.macroF1).toEqual({ low: 1, high: 1 });
    expect(perfect.perLabel.norm_acknowledgment.recall).toEqual({ low: 1, high: 1 });
    // No item has the label in any resample: no recall interval.
    expect(perfect.perLabel.denial.recall).toBeNull();
  });

  it('resamples documents: the same errors bunched in few documents give a wider interval', () => {
    // 20 wrong items of 200 either way: spread one or two per document, or all in two documents.
    const spread = metricIntervals(
      'labels',
      pairs(20, 10, (d, i) => i === d % 10),
      LABELS,
    )!;
    const bunched = metricIntervals(
      'labels',
      pairs(20, 10, (d) => d < 2),
      LABELS,
    )!;
    expect(width(bunched.macroF1)).toBeGreaterThan(1.5 * width(spread.macroF1));
  });

  it('is deterministic and does not depend on the order of the items', () => {
    const some = pairs(12, 6, (d, i) => (d + i) % 5 === 0);
    const a = metricIntervals('labels', some, LABELS);
    expect(metricIntervals('labels', [...some].reverse(), LABELS)).toEqual(a);
    expect(metricIntervals('labels', some, LABELS)).toEqual(a);
  });

  it('gives no interval below the minimum number of documents', () => {
    expect(
      metricIntervals(
        'labels',
        pairs(EVAL_INTERVALS.minDocuments - 1, 10, () => false),
        LABELS,
      ),
    ).toBeUndefined();
    expect(
      metricIntervals(
        'labels',
        pairs(EVAL_INTERVALS.minDocuments, 10, () => false),
        LABELS,
      ),
    ).toBeDefined();
  });
});

describe('pairedDifference', () => {
  // Documents of varying difficulty (one to four errors); the second tagger fixes one error in every document.
  const first = pairs(20, 10, (d, i) => i <= d % 4);
  const second = pairs(20, 10, (d, i) => i < d % 4);

  it('is zero, exactly, for the same predictions', () => {
    expect(pairedDifference('labels', first, first, LABELS)).toMatchObject({ difference: 0, interval: { low: 0, high: 0 }, betterShare: 0.5, documents: 20 });
  });

  it('gives the difference second − first, and an interval above zero for a fix in every document', () => {
    const d = pairedDifference('labels', first, second, LABELS)!;
    expect(d.difference).toBeCloseTo(computeMetrics(second).macroF1 - computeMetrics(first).macroF1, 12);
    expect(d.interval.low).toBeGreaterThan(0);
    expect(d.betterShare).toBe(1);
    expect(pairedDifference('labels', second, first, LABELS)!.interval.high).toBeLessThan(0);
  });

  it('is paired: far narrower than either figure on its own, since both are scored on the same resampled documents', () => {
    const d = pairedDifference('labels', first, second, LABELS)!;
    const alone = metricIntervals('labels', first, LABELS)!;
    expect(width(d.interval)).toBeLessThan(width(alone.macroF1) / 2);
  });

  it('refuses two item lists of different lengths, and gives nothing below the minimum of documents', () => {
    expect(() => pairedDifference('labels', first, second.slice(1), LABELS)).toThrow(/same items/);
    const few = pairs(EVAL_INTERVALS.minDocuments - 1, 10, () => false);
    expect(pairedDifference('labels', few, few, LABELS)).toBeUndefined();
  });
});
