import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rewriteRuleFile, rewriteSet, rewriteVersion } from '../../src/calibrate/set-edits.js';
import { calibratedVersion } from '../../src/calibrate/calibrate.js';

const FILE = `# A comment that must survive.
category: denial
description: >
  A folded description
  over two lines.
rules:
  - id: denial.one
    description: One.
    patterns: ["internal affairs"]   # trailing comment
    weight: 2
    weight_evidence: "hand-set from the codebook"
    examples:
      match: ["a"]
      nomatch: ["b"]

  - id: denial.two
    description: Two.
    patterns:
      - pretext
    weight: 1.5
    weight_evidence: >
      a folded evidence text
      on two lines
    requires: [relevance]
    examples:
      match: ["c"]
      nomatch: ["d"]
`;

const edit = (weight: number) => ({ weight, evidence: { calibrated: 'changed', fires: 12, precision: 0.75, origin: 'hand-set' } });

describe('rewriteRuleFile', () => {
  it('replaces only the weight and the evidence of the rules named, keeping everything else byte for byte', () => {
    const out = rewriteRuleFile('denial.yaml', FILE, new Map([['denial.one', edit(3)]]));
    const doc = parseDocument(out).toJSON();
    expect(doc.rules[0].weight).toBe(3);
    expect(doc.rules[0].weight_evidence).toEqual({ calibrated: 'changed', fires: 12, precision: 0.75, origin: 'hand-set' });
    expect(doc.rules[1]).toEqual(parseDocument(FILE).toJSON().rules[1]);
    const untouched = (s: string) => s.replace(/ {4}weight: 2\n {4}weight_evidence: "hand-set from the codebook"\n/, '');
    const replaced = / {4}weight: 3\n {4}weight_evidence:\n {6}calibrated: "changed"\n {6}fires: 12\n {6}precision: 0.75\n {6}origin: "hand-set"\n/;
    expect(out).toMatch(replaced);
    expect(out.replace(replaced, '')).toBe(untouched(FILE));
  });

  it('replaces a folded (block) evidence without swallowing the next line', () => {
    const out = rewriteRuleFile('denial.yaml', FILE, new Map([['denial.two', edit(0.5)]]));
    const rule = parseDocument(out).toJSON().rules[1];
    expect(rule.weight).toBe(0.5);
    expect(rule.requires).toEqual(['relevance']);
    expect(rule.weight_evidence.fires).toBe(12);
  });

  it('writes evidence as a flow mapping inside a flow-style rule', () => {
    const flow = `category: denial\ndescription: d\nrules:\n  - {id: denial.one, description: d, patterns: [x], weight: 1, weight_evidence: hand, examples: {match: [a], nomatch: [b]}}\n`;
    const out = rewriteRuleFile('denial.yaml', flow, new Map([['denial.one', edit(2)]]));
    expect(parseDocument(out).errors).toEqual([]);
    expect(parseDocument(out).toJSON().rules[0]).toMatchObject({ weight: 2, weight_evidence: { fires: 12 } });
  });
});

describe('rewriteVersion and rewriteSet', () => {
  it('bumps the version and replaces an earlier calibration suffix', () => {
    expect(rewriteVersion('name: x\nversion: "0.1.0" # v\n', '0.1.0+cal.abcd1234')).toBe('name: x\nversion: "0.1.0+cal.abcd1234" # v\n');
    expect(calibratedVersion('0.1.0+cal.00000000', 'ffffffff')).toBe('0.1.0+cal.ffffffff');
  });

  it('rewrites a whole set: every file present, untouched files identical, fitted files written whole', () => {
    const scoring = '# Thresholds.\nrelevance_threshold: 1\n';
    const files = { 'lexicon.yaml': 'name: x\nversion: "1"\n', 'scoring.yaml': scoring, 'denial.yaml': FILE, 'README.txt': 'kept', 'model.yaml': 'old: 1\n' };
    const generated = { 'model.yaml': 'new: 2\n', 'terms.yaml': 'terms: {}\n' };
    const out = rewriteSet(files, new Map([['denial.one', 'denial.yaml']]), { rules: new Map(), generated, version: '1+cal.x' });
    expect(Object.keys(out)).toEqual(['README.txt', 'denial.yaml', 'lexicon.yaml', 'model.yaml', 'scoring.yaml', 'terms.yaml']);
    expect(out['denial.yaml']).toBe(FILE);
    expect(out['scoring.yaml']).toBe(scoring);
    expect(out['README.txt']).toBe('kept');
    expect(out['model.yaml']).toBe('new: 2\n');
    expect(out['terms.yaml']).toBe('terms: {}\n');
    expect(out['lexicon.yaml']).toBe('name: x\nversion: "1+cal.x"\n');
  });
});
