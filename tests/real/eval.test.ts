// Real-data suite for the bundled lexicons on the dev gold (../shared/data/gold/dev.jsonl):
// the check split is the figure we report (the rules were written from fit items
// only), with floors that keep today's accuracy from slipping; the fitted numbers
// in lexicons/ are reproduced by `spiral calibrate` from the gold they name; the
// project's coded references resolve to the texts they were coded on.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, ROOT } from '../helpers/lexicons.js';

const DEV = path.resolve(ROOT, '../shared/data/gold/dev.jsonl');
const CODED_REFS = path.join(ROOT, 'corpus/gold/coded.jsonl');
/**
 * Floors on the check split, a little under what lexicon sets 0.5.9 to 0.5.24 measure
 * (macro-F1 0.595-0.638, target macro-F1 given the label 0.785-0.799; issue 12 asks for 0.75,
 * which the set does not reach: see docs/calibration.md). They catch a regression;
 * they are not the goal.
 */
const CHECK_MIN_MACRO_F1 = 0.58;
const CHECK_MIN_TARGET_MACRO_F1 = 0.74;
/** calibrate with its default three fold draws, as the bundled set was fitted. */
const REPRODUCE_TIMEOUT_MS = 30 * 60 * 1000;
/** The confidence is calibrated on cross-validated scores: its expected calibration error stays small on check. */
const CHECK_MAX_ECE = 0.08;

const work = mkdtempSync(path.join(tmpdir(), 'spiral-real-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(DEV))('spiral eval on the dev gold, check split', () => {
  it('meets the regression floors, beats the bag-of-words baseline and writes the misses', async () => {
    const errors = path.join(work, 'check.errors.jsonl');
    const run = await runCli([
      'eval',
      '--gold',
      DEV,
      '--split',
      'check',
      '--json',
      '--baseline',
      '--min-macro-f1',
      String(CHECK_MIN_MACRO_F1),
      '--errors',
      errors,
    ]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.split).toBe('check');
    expect(report.rules.n).toBe(358);
    expect(report.rules.macro_labels).toHaveLength(5);
    expect(report.rules.macro_f1).toBeGreaterThanOrEqual(CHECK_MIN_MACRO_F1);
    expect(report.rules.macro_f1).toBeGreaterThan(report.baseline.macro_f1);
    expect(report.targets.given_label.macro_f1).toBeGreaterThanOrEqual(CHECK_MIN_TARGET_MACRO_F1);
    expect(report.calibration.ece).toBeLessThanOrEqual(CHECK_MAX_ECE);
    expect(run.code).toBe(0);
    // The errors file lists every item whose label or target is wrong, with its evidence.
    const lines = readFileSync(errors, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(report.misclassified);
    expect(lines.length).toBeGreaterThanOrEqual(Math.round(report.rules.n * (1 - report.rules.accuracy)));
  });

  it('flags as low_confidence the items most often wrong', async () => {
    const run = await runCli(['eval', '--gold', DEV, '--split', 'check', '--json', '--errors', path.join(work, 'c2.jsonl')]);
    const { calibration } = JSON.parse(run.stdout);
    expect(calibration.low_confidence.accuracy).toBeLessThan(calibration.other.accuracy);
  });
});

/**
 * `--setting` and `--target-setting` as the bundled model.yaml records them when
 * a setting was given rather than chosen from the grid (its `method` says
 * which): the same call reproduces the files.
 */
function givenSetting(): string[] {
  const model = readFileSync(path.join(BUNDLED_LEXICONS, 'model.yaml'), 'utf8');
  const flags: string[] = [];
  if (model.includes('moves setting given (--setting)')) {
    const m = /moves_setting: \{ rule_l2: ([\d.]+), term_l1: ([\d.]+|null), class_weight_power: ([\d.]+) \}/.exec(model);
    if (!m) throw new Error('model.yaml: moves_setting not found');
    flags.push('--setting', `${m[1]},${m[2] === 'null' ? 'none' : m[2]},${m[3]}`);
  }
  if (model.includes('targets setting given (--target-setting)')) {
    const t = /targets_setting: \{ context_weight: ([\d.]+), rule_l2: ([\d.]+) \}/.exec(model);
    if (!t) throw new Error('model.yaml: targets_setting not found');
    flags.push('--target-setting', `${t[1]},${t[2]}`);
  }
  return flags;
}

describe.skipIf(!existsSync(DEV))("the project's coded references and the fitted numbers", () => {
  const resolved = path.join(work, 'coded.jsonl');

  it('resolve every coded item to the text it was coded on (sha256 checked)', () => {
    execFileSync('node', [path.join(ROOT, 'scripts/resolve-coded.mjs'), '--out', resolved], { stdio: 'pipe' });
    const refs = readFileSync(CODED_REFS, 'utf8').split('\n').filter(Boolean);
    const items = readFileSync(resolved, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; text: string; split: string });
    expect(items).toHaveLength(refs.length);
    expect(items.every((i) => i.split === 'fit' && i.id.startsWith('coded-'))).toBe(true);
    const first = JSON.parse(refs[0]) as { text_sha256: string };
    expect(createHash('sha256').update(items[0].text).digest('hex')).toBe(first.text_sha256);
  });

  it(
    'are reproduced by spiral calibrate on the fit split of the gold they name',
    async () => {
      const out = path.join(work, 'calibrated');
      const run = await runCli(['calibrate', '--gold', DEV, '--gold', resolved, '--split', 'fit', '--out', out, ...givenSetting()]);
      expect(run.code).toBe(0);
      for (const file of readdirSync(BUNDLED_LEXICONS).filter((f) => f.endsWith('.yaml') && f !== 'lexicon.yaml')) {
        expect(readFileSync(path.join(out, 'lexicons', file), 'utf8'), file).toBe(readFileSync(path.join(BUNDLED_LEXICONS, file), 'utf8'));
      }
      // Three fold draws (the default) over the whole grid take about 7 minutes on a quiet 2-core machine, more beside
      // other work; at a given setting about one.
    },
    REPRODUCE_TIMEOUT_MS,
  );
});
