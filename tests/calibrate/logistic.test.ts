// The fitter behind calibrate's decision layer: it recovers what the data say,
// its penalties do what they claim (L2 toward a centre, L1 to zero, bounds), it
// is deterministic, and the temperature it fits makes held-out scores calibrated.
import { describe, expect, it } from 'vitest';
import { foldDraws, foldSeeds, unitFolds } from '../../src/calibrate/model-fit.js';
import { foldUnitOf } from '../../src/calibrate/model-observe.js';
import type { GoldItem } from '../../src/eval/gold.js';
import { fitLogistic, fitTemperature, logits, type DesignItem, type ParamSpec } from '../../src/calibrate/logistic.js';
import { mulberry32 } from '../../src/random.js';

/** Two classes; parameter 0 is a bias of class 1, parameter 1 a feature of class 1 present on some items. */
function item(feature: number, y: number, weight = 1): DesignItem {
  return {
    params: Int32Array.from(feature ? [0, 1] : [0]),
    classes: Int32Array.from(feature ? [1, 1] : [1]),
    values: Float64Array.from(feature ? [1, feature] : [1]),
    offset: new Float64Array(2),
    y,
    weight,
  };
}

const free = (over: Partial<ParamSpec> = {}): ParamSpec => ({ l2: 0, centre: 0, l1: 0, lower: -50, upper: 50, start: 0, ...over });

describe('fitLogistic', () => {
  // The feature raises class 1 from 20% to 80%: the fitted log-odds are log(4) and log(1/4) + log(16).
  const data: DesignItem[] = [];
  for (let i = 0; i < 50; i++) data.push(item(0, i < 10 ? 1 : 0), item(1, i < 40 ? 1 : 0));

  it('recovers the log-odds of data it can fit exactly', () => {
    const { theta } = fitLogistic(data, [free(), free()], 2, { iterations: 2000, tolerance: 1e-12 });
    expect(theta[0]).toBeCloseTo(Math.log(0.25), 2);
    expect(theta[1]).toBeCloseTo(Math.log(4) - Math.log(0.25), 2);
  });

  it('pulls a weight toward its centre under L2, keeps it within its bounds, and zeroes it under a strong L1', () => {
    const pulled = fitLogistic(data, [free(), free({ l2: 10, centre: 0.5, start: 0.5 })], 2).theta[1];
    expect(Math.abs(pulled - 0.5)).toBeLessThan(0.2);
    expect(fitLogistic(data, [free(), free({ upper: 1 })], 2).theta[1]).toBeLessThanOrEqual(1);
    expect(fitLogistic(data, [free(), free({ l1: 5 })], 2).theta[1]).toBe(0);
  });

  it('weighs items by their weight, and gives the same result twice', () => {
    const heavier = data.map((d) => (d.y === 1 ? { ...d, weight: 3 } : d));
    const a = fitLogistic(heavier, [free(), free()], 2);
    expect(a.theta[0]).toBeGreaterThan(fitLogistic(data, [free(), free()], 2).theta[0]);
    expect(Array.from(fitLogistic(heavier, [free(), free()], 2).theta)).toEqual(Array.from(a.theta));
  });

  it('computes logits as the constant plus parameter × value per class', () => {
    expect(Array.from(logits(item(2, 0), Float64Array.from([0.5, 1]), 2))).toEqual([0, 0.5 + 2]);
  });
});

describe('fitTemperature', () => {
  it('cools over-confident scores and sharpens timid ones', () => {
    const random = mulberry32(7);
    // True probability of class 1 is sigmoid(z); the scores given are z × 3 (over-confident) or z / 3 (timid).
    const sample = (scale: number) =>
      Array.from({ length: 4000 }, () => {
        const z = (random() - 0.5) * 6;
        const y = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        return { logits: Float64Array.from([0, z * scale]), y };
      });
    expect(fitTemperature(sample(3))).toBeGreaterThan(2.5);
    expect(fitTemperature(sample(1 / 3))).toBeLessThan(0.45);
  });
});

describe('unitFolds', () => {
  it('keeps every item of a fold unit (a document, or a country) in one fold, deterministically', () => {
    const obs = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e'].map((unit) => ({ unit }));
    const folds = unitFolds(obs, 3, 1);
    expect(folds).toEqual(unitFolds(obs, 3, 1));
    expect(new Set([folds[0], folds[1]]).size).toBe(1);
    expect(new Set([folds[3], folds[4], folds[5]]).size).toBe(1);
    expect(new Set(folds).size).toBe(3);
  });

  it('draws one fold assignment per seed for repeated cross-validation, each keeping documents whole', () => {
    const obs = Array.from({ length: 40 }, (_, i) => ({ unit: `d${i % 20}` }));
    expect(foldSeeds(4, 3)).toEqual([4, 5, 6]);
    const draws = foldDraws(obs, 5, foldSeeds(1, 3));
    expect(draws).toHaveLength(3);
    expect(draws[0]).toEqual(unitFolds(obs, 5, 1));
    expect(draws[1]).not.toEqual(draws[0]);
    for (const folds of draws) for (let i = 0; i < 20; i++) expect(folds[i]).toBe(folds[i + 20]);
  });
});

describe('foldUnitOf', () => {
  const item = (meta: GoldItem['meta']): GoldItem => ({ id: 'x', text: 'x', label: 'none', line: 1, meta });
  it('is the document by default, and by country the ISO code whatever the name was written as', () => {
    const speech = item({ country: 'NZL', year: 2001, venue: 'UN General Assembly', source: 'ungdc' });
    const report = item({ country: 'newzealand', year: 2009, venue: 'UPR Working Group', source: 'upr-wg-report' });
    expect(foldUnitOf(speech, 'document')).not.toBe(foldUnitOf(report, 'document'));
    expect(foldUnitOf(speech, 'country')).toBe('NZL');
    expect(foldUnitOf(report, 'country')).toBe('NZL');
  });
  it('keeps an unknown country name as written and an item without a country as its own document', () => {
    expect(foldUnitOf(item({ country: 'Atlantis' }), 'country')).toBe('atlantis');
    const anonymous = item({ document: 'speeches/a.txt' });
    expect(foldUnitOf(anonymous, 'country')).toBe(foldUnitOf(anonymous, 'document'));
  });
});
