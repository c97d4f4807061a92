import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, quantile, type DocCounts } from '../../src/aggregate/bootstrap.js';
import { compareAudiences, jensenShannon, totalVariation } from '../../src/aggregate/consistency.js';
import { computeIndices } from '../../src/aggregate/indices.js';
import { persistenceOf } from '../../src/aggregate/persistence.js';
import { hash32, mulberry32 } from '../../src/aggregate/random.js';
import { periodOf, unitOf } from '../../src/aggregate/units.js';

const doc = (name: string, d: number, r: number, c: number, a: number, extra = 0): DocCounts => ({
  doc: name,
  denial: d,
  rhetorical_action: r,
  argumentative_concession: c,
  norm_acknowledgment: a,
  relevant: d + r + c + a + extra,
});

describe('indices', () => {
  it('computes the documented shares over relevant utterances', () => {
    const i = computeIndices({ denial: 2, rhetorical_action: 1, argumentative_concession: 3, norm_acknowledgment: 2, relevant: 10 });
    expect(i.rejection).toBeCloseTo(0.2);
    expect(i.deflection).toBeCloseTo(0.1);
    expect(i.dialogue).toBeCloseTo(0.3);
    expect(i.acceptance).toBeCloseTo(0.5);
    expect(i.net).toBeCloseTo(0.5 - 0.3);
  });
  it('is null everywhere when nothing relevant was said', () => {
    expect(computeIndices({ denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, relevant: 0 }).net).toBeNull();
  });
});

describe('time units', () => {
  it('aligns periods to multiples of their length', () => {
    expect(periodOf(1987, 5)).toEqual({ start: 1985, end: 1989, label: '1985-1989' });
    expect(periodOf(1990, 5).label).toBe('1990-1994');
    expect(periodOf(1999, 10).label).toBe('1990-1999');
    expect(unitOf('country-period', 1994, 5)?.ordinal).toBe(398);
    expect(unitOf('country-year', null, 5)).toBeNull();
    expect(unitOf('country', null, 5)?.label).toBe('');
  });
});

describe('seeded random stream', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(hash32('KEN|1990')).not.toBe(hash32('KEN|1991'));
  });
});

describe('bootstrap over documents', () => {
  // Twelve documents with varied counts, so resamples take many distinct values.
  const docs = Array.from({ length: 12 }, (_, i) => doc(`d${i}`, i % 4, (i * 7) % 5, i % 3, 3 + ((i * 5) % 11), i % 2));
  const options = { resamples: 500, seed: 7, coverage: 0.95, minDocuments: 2 };

  it('is reproducible with the same seed and independent of document order', () => {
    const first = bootstrapIntervals('KEN|1990', docs, options);
    const again = bootstrapIntervals('KEN|1990', [...docs].reverse(), options);
    expect(again).toEqual(first);
    const otherSeed = bootstrapIntervals('KEN|1990', docs, { ...options, seed: 8 });
    expect(otherSeed).not.toEqual(first);
  });

  it('brackets the point estimate within [0, 1] for shares', () => {
    const ci = bootstrapIntervals('KEN|1990', docs, options);
    const sum = (k: keyof Omit<DocCounts, 'doc'>) => docs.reduce((s, d) => s + d[k], 0);
    const value = computeIndices({
      denial: sum('denial'),
      rhetorical_action: sum('rhetorical_action'),
      argumentative_concession: sum('argumentative_concession'),
      norm_acknowledgment: sum('norm_acknowledgment'),
      relevant: sum('relevant'),
    });
    expect(ci.acceptance!.low).toBeLessThanOrEqual(value.acceptance!);
    expect(ci.acceptance!.high).toBeGreaterThanOrEqual(value.acceptance!);
    expect(ci.rejection!.low).toBeGreaterThanOrEqual(0);
    expect(ci.rejection!.high).toBeLessThanOrEqual(1);
    expect(ci.rejection!.high).toBeGreaterThan(ci.rejection!.low);
  });

  it('gives no interval below the minimum number of documents', () => {
    const ci = bootstrapIntervals('KEN|1990', [docs[0]], options);
    expect(ci.net).toBeNull();
  });

  it('interpolates quantiles like R type 7', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});

describe('audience consistency', () => {
  const moves = (d: number, r: number, c: number, a: number) => ({ denial: d, rhetorical_action: r, argumentative_concession: c, norm_acknowledgment: a });
  it('measures opposite stances as maximally distant', () => {
    const p = { denial: 1, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 };
    const q = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 1 };
    expect(totalVariation(p, q)).toBe(1);
    expect(jensenShannon(p, q)).toBeCloseTo(1);
    expect(jensenShannon(p, p)).toBe(0);
  });

  it('flags an audience-dependent stance when both sides have enough evidence', () => {
    const rule = { minRelevant: 10, minDocuments: 1, tvThreshold: 0.3 };
    const home = { relevant: 12, documents: 2, moves: moves(10, 2, 0, 0) };
    const abroad = { relevant: 12, documents: 2, moves: moves(0, 0, 2, 10) };
    const c = compareAudiences(home, abroad, rule);
    expect(c.comparable).toBe(true);
    expect(c.audience_dependent).toBe(true);
    expect(c.total_variation).toBeCloseTo(1);
    const same = compareAudiences(abroad, { ...abroad }, rule);
    expect(same.audience_dependent).toBe(false);
  });

  it('does not decide when one audience has too little evidence', () => {
    const rule = { minRelevant: 10, minDocuments: 1, tvThreshold: 0.3 };
    const c = compareAudiences({ relevant: 3, documents: 1, moves: moves(3, 0, 0, 0) }, { relevant: 20, documents: 2, moves: moves(0, 0, 0, 20) }, rule);
    expect(c.comparable).toBe(false);
    expect(c.audience_dependent).toBeNull();
    expect(c.total_variation).toBe(1); // the distance is still reported
  });
});

describe('persistence', () => {
  const rule = { minUnits: 3, maxGapUnits: 1 };
  it('counts consecutive accepting units and resets on a non-accepting one', () => {
    const r = persistenceOf(
      [1990, 1991, 1992, 1993, 1994].map((unit, i) => ({ unit, accepting: i !== 3 })),
      rule,
    );
    expect(r.get(1992)).toMatchObject({ streak: 3, persistent: true });
    expect(r.get(1993)).toMatchObject({ accepting: false, streak: 0, persistent: false });
    expect(r.get(1994)).toMatchObject({ streak: 1, persistent: false });
  });

  it('bridges one silent unit but not two', () => {
    const oneGap = persistenceOf(
      [
        { unit: 1990, accepting: true },
        { unit: 1991, accepting: true },
        { unit: 1993, accepting: true },
      ],
      rule,
    );
    expect(oneGap.get(1993)).toMatchObject({ streak: 3, persistent: true });
    const twoGaps = persistenceOf(
      [
        { unit: 1990, accepting: true },
        { unit: 1991, accepting: null },
        { unit: 1993, accepting: true },
      ],
      rule,
    );
    expect(twoGaps.get(1993)).toMatchObject({ streak: 1, persistent: false });
    expect(twoGaps.get(1991)).toMatchObject({ accepting: null, persistent: false });
  });
});
