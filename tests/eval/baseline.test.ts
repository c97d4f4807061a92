import { describe, expect, it } from 'vitest';
import {
  baselineFactory,
  createBayesClassifier,
  createMultinomialBayes,
  crossValidate,
  majorityLabel,
  seededRandom,
  stratifiedFolds,
  type LabelledText,
  type TextClassifier,
} from '../../src/eval/baseline.js';
import type { Label } from '../../src/types.js';

const labels: Label[] = [...Array<Label>(10).fill('denial'), ...Array<Label>(7).fill('none'), ...Array<Label>(3).fill('rhetorical_action')];

describe('seededRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of first) expect(value).toBeLessThan(1);
  });
});

describe('stratifiedFolds', () => {
  it('spreads every label evenly over the folds and balances fold sizes', () => {
    const folds = stratifiedFolds(labels, 3, 7);
    const size = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...size) - Math.min(...size)).toBeLessThanOrEqual(1);
    for (const label of ['denial', 'none', 'rhetorical_action'] as Label[]) {
      const perFold = [0, 1, 2].map((f) => folds.filter((x, i) => x === f && labels[i] === label).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('is reproducible for a seed and shuffles differently for another seed', () => {
    expect(stratifiedFolds(labels, 4, 1)).toEqual(stratifiedFolds(labels, 4, 1));
    expect(stratifiedFolds(labels, 4, 1)).not.toEqual(stratifiedFolds(labels, 4, 2));
  });

  it('rejects fewer than two folds or more folds than items', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow(/at least 2/);
    expect(() => stratifiedFolds(['none', 'none'], 3, 1)).toThrow(/cannot make 3 folds from 2/);
  });
});

describe('crossValidate', () => {
  it('never lets a classifier see the item it labels', () => {
    const items: LabelledText[] = labels.map((label, i) => ({ text: `item ${i}`, label }));
    // A classifier that answers 'none' for any text it was trained on: leakage would show up as 'none'.
    const memorising = (): TextClassifier => {
      const seen = new Set<string>();
      return {
        train: (examples) => examples.forEach((e) => seen.add(e.text)),
        classify: (text) => (seen.has(text) ? 'none' : 'denial'),
      };
    };
    const predictions = crossValidate(items, { folds: 4, seed: 3, createClassifier: memorising });
    expect(predictions).toEqual(Array(items.length).fill('denial'));
  });

  it('learns separable word classes with natural Bayes', () => {
    const denialTexts = ['interference internal affairs', 'sovereignty interference pretext', 'internal affairs pretext', 'interference pretext sovereignty'];
    const concessionTexts = [
      'investigation prosecution abuses',
      'abuses investigated prosecuted',
      'prosecution investigation compensation',
      'compensation abuses investigation',
    ];
    const items: LabelledText[] = [
      ...denialTexts.map((text) => ({ text, label: 'denial' as Label })),
      ...concessionTexts.map((text) => ({ text, label: 'argumentative_concession' as Label })),
    ];
    const predictions = crossValidate(items, { folds: 2, seed: 5, createClassifier: createBayesClassifier });
    expect(predictions).toEqual(items.map((i) => i.label));
  });
});

describe('majorityLabel', () => {
  it('picks the most frequent label, first seen on ties, none when empty', () => {
    expect(
      majorityLabel([
        { text: 'a', label: 'denial' },
        { text: 'b', label: 'none' },
        { text: 'c', label: 'none' },
      ]),
    ).toBe('none');
    expect(
      majorityLabel([
        { text: 'a', label: 'denial' },
        { text: 'b', label: 'none' },
      ]),
    ).toBe('denial');
    expect(majorityLabel([])).toBe('none');
  });
});

describe('createMultinomialBayes', () => {
  it('uses word counts and class priors, ignoring unseen words', () => {
    const classifier = createMultinomialBayes();
    classifier.train([
      { text: 'interference interference sovereignty', label: 'denial' },
      { text: 'investigation of abuses', label: 'argumentative_concession' },
      { text: 'trade and growth', label: 'none' },
      { text: 'trade, markets and growth', label: 'none' },
    ]);
    expect(classifier.classify('this interference')).toBe('denial');
    expect(classifier.classify('an investigation')).toBe('argumentative_concession');
    // nothing known: the prior decides, and 'none' has two of four examples
    expect(classifier.classify('zebra quartz')).toBe('none');
  });

  it('is chosen by name, with natural-bayes available', () => {
    expect(baselineFactory('multinomial-bayes')).toBe(createMultinomialBayes);
    expect(baselineFactory('natural-bayes')).toBe(createBayesClassifier);
  });
});
