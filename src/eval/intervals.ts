// How sure a figure is: bootstrap intervals for the eval figures, resampling
// DOCUMENTS, not items. The sentences coded from one speech or report share its
// idiom, its topic and its country, so resampling items would make intervals too
// narrow; a rare label (a dozen denials in a split) makes them wide, and the
// width is what tells a real fit–check gap from the luck of the draw.
import { quantile, streamFor } from '../random.js';
import { emptyConfusion, metricsOfConfusion, type LabelPair } from './metrics.js';

/** The interval settings: named here, not scattered (eval prints them beside the figures). */
export const EVAL_INTERVALS = {
  /** Resamples of the documents: enough for stable 2.5% and 97.5% percentiles. */
  resamples: 1000,
  coverage: 0.95,
  seed: 1,
  /** Below this many documents an interval says nothing: none is given. */
  minDocuments: 5,
} as const;

export type IntervalSettings = typeof EVAL_INTERVALS;

export interface Interval {
  low: number;
  high: number;
}

/** One item's pair of labels and the document it comes from. */
export interface DocumentPair<L extends string> extends LabelPair<L> {
  document: string;
}

export interface MetricIntervals<L extends string> {
  documents: number;
  resamples: number;
  coverage: number;
  macroF1: Interval;
  /** Per label: F1, and recall over the resamples that hold the label (null when none does). */
  perLabel: Record<L, { recall: Interval | null; f1: Interval }>;
}

type Confusion<L extends string> = Record<L, Record<L, number>>;

/** Each document's confusion matrix, in document order, so a seed gives the same resamples whatever the item order. */
function confusionByDocument<L extends string>(pairs: readonly DocumentPair<L>[], labels: readonly L[], order?: readonly string[]): Array<Confusion<L>> {
  const byDocument = new Map<string, Confusion<L>>((order ?? []).map((d) => [d, emptyConfusion(labels)]));
  for (const { document, gold, predicted } of pairs) {
    let matrix = byDocument.get(document);
    if (!matrix) byDocument.set(document, (matrix = emptyConfusion(labels)));
    matrix[gold][predicted] += 1;
  }
  return (order ?? [...byDocument.keys()].sort()).map((d) => byDocument.get(d)!);
}

/**
 * `settings.resamples` draws of document indices (with replacement, as many as
 * there are documents), from the stream `name` picks; `visit` gets each draw.
 */
function eachResample(name: string, count: number, settings: IntervalSettings, visit: (drawn: Int32Array) => void): void {
  const next = streamFor(settings.seed, name);
  const drawn = new Int32Array(count);
  for (let b = 0; b < settings.resamples; b++) {
    for (let i = 0; i < count; i++) drawn[i] = Math.floor(next() * count);
    visit(drawn);
  }
}

function summed<L extends string>(documents: ReadonlyArray<Confusion<L>>, drawn: Int32Array, labels: readonly L[]): Confusion<L> {
  const sum = emptyConfusion(labels);
  for (const d of drawn) for (const g of labels) for (const p of labels) sum[g][p] += documents[d][g][p];
  return sum;
}

function percentiles(values: number[], coverage: number): Interval {
  const sorted = values.sort((a, b) => a - b);
  const tail = (1 - coverage) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
}

/**
 * Percentile intervals of macro-F1 and of each label's F1 and recall. `name`
 * picks the random stream (labels and targets draw their own). Undefined with
 * fewer than `minDocuments` documents.
 */
export function metricIntervals<L extends string>(
  name: string,
  pairs: readonly DocumentPair<L>[],
  labels: readonly L[],
  macroOver: readonly L[] = labels,
  settings: IntervalSettings = EVAL_INTERVALS,
): MetricIntervals<L> | undefined {
  const documents = confusionByDocument(pairs, labels);
  if (documents.length < settings.minDocuments) return undefined;
  const macro: number[] = [];
  const f1 = new Map<L, number[]>(labels.map((l) => [l, []]));
  const recall = new Map<L, number[]>(labels.map((l) => [l, []]));
  eachResample(name, documents.length, settings, (drawn) => {
    const m = metricsOfConfusion(summed(documents, drawn, labels), labels, macroOver);
    macro.push(m.macroF1);
    for (const l of labels) {
      f1.get(l)!.push(m.perLabel[l].f1);
      if (m.perLabel[l].support > 0) recall.get(l)!.push(m.perLabel[l].recall);
    }
  });
  const perLabel = {} as MetricIntervals<L>['perLabel'];
  for (const l of labels) {
    const r = recall.get(l)!;
    perLabel[l] = { recall: r.length > 0 ? percentiles(r, settings.coverage) : null, f1: percentiles(f1.get(l)!, settings.coverage) };
  }
  return { documents: documents.length, resamples: settings.resamples, coverage: settings.coverage, macroF1: percentiles(macro, settings.coverage), perLabel };
}

export interface PairedDifference {
  documents: number;
  resamples: number;
  coverage: number;
  /** Macro-F1 of the compared tagger minus the first's, on the gold as it is. */
  difference: number;
  interval: Interval;
  /** Share of resamples in which the compared tagger scores higher (ties count half). */
  betterShare: number;
}

/**
 * Two taggers on the same items (`first[i]` and `second[i]` are one item): the
 * macro-F1 difference, with a paired bootstrap interval — each resample draws
 * documents once and scores both taggers on them, so what the two share (the
 * easy and the hard documents) cancels out of the difference.
 */
export function pairedDifference<L extends string>(
  name: string,
  first: readonly DocumentPair<L>[],
  second: readonly DocumentPair<L>[],
  labels: readonly L[],
  macroOver: readonly L[] = labels,
  settings: IntervalSettings = EVAL_INTERVALS,
): PairedDifference | undefined {
  if (first.length !== second.length) throw new RangeError('paired difference: the two taggers must score the same items');
  const order = [...new Set(first.map((p) => p.document))].sort();
  if (order.length < settings.minDocuments) return undefined;
  const a = confusionByDocument(first, labels, order);
  const b = confusionByDocument(second, labels, order);
  const macro = (docs: ReadonlyArray<Confusion<L>>, drawn: Int32Array) => metricsOfConfusion(summed(docs, drawn, labels), labels, macroOver).macroF1;
  const differences: number[] = [];
  let better = 0;
  eachResample(name, order.length, settings, (drawn) => {
    const d = macro(b, drawn) - macro(a, drawn);
    differences.push(d);
    better += d > 0 ? 1 : d === 0 ? 0.5 : 0;
  });
  const all = Int32Array.from(order, (_, i) => i);
  return {
    documents: order.length,
    resamples: settings.resamples,
    coverage: settings.coverage,
    difference: macro(b, all) - macro(a, all),
    interval: percentiles(differences, settings.coverage),
    betterShare: better / settings.resamples,
  };
}
