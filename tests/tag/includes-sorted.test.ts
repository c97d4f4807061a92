// The matcher's membership test on a DFA state's ascending feature list: a scan
// of a short list, a binary search of a long one, the same answers as includes().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { includesSorted } from '../../src/tag/match.js';

describe('includesSorted', () => {
  it('answers as includes() on ascending lists of every length around the scan limit', () => {
    for (let n = 0; n <= 40; n++) {
      const list = Array.from({ length: n }, (_, i) => 2 * i + 1);
      for (let v = -1; v <= 2 * n + 2; v++) expect(includesSorted(list, v)).toBe(list.includes(v));
    }
  });

  it('answers as includes() on any ascending list of distinct numbers', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }), fc.integer({ min: -1, max: 5001 }), (values, v) => {
        const list = [...values].sort((a, b) => a - b);
        return includesSorted(list, v) === list.includes(v) && list.every((x) => includesSorted(list, x));
      }),
    );
  });
});
