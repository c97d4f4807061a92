// Real-data suite for calibration: calibrate the bundled lexicons on the fit
// split of the dev gold alone (the bundled set was fitted with the project's
// coded items too, so the numbers change), check the new version loads, passes
// its own examples and labels its fit items better than the set does before its
// fit, and that a classify run with it records its version and hash.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExamples } from '../../src/lexicon/examples.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, ROOT } from '../helpers/lexicons.js';

const DATA = path.resolve(ROOT, '../shared/data');
const DEV = path.join(DATA, 'gold/dev.jsonl');
const SPEECH = path.join(DATA, 'ungdc/book-countries/CHL_30_1975.txt');
const work = mkdtempSync(path.join(tmpdir(), 'spiral-real-cal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(DEV))('calibrate the bundled lexicons on dev.jsonl', () => {
  const out = path.join(work, 'cal');
  let stdout = '';
  let summary: {
    macro_f1: { before_in_sample: number; after_cross_validated: number };
    lexicons: { version: string; hash: string };
    new_lexicons: { version: string; hash: string };
    check: { example_failures: number; in_sample_macro_f1_before: number; in_sample_macro_f1_after: number };
    changes: Array<{ rule: string; old: number; new: number }>;
  };

  beforeAll(async () => {
    // One fold draw: this checks what calibrate writes; eval.test.ts reproduces the bundled set with the default three.
    const r = await runCli(['calibrate', '--gold', DEV, '--split', 'fit', '--repeats', '1', '--out', out]);
    stdout = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    console.log(stdout);
  });

  it('prints the diagnostics, the candidate terms and the before/after figures', () => {
    expect(stdout).toContain('rule diagnostics');
    expect(stdout).toContain('candidate terms');
    expect(stdout).toMatch(/macro-F1 in-sample before \d\.\d{3}; cross-validated after \d\.\d{3}/);
    const candidates = JSON.parse(readFileSync(path.join(out, 'candidates.json'), 'utf8'));
    expect(Object.values(candidates).flat().length).toBeGreaterThan(0);
  });

  it('writes a version with a cross-validated figure, fitted to the items it was fitted on', () => {
    expect(summary.macro_f1.after_cross_validated).toBeGreaterThan(0.55);
    expect(summary.check.in_sample_macro_f1_after).toBeGreaterThan(0.6);
    expect(summary.check.example_failures).toBe(0);
  });

  it('writes a complete set with a new version and hash, and breaks no example that passed', () => {
    const set = loadLexiconSet(path.join(out, 'lexicons'));
    const base = loadLexiconSet(BUNDLED_LEXICONS);
    expect(set.version).toMatch(new RegExp(`^${base.version.split('+')[0].replace(/\./g, '\\.')}\\+cal\\.[0-9a-f]{8}$`));
    expect(set.hash).toBe(summary.new_lexicons.hash);
    expect(set.hash).not.toBe(base.hash);
    expect(set.rules.map((r) => r.id)).toEqual(base.rules.map((r) => r.id));
    expect(Object.keys(set.cases).sort()).toEqual(Object.keys(base.cases).sort());
    for (const c of summary.changes) {
      const rule = set.rules.find((r) => r.id === c.rule);
      if (rule) expect(rule.weight).toBe(c.new);
    }
    const failing = (x: typeof set) => checkExamples(createTagger(x)).map((f) => `${f.rule}: ${f.kind}: ${f.text}: ${f.message}`);
    const before = new Set(failing(base));
    for (const f of failing(set)) expect(before, f).toContain(f);
  });

  it('a classify run with the new version records its version and hash', async () => {
    const run = path.join(work, 'run');
    const r = await runCli(['classify', SPEECH, '--out', run, '--lexicons', path.join(out, 'lexicons'), '-q']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(run, 'run.json'), 'utf8'));
    expect(JSON.stringify(manifest)).toContain(summary.new_lexicons.hash);
    expect(JSON.stringify(manifest)).toContain(summary.new_lexicons.version);
  });

  it('lexicon diff shows the changed weights between the two versions', async () => {
    const r = await runCli(['lexicon', 'diff', BUNDLED_LEXICONS, path.join(out, 'lexicons')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(summary.new_lexicons.version);
    for (const c of summary.changes) expect(r.stdout).toContain(c.rule);
  });
});
