// Word classes (classes.yaml) and the files of fitted numbers and reference data
// (model.yaml, terms.yaml, countries.yaml): what they match, and that a bad file
// is refused with file:line.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { parseClassMember, parsePattern, PatternError, type Atom } from '../../src/lexicon/pattern.js';
import { createTagger } from '../../src/tag/tagger.js';
import { lexiconLoadError, MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-cls-'));
  dirs.push(dir);
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const words = (alt: Atom[]) => alt.map((a) => (a.kind === 'any' ? '_' : a.kind === 'prefix' ? `${a.prefix}*` : a.word)).join(' ');

describe('word classes in patterns', () => {
  const classes = new Map<string, Atom[][]>([['violation', [...parseClassMember('torture', new Map()), ...parseClassMember('ill treatment', new Map())]]]);

  it('stands for every member, alone or as one whole alternative of a group', () => {
    const alone = parsePattern('@violation ..3 occurred', classes);
    const first = alone.elements[0];
    expect(first.kind === 'seq' && first.alternatives.map(words)).toEqual(['torture', 'ill treatment']);
    const grouped = parsePattern('(@violation|abuse) occurred', classes);
    const group = grouped.elements[0];
    expect(group.kind === 'seq' && group.alternatives.map(words)).toEqual(['torture', 'ill treatment', 'abuse']);
  });

  it('refuses an unknown class and a class inside a longer alternative', () => {
    expect(() => parsePattern('@crimes occurred', classes)).toThrow(PatternError);
    expect(() => parsePattern('@crimes occurred', classes)).toThrow(/unknown word class "@crimes"/);
    expect(() => parsePattern('(grave @violation|abuse)', classes)).toThrow(/whole alternative/);
  });

  it('lets a member name a class defined above it', () => {
    const table = new Map<string, Atom[][]>([['a', parseClassMember('torture', new Map())]]);
    expect(parseClassMember('@a', table).map(words)).toEqual(['torture']);
    expect(() => parseClassMember('(x|y)', table)).toThrow(/plain words/);
  });

  it('matches through the tagger with the members inflected', () => {
    const dir = setWith({
      'classes.yaml': `classes:
  violation:
    description: violations
    members: [torture, ill treatment]
`,
      'denial.yaml': `category: denial
description: d
rules:
  - id: denial.class-test
    description: a rule built from a class
    patterns: ["@violation ..6 (internal|domestic) (affair|matter)"]
    weight: 2
    weight_evidence: test
    examples:
      match: ["Ill treatment in prisons is an internal matter."]
      nomatch: ["Taxation is an internal matter."]
`,
    });
    const tagger = createTagger(loadLexiconSet(dir));
    expect(tagger.tag('Tortures in the camps are an internal affair.').evidence.map((e) => e.rule)).toContain('denial.class-test');
    expect(tagger.tag('Trade is an internal affair.').evidence.map((e) => e.rule)).not.toContain('denial.class-test');
  });

  it('refuses a bad classes.yaml with file:line', () => {
    const dir = setWith({
      'classes.yaml': `classes:
  violation:
    description: violations
    members: [torture, torture]
  Bad:
    description: bad name
    members: [x]
  empty:
    description: no members
    members: []
`,
    });
    const message = lexiconLoadError(dir);
    expect(message).toMatch(/classes\.yaml:4: class violation: duplicate member "torture"/);
    expect(message).toMatch(/classes\.yaml:5: class Bad: a class name is lowercase/);
    expect(message).toMatch(/classes\.yaml:\d+: class empty: "members" must be a non-empty list/);
  });
});

describe('model.yaml, terms.yaml and countries.yaml', () => {
  const model = `moves:
  bias: { denial: -1, rhetorical_action: -1, argumentative_concession: -1, norm_acknowledgment: 0, none: 2 }
  upr_bias: { denial: 0, rhetorical_action: 0, argumentative_concession: 1, norm_acknowledgment: 0, none: -1 }
  relevance_weight: 1.5
  relevance_cap: 3
  context_relevance_weight: 0.5
  temperature: 0.8
targets:
  bias: { self: 0.5, other: -1, general: 0.5 }
  label_bias:
    denial: { self: 0, other: 0, general: 0 }
    rhetorical_action: { self: 0, other: 0, general: 0 }
    argumentative_concession: { self: 2, other: 0, general: 0 }
    norm_acknowledgment: { self: 0, other: 0, general: 0 }
  upr_bias: { self: 1, other: 0, general: 0 }
  context_weight: 0.5
  other_country_weight: 2
  own_country_weight: 1.5
  move_rule_bias:
    acknowledgment.respect: { general: 0.7 }
  temperature: 1
`;

  it('reads the fitted numbers, and the decision uses them', () => {
    const set = loadLexiconSet(setWith({ 'model.yaml': model, 'terms.yaml': 'terms:\n  tortur: { norm_acknowledgment: 0.4, none: -0.2 }\n' }));
    expect(set.model.moves.relevance_weight).toBe(1.5);
    expect(set.model.targets.label_bias.argumentative_concession.self).toBe(2);
    expect(set.model.targets.move_rule_bias).toEqual({ 'acknowledgment.respect': { general: 0.7 } });
    // Absent (a model fitted before it existed): the speaker's voice counts nothing, as it did.
    expect(set.model.targets.speaker_voice_weight).toBe(0);
    const voiced = loadLexiconSet(setWith({ 'model.yaml': model.replace('own_country_weight: 1.5', 'own_country_weight: 1.5\n  speaker_voice_weight: 0.6') }));
    expect(voiced.model.targets.speaker_voice_weight).toBe(0.6);
    expect(set.model.targets.first_mention_weight).toBe(0);
    const first = loadLexiconSet(setWith({ 'model.yaml': model.replace('own_country_weight: 1.5', 'own_country_weight: 1.5\n  first_mention_weight: 0.2') }));
    expect(first.model.targets.first_mention_weight).toBe(0.2);
    expect(set.terms.weights.get('tortur')).toEqual({ norm_acknowledgment: 0.4, none: -0.2 });
    const r = createTagger(set).tag('The torture of prisoners continued.');
    const term = r.evidence.find((e) => e.category === 'term')!;
    expect(term).toMatchObject({ rule: 'term.tortur', text: 'torture', weights: { norm_acknowledgment: 0.4, none: -0.2 } });
  });

  it('refuses a model.yaml with a missing label, a bad number or an unknown key, with file:line', () => {
    const bad = model.replace('none: 2 }', 'none: two }').replace('temperature: 0.8', 'temperature: 0\n  knob: 1');
    const message = lexiconLoadError(setWith({ 'model.yaml': bad }));
    expect(message).toMatch(/model\.yaml:2: moves\.bias\.none must be a number/);
    expect(message).toMatch(/model\.yaml:\d+: moves\.temperature must be a number > 0/);
    expect(message).toMatch(/model\.yaml:\d+: unknown key "knob" in moves/);
    const negative = lexiconLoadError(
      setWith({ 'model.yaml': model.replace('own_country_weight: 1.5', 'own_country_weight: 1.5\n  first_mention_weight: -1') }),
    );
    expect(negative).toMatch(/model\.yaml:\d+: targets\.first_mention_weight must be a number ≥ 0/);
  });

  it('refuses a terms.yaml with a bad term or label, with file:line', () => {
    const message = lexiconLoadError(setWith({ 'terms.yaml': 'terms:\n  Tortur: { none: 1 }\n  ok: { maybe: 1 }\n' }));
    expect(message).toMatch(/terms\.yaml:2: term "Tortur" must be a lowercase stem/);
    expect(message).toMatch(/terms\.yaml:3: term "ok": unknown label "maybe"/);
  });

  it('turns countries.yaml and the known State names into one mention rule per State', () => {
    const set = loadLexiconSet(setWith({ 'countries.yaml': 'countries:\n  ZAF: [pretoria, south african]\n' }));
    const zaf = set.countryRules.find((r) => r.id === 'country.zaf')!;
    expect(zaf.patterns.map((p) => p.source)).toEqual(expect.arrayContaining(['pretoria', 'south african', '=south =africa']));
    expect(set.countryRules.every((r) => r.category === 'target_other')).toBe(true);
    expect(lexiconLoadError(setWith({ 'countries.yaml': 'countries:\n  XXX: [nowhere]\n' }))).toMatch(/countries\.yaml:2: "XXX" is not an ISO alpha-3 code/);
  });
});
