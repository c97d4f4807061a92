// Base → quanteda YAML → import keeps every representable pattern: each rule
// comes back under its id with exactly the dictionary entries its patterns
// expand to, and matches the same texts as those patterns did.
import { afterAll, describe, expect, it } from 'vitest';
import { readSetFiles } from '../../src/calibrate/files.js';
import { exportSet } from '../../src/interchange/export.js';
import { expandPattern } from '../../src/interchange/expand.js';
import { importDictionary } from '../../src/interchange/import.js';
import { readLiwc, writeLiwc } from '../../src/interchange/liwc.js';
import { readQuanteda, writeQuanteda } from '../../src/interchange/quanteda.js';
import { checkExamples } from '../../src/lexicon/examples.js';
import { compileRules } from '../../src/lexicon/compile.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import type { LexiconSet, Rule } from '../../src/lexicon/types.js';
import { createTagger } from '../../src/tag/tagger.js';
import { matchTokens } from '../../src/tag/match.js';
import { tokenize } from '../../src/tag/tokenize.js';
import { cleanTempDirs, tempDir } from '../calibrate/fixtures.js';
import { writeFolderAtomic } from '../../src/calibrate/files.js';
import { BUNDLED_LEXICONS, MINI_LEXICONS } from '../helpers/lexicons.js';
import { liwcProblems, quantedaProblems } from './format-rules.js';

afterAll(cleanTempDirs);

/** The dictionary entries of a rule's representable patterns. */
function entries(rule: Rule): Set<string> {
  return new Set(
    rule.patterns.flatMap((p) => {
      const e = expandPattern(p);
      return e.ok ? e.values : [];
    }),
  );
}

function representable(rule: Rule): Rule {
  return { ...rule, patterns: rule.patterns.filter((p) => expandPattern(p).ok) };
}

/** LIWC: also no prefix before the last word of an entry. */
function liwcEntries(rule: Rule): Set<string> {
  return new Set(
    rule.patterns.flatMap((p) => {
      const e = expandPattern(p);
      return e.ok && !e.values.some((v) => /\*./.test(v)) ? e.values : [];
    }),
  );
}

function roundTrip(set: LexiconSet, format: 'quanteda' | 'liwc') {
  const exported = exportSet(set, format);
  const text = format === 'quanteda' ? writeQuanteda(exported.dictionary) : writeLiwc(exported.dictionary);
  const dictionary = format === 'quanteda' ? readQuanteda(text, 'base.yml') : readLiwc(text, 'base.dic').dictionary;
  const imported = importDictionary({
    dictionary,
    source: `base.${format === 'quanteda' ? 'yml' : 'dic'}`,
    format,
    map: new Map(),
    reference: set,
    referenceFiles: readSetFiles(set.dir),
    into: false,
  });
  const dir = tempDir('spiral-import-');
  writeFolderAtomic(dir, imported.files);
  return { text, exported, imported, set: loadLexiconSet(dir) };
}

/** Which of the texts a single rule matches (the matcher alone: no negation or requirements). */
function matched(rule: Rule, texts: ReturnType<typeof tokenize>[]): boolean[] {
  const compiled = compileRules([rule]);
  return texts.map((t) => matchTokens(compiled, t).length > 0);
}

function sampleTexts(set: LexiconSet): string[] {
  return set.rules.flatMap((r) => [...r.examples.match, ...r.examples.nomatch].map((e) => e.text));
}

for (const [name, dir] of [
  ['mini', MINI_LEXICONS],
  ['bundled', BUNDLED_LEXICONS],
] as const) {
  describe(`round trip of the ${name} set through quanteda YAML`, () => {
    const base = loadLexiconSet(dir);
    const { text, imported, set } = roundTrip(base, 'quanteda');

    it('exports a file that meets quanteda format rules', () => {
      expect(quantedaProblems(text)).toEqual([]);
    });

    it('brings back every rule with a representable pattern, under its id, with the same entries', () => {
      for (const rule of base.rules) {
        const expected = entries(rule);
        const back = set.rules.find((r) => r.id === rule.id);
        if (expected.size === 0) {
          expect(back, rule.id).toBeUndefined();
          continue;
        }
        expect(back, rule.id).toBeDefined();
        expect(back!.category).toBe(rule.category);
        expect(entries(back!), rule.id).toEqual(expected);
      }
    });

    it('matches the same texts as the representable patterns did', () => {
      const texts = sampleTexts(base);
      const tokens = texts.map(tokenize);
      for (const rule of base.rules) {
        const back = set.rules.find((r) => r.id === rule.id);
        if (!back) continue;
        const expected = matched(representable(rule), tokens);
        expect(matched(back, tokens), rule.id).toEqual(expected);
      }
    });

    it('writes a valid set whose generated examples all pass', () => {
      expect(imported.rules).toBe(set.rules.length);
      expect(checkExamples(createTagger(set))).toEqual([]);
      for (const rule of set.rules) {
        expect(rule.weight).toBe(1);
        expect(rule.weightEvidence).toBe('imported from base.yml (quanteda); weight not calibrated');
      }
    });
  });
}

describe('round trip of the mini set through LIWC', () => {
  const base = loadLexiconSet(MINI_LEXICONS);
  const { text, exported, set } = roundTrip(base, 'liwc');

  it('exports a file with LIWC structure and says that rules were merged', () => {
    expect(liwcProblems(text)).toEqual([]);
    expect(exported.warnings.map((w) => w.message)).toContain(
      'pattern "interfer* in (our|its|the)? internal affairs" not exported: a prefix (*) inside a multi-word entry (LIWC allows * only at the end of an entry)',
    );
    expect(exported.warnings.map((w) => w.message)).toContain('LIWC has no nested categories: the rules of each category are merged into one category');
  });

  it('brings each category back as one rule with the entries of all its rules', () => {
    for (const category of ['denial', 'relevance', 'norm_acknowledgment'] as const) {
      const expected = new Set(base.rules.filter((r) => r.category === category).flatMap((r) => [...liwcEntries(r)]));
      const back = set.rules.filter((r) => r.category === category);
      expect(back.length).toBe(1);
      expect(entries(back[0])).toEqual(expected);
    }
  });
});
