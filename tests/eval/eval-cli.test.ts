// spiral eval end to end, in-process, on a tiny hand-made gold file and the
// engine's mini lexicon fixture (no ../shared needed).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const work = mkdtempSync(path.join(tmpdir(), 'spiral-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GOLD_ITEMS = [
  { id: 'a', text: 'Criticism of human rights is interference in our internal affairs.', label: 'denial', country: 'KEN', year: 1991 },
  { id: 'b', text: 'The allegations of torture are completely baseless.', label: 'rhetorical_action' },
  { id: 'c', text: 'We do not deny that abuses occurred.', label: 'argumentative_concession' },
  { id: 'd', text: 'We respect human rights.', label: 'norm_acknowledgment' },
  { id: 'e', text: 'Trade grew by four per cent.', label: 'none' },
  // the mini set has no rule for this concession: one known miss
  { id: 'f', text: 'The government apologised to the families of the victims of torture.', label: 'argumentative_concession' },
];

function writeGold(name: string, items: unknown[]): string {
  const file = path.join(work, name);
  writeFileSync(file, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  return file;
}

describe('spiral eval', () => {
  const gold = writeGold('gold.jsonl', GOLD_ITEMS);

  it('prints per-label scores, macro-F1, kappa and the confusion matrix, and writes the misses into the current folder', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'spiral-eval-cwd-'));
    const run = await runCli(['eval', '--gold', gold, '--lexicons', MINI_LEXICONS], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^denial\s+1\.000\s+1\.000\s+1\.000\s+1\s+1/m);
    expect(run.stdout).toMatch(/macro-F1\s+0\.\d{3}/);
    expect(run.stdout).toMatch(/Cohen's kappa/);
    expect(run.stdout).toMatch(/gold \\ predicted/);
    // Never beside the gold file, which may be read-only shared data.
    expect(existsSync(path.join(work, 'gold.errors.jsonl'))).toBe(false);
    const errorsFile = path.join(cwd, 'gold.errors.jsonl');
    const errors = readFileSync(errorsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(errors.map((e) => e.id)).toEqual(['f']);
    expect(errors[0]).toMatchObject({ gold: 'argumentative_concession', predicted: 'none', line: 6 });
    expect(Array.isArray(errors[0].evidence)).toBe(true);
  });

  it('reports JSON with the baseline side by side, and writes errors where told', async () => {
    const errorsFile = path.join(work, 'misses.jsonl');
    const run = await runCli(['eval', '--gold', gold, '--lexicons', MINI_LEXICONS, '--json', '--baseline', '--folds', '2', '--errors', errorsFile]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.rules.n).toBe(6);
    expect(report.rules.per_label.denial.f1).toBe(1);
    expect(report.rules.confusion.argumentative_concession.none).toBe(1);
    expect(report.baseline).toMatchObject({ folds: 2, seed: 1, n: 6 });
    expect(typeof report.baseline.macro_f1).toBe('number');
    expect(report.errors_file).toBe(errorsFile);
    expect(existsSync(errorsFile)).toBe(true);
  });

  it('gives 95% intervals that resample documents, in text and JSON; none with too few documents', async () => {
    // Eight documents of the six items each; the one concession the mini set misses is missed in every document.
    const documents = writeGold(
      'documents.jsonl',
      Array.from({ length: 8 }, (_, d) => GOLD_ITEMS.map((item) => ({ ...item, id: `${item.id}${d}`, document: `speech-${d}` }))).flat(),
    );
    const run = await runCli(['eval', '--gold', documents, '--lexicons', MINI_LEXICONS, '--errors', path.join(work, 'docs.errors.jsonl')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^macro-F1\s+0\.\d{3} {2}\[0\.\d{3}, [01]\.\d{3}\]$/m);
    expect(run.stdout).toContain('95% intervals: 1000 resamples of the 8 documents');
    expect(run.stdout).toMatch(/^denial\s+\[1\.000, 1\.000\]\s+\[1\.000, 1\.000\]$/m);
    const json = await runCli(['eval', '--gold', documents, '--lexicons', MINI_LEXICONS, '--json', '--errors', path.join(work, 'docs.errors.jsonl')]);
    const report = JSON.parse(json.stdout);
    expect(report.intervals.rules).toMatchObject({ documents: 8, resamples: 1000, coverage: 0.95 });
    expect(report.intervals.rules.macro_f1.low).toBeLessThanOrEqual(report.rules.macro_f1);
    expect(report.intervals.rules.macro_f1.high).toBeGreaterThanOrEqual(report.rules.macro_f1);
    expect(report.intervals.rules.per_label.argumentative_concession.recall).toEqual({ low: 0.5, high: 0.5 });
    // The six-item gold has two documents (the metadata stand for one): no interval.
    const few = await runCli(['eval', '--gold', gold, '--lexicons', MINI_LEXICONS, '--json', '--errors', path.join(work, 'few.errors.jsonl')]);
    expect(JSON.parse(few.stdout).intervals).toBeUndefined();
  });

  it('compares another lexicon set on the same items (--compare): its figures, the paired difference and the items it changes', async () => {
    const documents = writeGold(
      'compare.jsonl',
      Array.from({ length: 8 }, (_, d) => GOLD_ITEMS.map((item) => ({ ...item, id: `${item.id}${d}`, document: `speech-${d}` }))).flat(),
    );
    // The mini set with one more rule, for the concession it misses (item f, in every document).
    const other = mkdtempSync(path.join(tmpdir(), 'spiral-eval-other-'));
    cpSync(MINI_LEXICONS, other, { recursive: true });
    const concessions = path.join(other, 'argumentative-concession.yaml');
    writeFileSync(
      concessions,
      readFileSync(concessions, 'utf8') +
        `
  - id: concession.apology
    description: An apology to victims.
    patterns: ["~apologise to ..5 victims"]
    weight: 2
    weight_evidence: test fixture
    examples:
      match: ["The State apologised to the families of the victims."]
      nomatch: ["The State apologised for the delay."]
`,
    );
    const errors = path.join(work, 'compare.errors.jsonl');
    const run = await runCli(['eval', '--gold', documents, '--lexicons', MINI_LEXICONS, '--compare', other, '--errors', errors]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`compared with ${other} (`);
    expect(run.stdout).toContain('labels changed on 8 items: 8 now right, 0 now wrong, 0 wrong either way');
    expect(run.stdout).toMatch(/^macro-F1\s+0\.\d{3}\s+1\.000\s+\+0\.\d{3} \[\+0\.\d{3}, \+0\.\d{3}\]\s+better in 100% of resamples \(8 documents\)$/m);
    const json = JSON.parse(
      (await runCli(['eval', '--gold', documents, '--lexicons', MINI_LEXICONS, '--compare', other, '--json', '--errors', errors])).stdout,
    );
    expect(json.comparison.rules.macro_f1).toBe(1);
    expect(json.comparison.changed).toEqual({ fixed: 8, broken: 0, otherwise: 0 });
    expect(json.comparison.macro_f1_difference.difference).toBeCloseTo(1 - json.rules.macro_f1, 12);
    const missing = await runCli(['eval', '--gold', documents, '--compare', path.join(work, 'no-such-set'), '--errors', errors]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-set');
    rmSync(other, { recursive: true, force: true });
  });

  it('exits 1 when --min-macro-f1 is not met, 0 when it is', async () => {
    const errors = path.join(work, 'floor.jsonl');
    const high = await runCli(['eval', '--gold', gold, '--lexicons', MINI_LEXICONS, '--min-macro-f1', '0.99', '--errors', errors]);
    expect(high.code).toBe(1);
    expect(high.stdout).toMatch(/floor: macro-F1 .* NOT met/);
    const low = await runCli(['eval', '--gold', gold, '--lexicons', MINI_LEXICONS, '--min-macro-f1', '0.5', '--errors', errors]);
    expect(low.code).toBe(0);
    expect(low.stdout).toMatch(/floor: .*: met/);
  });

  it('names file and line of a bad gold line and exits 2', async () => {
    const bad = writeGold('bad.jsonl', [GOLD_ITEMS[0], { id: 'x', text: 'Hello.', label: 'praise' }]);
    const run = await runCli(['eval', '--gold', bad, '--lexicons', MINI_LEXICONS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}:2: bad label "praise"`);
  });

  it('rejects a missing --gold and a bad floor as usage errors', async () => {
    expect((await runCli(['eval'])).code).toBe(2);
    const run = await runCli(['eval', '--gold', gold, '--min-macro-f1', '1.5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--min-macro-f1 must be a number from 0 to 1/);
  });

  it('evaluates one split, with targets and the calibration of confidence', async () => {
    const coded = writeGold('coded.jsonl', [
      { ...GOLD_ITEMS[0], target: 'self', split: 'check' },
      { ...GOLD_ITEMS[1], target: 'self', split: 'fit' },
      { ...GOLD_ITEMS[3], target: 'general', split: 'check' },
      { ...GOLD_ITEMS[4], target: 'na', split: 'check' },
    ]);
    const cwd = mkdtempSync(path.join(tmpdir(), 'spiral-eval-split-'));
    const run = await runCli(['eval', '--gold', coded, '--split', 'check', '--lexicons', MINI_LEXICONS, '--json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.split).toBe('check');
    expect(report.rules.n).toBe(3);
    expect(report.targets.given_label.n).toBe(2);
    expect(Object.keys(report.targets.given_label.confusion)).toEqual(['self', 'other', 'general', 'na']);
    expect(report.calibration.bins.reduce((n: number, b: { n: number }) => n + b.n, 0)).toBe(3);
    expect(report.calibration.ece).toBeGreaterThanOrEqual(0);
    // The check split is read as a number: its items are written only when asked.
    expect(existsSync(path.join(cwd, 'coded.check.errors.jsonl'))).toBe(false);
    expect(report.errors_file).toBeNull();
    const text = await runCli(['eval', '--gold', coded, '--split', 'check', '--lexicons', MINI_LEXICONS, '--errors', path.join(cwd, 'e.jsonl')]);
    expect(existsSync(path.join(cwd, 'e.jsonl'))).toBe(true);
    const quiet = await runCli(['eval', '--gold', coded, '--split', 'check', '--lexicons', MINI_LEXICONS], { cwd });
    expect(quiet.stdout).toContain('not written: the check split is read as a number');
    const fit = await runCli(['eval', '--gold', coded, '--split', 'fit', '--lexicons', MINI_LEXICONS, '--json'], { cwd });
    expect(JSON.parse(fit.stdout).errors_file).toBe(path.join(cwd, 'coded.fit.errors.jsonl'));
    expect(text.stdout).toContain('[split check] (3 items)');
    expect(text.stdout).toMatch(/targets of moves \(2 items with a coded target\), given the gold label/);
    expect(text.stdout).toContain('expected calibration error');
  });

  it('refuses a split the file does not have, and a bad target or split field with file:line', async () => {
    const plain = writeGold('plain.jsonl', GOLD_ITEMS);
    const none = await runCli(['eval', '--gold', plain, '--split', 'fit', '--lexicons', MINI_LEXICONS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no items with split "fit"');
    const bad = writeGold('badtarget.jsonl', [
      { ...GOLD_ITEMS[3], target: 'na' },
      { ...GOLD_ITEMS[0], split: 'train' },
    ]);
    const run = await runCli(['eval', '--gold', bad, '--lexicons', MINI_LEXICONS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}:1: target "na" with label "norm_acknowledgment"`);
    expect(run.stderr).toContain(`${bad}:2: bad split "train"`);
  });
});
