import { describe, expect, it } from 'vitest';
import { expandPattern } from '../../src/interchange/expand.js';
import { parsePattern } from '../../src/lexicon/pattern.js';

const expand = (source: string, limit?: number) => expandPattern(parsePattern(source), limit);
const exact = (values: string[]) => ({ ok: true, values, approximations: [] });

describe('expandPattern', () => {
  it('writes exact forms as words and prefixes with a trailing *', () => {
    expect(expand('=internal =affairs')).toEqual(exact(['internal affairs']));
    expect(expand('interfer* =in')).toEqual(exact(['interfer* in']));
  });

  it('expands a word to the inflections spiral matches, and only real ones', () => {
    expect(expand('deny')).toEqual(exact(['denied', 'denies', 'deny', 'denying']));
    expect(expand('=human rights =are =not')).toEqual(exact(['human rights are not']));
    expect(expand('selectivity')).toEqual(exact(['selectivities', 'selectivity']));
  });

  it('expands alternatives (also of several words) and optional parts', () => {
    expect(expand('=no (=further|=more than)? =action')).toEqual(exact(['no action', 'no further action', 'no more than action']));
    expect(expand('=so-called =experts')).toEqual(exact(['so called experts']));
  });

  it('writes any-word as * and a gap of up to N words as N + 1 phrases', () => {
    expect(expand('=the _ =report')).toEqual(exact(['the * report']));
    expect(expand('=baseless ..2 =allegations')).toEqual(exact(['baseless * * allegations', 'baseless * allegations', 'baseless allegations']));
  });

  it('approximates a stem by the prefix glob it shares with the word, and says so', () => {
    expect(expand('~investigate')).toEqual({
      ok: true,
      values: ['investig*'],
      approximations: ['stem "~investigate" as investig* (every word beginning so, not only those with the stem "investig")'],
    });
  });

  it('over the limit, writes inflected words as the glob of their forms, then gives up', () => {
    const globbed = expand('(deny|reject) ..3 allegation', 20);
    expect(globbed).toMatchObject({ ok: true, values: expect.arrayContaining(['den* * allegation*', 'reject* allegation*']) });
    expect(globbed.ok && globbed.approximations).toEqual([
      '"deny" as den* (its forms denied, denies, deny, denying)',
      '"reject" as reject* (its forms reject, rejected, rejecting, rejects)',
      '"allegation" as allegation* (its forms allegation, allegations)',
    ]);
    expect(expand('(=a|=b|=c) (=d|=e|=f)', 8)).toEqual({
      ok: false,
      reason: 'expands to 9 entries, 9 with inflections as prefix globs (more than 8; raise --max-entries to export it)',
    });
    expect(expand('(=a|=b|=c) (=d|=e|=f)', 9).ok).toBe(true);
  });
});
