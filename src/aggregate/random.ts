// A small seeded PRNG so bootstrap intervals are reproducible across runs and
// machines. Each cell gets its own stream from (seed, cell key), so a cell's
// interval does not depend on which other cells the run happens to contain.

import { hash32, mulberry32 } from '../random.js';

export { hash32, mulberry32 };

/** The stream for one named cell under a run-wide seed. */
export function streamFor(seed: number, name: string): () => number {
  return mulberry32(hash32(`${seed}|${name}`));
}
