import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSet } from '../../src/interchange/export.js';
import { checkExamples } from '../../src/lexicon/examples.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

// The mini set's "Western invention" denial, with an exception: said of a
// product ("a Western invention like the steam engine") it is no denial.
const dir = mkdtempSync(path.join(tmpdir(), 'spiral-unless-'));
cpSync(MINI_LEXICONS, dir, { recursive: true });
const denial = readFileSync(path.join(dir, 'denial.yaml'), 'utf8').replace(
  '    patterns: ["western (invention|values)"]\n',
  '    patterns: ["western (invention|values)"]\n    unless: ["western invention (like|such as)"]\n',
);
writeFileSync(path.join(dir, 'denial.yaml'), denial);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const set = loadLexiconSet(dir);
const tagger = createTagger(set);

describe('`unless`: exceptions to a rule', () => {
  it('is read with the rule', () => {
    expect(set.rules.find((r) => r.id === 'denial.western-invention')?.unless.map((p) => p.source)).toEqual(['western invention (like|such as)']);
  });

  it('leaves a match the exception does not overlap as it was', () => {
    const r = tagger.tag('Human rights are a Western invention.');
    expect(r.label).toBe('denial');
    expect(r.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ weight: 2, text: 'Western invention' });
    expect(r.evidence.find((e) => e.rule === 'denial.western-invention')?.effect).toBeUndefined();
  });

  it('makes an overlapped match count for nothing, shown as excepted, and adds no evidence of its own', () => {
    const r = tagger.tag('Human rights are not a Western invention like the steam engine.');
    const hits = r.evidence.filter((e) => e.rule === 'denial.western-invention');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ weight: 0, effect: 'excepted', text: 'Western invention' });
    expect(r.label).not.toBe('denial');
  });

  it('counts an excepted match as not fired when examples are checked', () => {
    const withExample = denial.replace(
      '      match: ["Human rights are a Western invention."]',
      '      match: ["Human rights are a Western invention like the printing press."]',
    );
    writeFileSync(path.join(dir, 'denial.yaml'), withExample);
    try {
      const failures = checkExamples(createTagger(loadLexiconSet(dir)));
      expect(failures.map((f) => `${f.rule}: ${f.message}`)).toContain('denial.western-invention: should match but the rule did not fire');
    } finally {
      writeFileSync(path.join(dir, 'denial.yaml'), denial);
    }
  });

  it('is named among what an exported dictionary leaves out', () => {
    const out = exportSet(set, 'liwc');
    expect(
      out.warnings.some(
        (w) => w.where.endsWith('denial.western-invention') && /^unless \[western invention \(like\|such as\)\] is not exported/.test(w.message),
      ),
    ).toBe(true);
  });
});
