// The lexicon lint: alternatives a pattern's other words already match
// (inflections the compiler generates) and groups that repeat a word class.
import { describe, expect, it } from 'vitest';
import { classForGroup, groupsOf, lintSet, redundantForms } from '../../src/lexicon/lint.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import type { WordClass } from '../../src/lexicon/types.js';
import { BUNDLED_LEXICONS } from '../helpers/lexicons.js';

describe('lexicon lint', () => {
  it('finds the innermost groups of a pattern', () => {
    expect(groupsOf('(deny|denies) ..5 (the|these)? (@allegation|charges)')).toEqual([
      ['deny', 'denies'],
      ['the', 'these'],
      ['@allegation', 'charges'],
    ]);
    expect(groupsOf('(a|(b|c) d)')).toEqual([['b', 'c']]);
  });

  it('reports a word another word of the group already matches', () => {
    expect(redundantForms(['deny', 'denies', 'denied', 'refute'])).toEqual([
      { form: 'denied', base: 'deny' },
      { form: 'denies', base: 'deny' },
    ]);
    // Exact forms, phrases, globs and stems are never reported: they say something else.
    expect(redundantForms(['deny', '=denies', 'deny that', 'den*', '~denial'])).toEqual([]);
  });

  it('never reports a word whose own forms the rest would lose', () => {
    // "person" matches "people" but not "peoples", which "people" matches.
    expect(redundantForms(['person', 'persons', 'people'])).toEqual([{ form: 'persons', base: 'person' }]);
  });

  it('suggests the class a long group mostly repeats', () => {
    const classes = [{ name: 'interfere', members: ['interfere', 'meddle', 'intrude', 'impose', 'dictate', 'coerce'] }] as WordClass[];
    expect(classForGroup(['interfere', 'meddle', 'intrude', 'impose', 'dictate', 'bully'], classes)).toEqual({ name: 'interfere', shared: 5 });
    expect(classForGroup(['interfere', 'meddle', 'bully'], classes)).toBeUndefined();
  });

  it('finds no redundant forms in the bundled set (class suggestions are left to judgement)', () => {
    const findings = lintSet(loadLexiconSet(BUNDLED_LEXICONS));
    expect(findings.filter((f) => f.message.includes('already matches'))).toEqual([]);
  });
});
