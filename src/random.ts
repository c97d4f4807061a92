// Seeded randomness for everything that must be reproducible: bootstrap
// intervals (aggregate, eval), cross-validation folds (eval, calibrate); and the
// percentile an interval is read from.

/** FNV-1a 32-bit hash of a string (to derive a seed from a name). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a fast 32-bit generator, ample for resampling and folds. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stream for one named cell (an interval, a figure) under a run-wide seed: its draws do not depend on which other cells there are. */
export function streamFor(seed: number, name: string): () => number {
  return mulberry32(hash32(`${seed}|${name}`));
}

/** Linear-interpolation quantile (R type 7) of a sorted array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
