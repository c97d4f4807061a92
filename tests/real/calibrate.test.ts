// Real-data suite for calibration: calibrate the bundled lexicons on the dev
// gold set, check the new version is at least as good cross-validated, that it
// loads and passes its own examples, and that a classify run with it records
// its version and hash. Also a round trip of the bundled set through quanteda.
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
    macro_f1: { before: number; after: number };
    lexicons: { version: string; hash: string };
    new_lexicons: { version: string; hash: string };
    check: { rescoring_mismatches: unknown[]; example_failures: number; in_sample_macro_f1_before: number; in_sample_macro_f1_after: number };
    changes: Array<{ name: string; old: number; new: number }>;
  };

  beforeAll(async () => {
    const r = await runCli(['calibrate', '--gold', DEV, '--out', out]);
    stdout = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    console.log(stdout);
  });

  it('prints the diagnostics, the candidate terms and the before/after figures', () => {
    expect(stdout).toContain('rule diagnostics');
    expect(stdout).toContain('candidate terms');
    expect(stdout).toMatch(/macro-F1 \d\.\d{3} → \d\.\d{3}/);
    const candidates = JSON.parse(readFileSync(path.join(out, 'candidates.json'), 'utf8'));
    expect(Object.values(candidates).flat().length).toBeGreaterThan(0);
  });

  it('writes a version whose cross-validated macro-F1 is at least the old one', () => {
    expect(summary.macro_f1.after).toBeGreaterThanOrEqual(summary.macro_f1.before);
    expect(summary.check.in_sample_macro_f1_after).toBeGreaterThanOrEqual(summary.check.in_sample_macro_f1_before);
    // The fast re-scorer only proposes; it should agree with the tagger on nearly every item.
    expect(summary.check.rescoring_mismatches.length).toBeLessThanOrEqual(5);
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
      const rule = set.rules.find((r) => r.id === c.name);
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
    for (const c of summary.changes) expect(r.stdout).toContain(c.name);
  });
});
