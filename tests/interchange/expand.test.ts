import { describe, expect, it } from 'vitest';
import { expandPattern } from '../../src/interchange/expand.js';
import { parsePattern } from '../../src/lexicon/pattern.js';

const expand = (source: string, limit?: number) => expandPattern(parsePattern(source), limit);

describe('expandPattern', () => {
  it('writes exact forms as words and prefixes with a trailing *', () => {
    expect(expand('=internal =affairs')).toEqual({ ok: true, values: ['internal affairs'] });
    expect(expand('interfer* =in')).toEqual({ ok: true, values: ['interfer* in'] });
  });

  it('expands a word to the inflections spiral matches', () => {
    const result = expand('deny');
    expect(result.ok && result.values).toEqual(expect.arrayContaining(['deny', 'denies', 'denied', 'denying']));
  });

  it('expands alternatives (also of several words) and optional parts', () => {
    expect(expand('=no (=further|=more than)? =action')).toEqual({ ok: true, values: ['no action', 'no further action', 'no more than action'] });
    expect(expand('=so-called =experts')).toEqual({ ok: true, values: ['so called experts'] });
  });

  it('reports what a dictionary cannot hold: gaps, stems, any-word, large expansions', () => {
    expect(expand('=baseless ..3 =allegations')).toMatchObject({ ok: false, reason: expect.stringContaining('gap "..3"') });
    expect(expand('~investigate')).toMatchObject({ ok: false, reason: expect.stringContaining('stem "~investigate"') });
    expect(expand('=the _ =report')).toMatchObject({ ok: false, reason: expect.stringContaining('any one word') });
    expect(expand('(=a|=b|=c) (=d|=e|=f)', 8)).toEqual({ ok: false, reason: 'expands to 9 entries (more than 8)' });
    expect(expand('(=a|=b|=c) (=d|=e|=f)', 9).ok).toBe(true);
  });
});
