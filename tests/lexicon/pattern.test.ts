import { describe, expect, it } from 'vitest';
import { parsePattern, PatternError } from '../../src/lexicon/pattern.js';

describe('parsePattern', () => {
  it('parses words, exact forms, prefixes, stems, groups, optionals, wildcards and gaps', () => {
    const ast = parsePattern('=so-called (human|humanitarian)? right ~interfere interfer* _ ..3 affairs');
    expect(ast.elements).toEqual([
      {
        kind: 'seq',
        alternatives: [
          [
            { kind: 'exact', word: 'so' },
            { kind: 'exact', word: 'called' },
          ],
        ],
        optional: false,
      },
      { kind: 'seq', alternatives: [[{ kind: 'word', word: 'human' }], [{ kind: 'word', word: 'humanitarian' }]], optional: true },
      { kind: 'seq', alternatives: [[{ kind: 'word', word: 'right' }]], optional: false },
      { kind: 'seq', alternatives: [[{ kind: 'stem', word: 'interfere' }]], optional: false },
      { kind: 'seq', alternatives: [[{ kind: 'prefix', prefix: 'interfer' }]], optional: false },
      { kind: 'seq', alternatives: [[{ kind: 'any' }]], optional: false },
      { kind: 'gap', max: 3 },
      { kind: 'seq', alternatives: [[{ kind: 'word', word: 'affairs' }]], optional: false },
    ]);
  });

  it('allows multi-word alternatives', () => {
    const ast = parsePattern('(smoke screen|smokescreen) of lies');
    expect(ast.elements[0]).toMatchObject({ alternatives: [[{ word: 'smoke' }, { word: 'screen' }], [{ word: 'smokescreen' }]] });
  });

  it.each([
    ['', 'empty pattern'],
    ['..3 affairs', 'cannot start or end with a gap'],
    ['affairs ..3', 'cannot start or end with a gap'],
    ['_ affairs', 'cannot start or end with _'],
    ['(a|(b|c)) d', 'nested'],
    ['(a|b d', 'unclosed'],
    ['a) b', 'unexpected ")"'],
    ['ab* c', 'at least 3 letters'],
    ['a ..9 b', '..N with N from 1 to 8'],
    ['a (b ..2 c) d', 'gaps are not allowed inside a group'],
    ['(a|) b', 'empty alternative'],
    ['word? other?', 'at least one required word'],
    ['in$ternal', 'is not a word'],
    ['a ..2 ..3 b', 'two gaps in a row'],
  ])('rejects %j (%s)', (source, message) => {
    expect(() => parsePattern(source)).toThrow(PatternError);
    expect(() => parsePattern(source)).toThrow(message);
  });
});
