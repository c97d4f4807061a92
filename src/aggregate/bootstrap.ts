// Bootstrap intervals that resample DOCUMENTS, not utterances: sentences of one
// speech are not independent, so resampling them would make intervals too narrow.
import { addMoves, computeIndices, zeroMoves, type MoveCounts } from './indices.js';
import { quantile } from '../random.js';
import { streamFor } from './random.js';
import { INDEX_NAMES, type IndexName, type Interval } from './types.js';

/** Per-document counts, in a fixed order so resamples are reproducible. */
export interface DocCounts extends MoveCounts {
  doc: string;
}

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  coverage: number; // e.g. 0.95
  minDocuments: number; // below this, no interval
}

export { quantile };

function emptyIntervals(): Record<IndexName, Interval | null> {
  return Object.fromEntries(INDEX_NAMES.map((n) => [n, null])) as Record<IndexName, Interval | null>;
}

function sumResample(docs: readonly DocCounts[], next: () => number): MoveCounts {
  const total = zeroMoves();
  for (let i = 0; i < docs.length; i++) addMoves(total, docs[Math.floor(next() * docs.length)]);
  return total;
}

/**
 * Percentile intervals of every index for one cell. `name` (the cell key) picks the
 * random stream; resamples with nothing relevant have no index and are left out.
 */
export function bootstrapIntervals(name: string, docs: readonly DocCounts[], options: BootstrapOptions): Record<IndexName, Interval | null> {
  const result = emptyIntervals();
  if (docs.length < options.minDocuments || docs.length === 0) return result;
  const ordered = [...docs].sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
  const next = streamFor(options.seed, name);
  const samples = Object.fromEntries(INDEX_NAMES.map((n) => [n, [] as number[]])) as Record<IndexName, number[]>;
  for (let b = 0; b < options.resamples; b++) {
    const values = computeIndices(sumResample(ordered, next));
    for (const index of INDEX_NAMES) {
      const v = values[index];
      if (v !== null) samples[index].push(v);
    }
  }
  const tail = (1 - options.coverage) / 2;
  for (const index of INDEX_NAMES) {
    const sorted = samples[index].sort((a, b) => a - b);
    if (sorted.length === 0) continue;
    result[index] = { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
  }
  return result;
}
