// The seeded streams of bootstrap intervals, from the random.ts leaf (eval draws
// its intervals from the same streams): each cell gets its own stream from (seed,
// cell key), so a cell's interval does not depend on which other cells there are.
export { hash32, mulberry32, streamFor } from '../random.js';
