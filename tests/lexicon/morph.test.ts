// Word forms of pattern words: compromise's conjugations and plurals, kept only
// when they are real forms (a known word, or a regular inflection the word's
// part of speech allows), so the matcher and the dictionary export never carry
// "ares" or "selectivitied".
import { describe, expect, it } from 'vitest';
import { inflections } from '../../src/lexicon/morph.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { BUNDLED_LEXICONS } from '../helpers/lexicons.js';
import type { PatternAst } from '../../src/lexicon/pattern.js';

describe('inflections', () => {
  it('conjugates verbs and pluralises nouns', () => {
    expect(inflections('deny')).toEqual(['denied', 'denies', 'deny', 'denying']);
    expect(inflections('investigate')).toEqual(['investigate', 'investigated', 'investigates', 'investigating']);
    expect(inflections('allegation')).toContain('allegations');
  });

  it('keeps real forms wink does not know when the part of speech allows them', () => {
    expect(inflections('rapporteur')).toEqual(['rapporteur', 'rapporteurs']); // "rapporteurs" is not in wink's lexicon
    expect(inflections('remedy')).toEqual(['remedied', 'remedies', 'remedy', 'remedying']);
    expect(inflections('mainstream')).toContain('mainstreaming'); // a verb: wink knows "mainstreamed"
    expect(inflections('overthrow')).toContain('overthrew'); // irregular, by wink's lemmatizer
    expect(inflections('moratorium')).toEqual(['moratoria', 'moratorium', 'moratoriums']);
  });

  it('drops non-words: plurals of verbs, verb forms of nouns and adjectives, forms of forms', () => {
    expect(inflections('are')).toEqual(['are', 'were']);
    expect(inflections('selectivity')).toEqual(['selectivities', 'selectivity']);
    expect(inflections('baseless')).toEqual(['baseless']);
    expect(inflections('allegations')).toEqual(['allegations']);
    expect(inflections('role')).toEqual(['role', 'roles']);
    expect(inflections('child')).toEqual(['child', 'children']);
    expect(inflections('apology')).not.toContain('apologys');
  });

  it('gives the bundled patterns none of the non-words compromise makes', () => {
    const set = loadLexiconSet(BUNDLED_LEXICONS);
    const words = new Set<string>();
    const visit = (ast: PatternAst) => {
      for (const el of ast.elements) if (el.kind === 'seq') for (const alt of el.alternatives) for (const a of alt) if (a.kind === 'word') words.add(a.word);
    };
    for (const rule of [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)]) rule.patterns.forEach(visit);
    const forms = new Map([...words].flatMap((w) => inflections(w).map((f) => [f, w] as const)));
    const nonWords = [
      'ares',
      'aring',
      'selectivitied',
      'allegationses',
      'affairss',
      'abhorrented',
      'baselessed',
      'citizenses',
      'otherses',
      'roling',
      'apologys',
    ];
    expect(nonWords.filter((f) => forms.has(f)).map((f) => `${f} < ${forms.get(f)}`)).toEqual([]);
    expect(inflections('his')).toEqual(['his']); // compromise conjugates it to "hiss", a word but not its form
  }, 60_000);
});
