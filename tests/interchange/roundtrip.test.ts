// Base → quanteda YAML → import keeps what was exported: each rule comes back
// under its id with exactly the dictionary entries its patterns expand to, and
// matches the same sentences — of the rules' own examples, and of the whole
// sample corpus (corpus/sample): a pattern exported exactly matches exactly the
// utterances it matched before; an approximated one (a stem, inflections as
// prefix globs) matches those and possibly more, never fewer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSetFiles, writeFolderAtomic } from '../../src/calibrate/files.js';
import { exportSet } from '../../src/interchange/export.js';
import { expandPattern } from '../../src/interchange/expand.js';
import { importDictionary, valueToPattern } from '../../src/interchange/import.js';
import { readLiwc, writeLiwc } from '../../src/interchange/liwc.js';
import { readQuanteda, writeQuanteda } from '../../src/interchange/quanteda.js';
import { checkExamples } from '../../src/lexicon/examples.js';
import { compileRules } from '../../src/lexicon/compile.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { parsePattern, type PatternAst } from '../../src/lexicon/pattern.js';
import type { LexiconSet, Rule } from '../../src/lexicon/types.js';
import { createTagger } from '../../src/tag/tagger.js';
import { matchTokens } from '../../src/tag/match.js';
import { tokenize } from '../../src/tag/tokenize.js';
import { cleanTempDirs, tempDir } from '../calibrate/fixtures.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';
import { liwcProblems, quantedaProblems } from './format-rules.js';

afterAll(cleanTempDirs);

/** Entries per pattern for the bundled set: enough for most patterns, small enough for a quick import. */
const BUNDLED_MAX_ENTRIES = 500;

/** The dictionary entries of a rule's exported patterns. */
function entries(rule: Rule, limit?: number): Set<string> {
  return new Set(
    rule.patterns.flatMap((p) => {
      const e = expandPattern(p, limit);
      return e.ok ? e.values : [];
    }),
  );
}

/** LIWC: also no * inside an entry or for a word. */
function liwcEntries(rule: Rule): Set<string> {
  return new Set(
    rule.patterns.flatMap((p) => {
      const e = expandPattern(p);
      return e.ok && !e.values.some((v) => /\*./.test(v) || /(^| )\*( |$)/.test(v)) ? e.values : [];
    }),
  );
}

function roundTrip(set: LexiconSet, format: 'quanteda' | 'liwc', maxEntries?: number) {
  const exported = exportSet(set, format, { maxEntries });
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

type Tokens = ReturnType<typeof tokenize>;

/** Which of the texts the patterns match (the matcher alone: no negation or requirements). */
function matched(patterns: PatternAst[], texts: Tokens[]): boolean[] {
  if (patterns.length === 0) return texts.map(() => false);
  const rule: Rule = {
    id: 'x.y',
    category: 'denial',
    description: '',
    patterns,
    unless: [],
    weight: 1,
    weightEvidence: '',
    requires: [],
    requiresOwnSentence: false,
    strongRelevance: false,
    whenNegated: 'drop',
    examples: { match: [], nomatch: [] },
    file: '',
    line: 0,
  };
  const compiled = compileRules([rule]);
  return texts.map((t) => matchTokens(compiled, t).length > 0);
}

/** The imported patterns that came from one original pattern's entries. */
function importedPatternsOf(original: PatternAst, back: Rule, limit?: number): PatternAst[] {
  const expansion = expandPattern(original, limit);
  if (!expansion.ok) return [];
  const sources = new Set(expansion.values.map((v) => valueToPattern(v)).flatMap((p) => ('source' in p ? [p.source] : [])));
  return back.patterns.filter((p) => sources.has(p.source));
}

function exampleTexts(set: LexiconSet): string[] {
  return set.rules.flatMap((r) => [...r.examples.match, ...r.examples.nomatch].map((e) => e.text));
}

/** Per pattern: the sentences it matched before and after the round trip; exact ones equal, approximated ones a superset. */
function compareMatches(base: LexiconSet, back: LexiconSet, texts: Tokens[], limit?: number) {
  let exact = 0;
  let approximated = 0;
  let matchesBefore = 0;
  const problems: string[] = [];
  for (const rule of base.rules) {
    const again = back.rules.find((r) => r.id === rule.id);
    for (const pattern of rule.patterns) {
      const expansion = expandPattern(pattern, limit);
      if (!expansion.ok || !again) continue;
      const before = matched([pattern], texts);
      const after = matched(importedPatternsOf(pattern, again, limit), texts);
      matchesBefore += before.filter(Boolean).length;
      if (expansion.approximations.length === 0) {
        exact++;
        if (before.some((b, i) => b !== after[i])) problems.push(`${rule.id}: "${pattern.source}" matches differently after the round trip`);
      } else {
        approximated++;
        if (before.some((b, i) => b && !after[i])) problems.push(`${rule.id}: "${pattern.source}" (approximated) lost matches`);
      }
    }
  }
  return { exact, approximated, matchesBefore, problems };
}

describe('round trip of the mini set through quanteda YAML', () => {
  const base = loadLexiconSet(MINI_LEXICONS);
  const { text, imported, set } = roundTrip(base, 'quanteda');

  it('exports a file that meets quanteda format rules', () => {
    expect(quantedaProblems(text)).toEqual([]);
  });

  it('brings back every rule with an exported pattern, under its id, with the same entries', () => {
    for (const rule of base.rules) {
      const expected = entries(rule);
      const back = set.rules.find((r) => r.id === rule.id);
      expect(back, rule.id).toBeDefined();
      expect(back!.category).toBe(rule.category);
      expect(entries(back!), rule.id).toEqual(expected);
    }
  });

  it('matches the same example sentences (exact patterns) or more (approximated: the stem)', () => {
    const r = compareMatches(base, set, exampleTexts(base).map(tokenize));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ exact: 12, approximated: 1 });
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

describe('round trip of the bundled set through quanteda YAML, on the sample corpus', () => {
  const base = loadLexiconSet(BUNDLED_LEXICONS);
  let trip: ReturnType<typeof roundTrip>;
  let sample: Tokens[] = [];

  beforeAll(async () => {
    trip = roundTrip(base, 'quanteda', BUNDLED_MAX_ENTRIES);
    const run = path.join(tempDir('spiral-sample-'), 'run');
    const r = await runCli(['classify', path.join(ROOT, 'corpus', 'sample'), '--out', run, '-q', '--workers', '1']);
    expect(r.code).toBe(0);
    const lines = readFileSync(path.join(run, 'utterances.jsonl'), 'utf8').split('\n').filter(Boolean);
    sample = lines.map((l) => tokenize((JSON.parse(l) as { text: string }).text));
  }, 120_000);

  it('exports a file that meets quanteda format rules', () => {
    expect(quantedaProblems(trip.text)).toEqual([]);
  });

  it('brings back every rule with an exported pattern, under its id, with the same entries', () => {
    for (const rule of base.rules) {
      const expected = entries(rule, BUNDLED_MAX_ENTRIES);
      const back = trip.set.rules.find((r) => r.id === rule.id);
      if (expected.size === 0) {
        expect(back, rule.id).toBeUndefined();
        continue;
      }
      expect(back, rule.id).toBeDefined();
      expect(back!.category).toBe(rule.category);
      expect(entries(back!), rule.id).toEqual(expected);
    }
  });

  it('matches the same utterances of corpus/sample: the same for exact patterns, never fewer for approximated ones', () => {
    expect(sample.length).toBeGreaterThan(200);
    const r = compareMatches(base, trip.set, sample, BUNDLED_MAX_ENTRIES);
    expect(r.problems).toEqual([]);
    // At 500 entries a pattern: 205 patterns exact and 40 approximated, 708 pattern matches on 285 utterances.
    expect(r.exact).toBeGreaterThan(200);
    expect(r.matchesBefore).toBeGreaterThan(500);
  });

  it("matches the same example sentences of the set's rules", () => {
    const r = compareMatches(base, trip.set, exampleTexts(base).map(tokenize), BUNDLED_MAX_ENTRIES);
    expect(r.problems).toEqual([]);
  });

  it('writes a valid set whose generated examples all pass', () => {
    expect(checkExamples(createTagger(trip.set))).toEqual([]);
  });
});

describe('round trip of the mini set through LIWC', () => {
  const base = loadLexiconSet(MINI_LEXICONS);
  const { text, exported, set } = roundTrip(base, 'liwc');

  it('exports a file with LIWC structure and says that rules were merged', () => {
    expect(liwcProblems(text)).toEqual([]);
    expect(exported.warnings.map((w) => w.message)).toContain(
      'pattern "interfer* in (our|its|the)? internal affairs" not exported: a * inside a multi-word entry or standing for a word (LIWC allows * only at the end of an entry)',
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

it('valueToPattern reads back what the export writes for each kind of element', () => {
  for (const source of ['=internal =affairs', 'interfer* =in', '=baseless ..2 =allegations', '=the _ =report']) {
    const e = expandPattern(parsePattern(source));
    expect(e.ok).toBe(true);
    for (const v of e.ok ? e.values : []) expect(valueToPattern(v)).toHaveProperty('source');
  }
});
