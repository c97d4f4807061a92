import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { lexiconLoadError, MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the mini set with one file replaced. */
function setWith(file: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-lex-'));
  dirs.push(dir);
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  writeFileSync(path.join(dir, file), content);
  return dir;
}

const rule = (extra = '') => `category: denial
description: d
rules:
  - id: denial.one
    description: one
    patterns: ["internal affairs"]
    weight: 1
    weight_evidence: test
${extra}    examples:
      match: ["a"]
      nomatch: ["b"]
`;

describe('loadLexiconSet', () => {
  it('loads the mini set with a content hash and version', () => {
    const set = loadLexiconSet(MINI_LEXICONS);
    expect(set.name).toBe('mini');
    expect(set.version).toBe('1');
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(set.rules.map((r) => r.id)).toContain('denial.internal-affairs');
    expect(set.rules.find((r) => r.id === 'denial.internal-affairs')).toMatchObject({
      file: 'denial.yaml',
      line: 4,
      whenNegated: 'norm_acknowledgment',
      requires: ['relevance'],
    });
  });

  it('changes the hash when any file changes', () => {
    const dir = setWith('denial.yaml', readFileSync(path.join(MINI_LEXICONS, 'denial.yaml'), 'utf8').replace('weight: 2', 'weight: 3'));
    expect(loadLexiconSet(dir).hash).not.toBe(loadLexiconSet(MINI_LEXICONS).hash);
  });

  it('reports YAML syntax errors with file and line', () => {
    const dir = setWith('denial.yaml', 'category: denial\nrules:\n  - id: [unclosed\n');
    expect(lexiconLoadError(dir)).toMatch(/denial\.yaml:\d+: /);
  });

  it('reports unknown keys with their line', () => {
    const dir = setWith('denial.yaml', rule('    colour: red\n'));
    expect(lexiconLoadError(dir)).toContain(`${path.join(dir, 'denial.yaml')}:9: unknown key "colour" in a rule`);
  });

  it('reports duplicate ids across files', () => {
    const dir = setWith('denial.yaml', rule().replace('denial.one', 'rhetorical.baseless'));
    expect(lexiconLoadError(dir)).toMatch(
      /denial\.yaml:4: duplicate rule id "rhetorical\.baseless" \(first in .*rhetorical-action\.yaml:4\)|rhetorical-action\.yaml:4: duplicate rule id/,
    );
  });

  it('reports patterns that cannot compile, with the pattern line', () => {
    const dir = setWith('denial.yaml', rule().replace('["internal affairs"]', '\n      - "internal (affairs"'));
    expect(lexiconLoadError(dir)).toContain(`denial.yaml:7: rule denial.one: pattern "internal (affairs": unclosed "("`);
  });

  it('requires examples of both kinds, a weight and its evidence', () => {
    const dir = setWith('denial.yaml', rule().replace('      nomatch: ["b"]\n', '').replace('    weight: 1\n', '').replace('    weight_evidence: test\n', ''));
    const message = lexiconLoadError(dir);
    expect(message).toContain('"weight" must be a number > 0');
    expect(message).toContain('"weight_evidence" is required');
    expect(message).toContain('examples.nomatch must list at least one sentence');
  });

  it('rejects bad when_negated and requires values', () => {
    const dir = setWith('denial.yaml', rule('    when_negated: flip\n    requires: [weather]\n'));
    const message = lexiconLoadError(dir);
    expect(message).toContain('"when_negated" must be drop, keep or a category');
    expect(message).toContain('"requires" entries must be categories');
  });

  it('rejects requires_own_sentence that is not a boolean, or without requires, with file:line', () => {
    expect(lexiconLoadError(setWith('denial.yaml', rule('    requires: [relevance]\n    requires_own_sentence: yes please\n')))).toMatch(
      /denial\.yaml:\d+: rule denial\.one: "requires_own_sentence" must be true or false/,
    );
    expect(lexiconLoadError(setWith('denial.yaml', rule('    requires_own_sentence: true\n')))).toMatch(
      /denial\.yaml:\d+: rule denial\.one: "requires_own_sentence" needs "requires"/,
    );
    const set = loadLexiconSet(setWith('denial.yaml', rule('    requires: [relevance]\n    requires_own_sentence: true\n')));
    expect(set.rules.find((r) => r.id === 'denial.one')).toMatchObject({ requires: ['relevance'], requiresOwnSentence: true });
    expect(loadLexiconSet(MINI_LEXICONS).rules.every((r) => r.requiresOwnSentence === false)).toBe(true);
  });

  it('rejects strong_relevance that is not a boolean, or without a relevance requirement, with file:line', () => {
    expect(lexiconLoadError(setWith('denial.yaml', rule('    requires: [relevance]\n    strong_relevance: 1\n')))).toMatch(
      /denial\.yaml:\d+: rule denial\.one: "strong_relevance" must be true or false/,
    );
    expect(lexiconLoadError(setWith('denial.yaml', rule('    requires: [target_self]\n    strong_relevance: true\n')))).toMatch(
      /denial\.yaml:\d+: rule denial\.one: "strong_relevance" needs "requires: \[relevance\]"/,
    );
    const set = loadLexiconSet(setWith('denial.yaml', rule('    requires: [relevance]\n    strong_relevance: true\n')));
    expect(set.rules.find((r) => r.id === 'denial.one')).toMatchObject({ requires: ['relevance'], strongRelevance: true });
    expect(loadLexiconSet(MINI_LEXICONS).rules.every((r) => r.strongRelevance === false)).toBe(true);
  });

  it('reads `unless` exceptions as patterns, and rejects an empty list or a bad pattern with file:line', () => {
    const set = loadLexiconSet(setWith('denial.yaml', rule('    unless: ["mandated ..3 to ..2 investigate"]\n')));
    expect(set.rules.find((r) => r.id === 'denial.one')?.unless.map((p) => p.source)).toEqual(['mandated ..3 to ..2 investigate']);
    expect(loadLexiconSet(MINI_LEXICONS).rules.every((r) => r.unless.length === 0)).toBe(true);
    expect(lexiconLoadError(setWith('denial.yaml', rule('    unless: []\n')))).toMatch(/denial\.yaml:\d+: rule denial\.one: "unless" must be a non-empty list/);
    expect(lexiconLoadError(setWith('denial.yaml', rule('    unless: ["(unclosed"]\n')))).toMatch(/denial\.yaml:\d+: rule denial\.one: pattern "\(unclosed"/);
  });

  it('reads an example with the venue and country it is said in, and rejects a bad country with file:line', () => {
    const withExample = (example: string) => rule().replace('      match: ["a"]\n', `      match:\n        - ${example}\n`);
    const set = loadLexiconSet(setWith('denial.yaml', withExample('{ text: "a", venue: UPR working group, country: KEN, label: denial }')));
    expect(set.rules.find((r) => r.id === 'denial.one')?.examples.match[0]).toMatchObject({
      text: 'a',
      venue: 'UPR working group',
      country: 'KEN',
      label: 'denial',
    });
    expect(lexiconLoadError(setWith('denial.yaml', withExample('{ text: "a", country: Kenya }')))).toMatch(
      /denial\.yaml:\d+: rule denial\.one: examples\.match: an example is a sentence or \{text, label, venue, country\}/,
    );
    expect(lexiconLoadError(setWith('denial.yaml', withExample('{ text: "a", speaker: KEN }')))).toMatch(/denial\.yaml:\d+: unknown key "speaker"/);
  });

  it('validates scoring.yaml keys and values', () => {
    const dir = setWith(
      'scoring.yaml',
      readFileSync(path.join(MINI_LEXICONS, 'scoring.yaml'), 'utf8').replace('negation_window: 12', 'negation_window: high\nextra_knob: 2'),
    );
    const message = lexiconLoadError(dir);
    expect(message).toMatch(/scoring\.yaml:\d+: "negation_window" must be a number/);
    expect(message).toMatch(/scoring\.yaml:\d+: unknown key "extra_knob"/);
  });

  it('fails clearly on a missing folder', () => {
    expect(() => loadLexiconSet('/nonexistent/lexicons')).toThrow('lexicon folder not found');
  });
});
