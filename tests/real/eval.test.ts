// Real-data suite for the bundled lexicons: `spiral eval` on the hand-labelled
// dev set (../shared/data/gold/dev.jsonl) must meet the floors of issue 3 and
// beat the cross-validated bag-of-words baseline.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/lexicons.js';

const DEV = path.resolve(ROOT, '../shared/data/gold/dev.jsonl');
const MIN_MACRO_F1 = 0.75;
const MIN_RECALL = 0.6;
const RECALL_FLOOR_LABELS = ['denial', 'rhetorical_action', 'argumentative_concession'];

const work = mkdtempSync(path.join(tmpdir(), 'spiral-real-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(DEV))('spiral eval on the dev gold set', () => {
  const errors = path.join(work, 'dev.errors.jsonl');

  it('meets the macro-F1 and recall floors and beats the baseline', async () => {
    const run = await runCli(['eval', '--gold', DEV, '--json', '--baseline', '--min-macro-f1', String(MIN_MACRO_F1), '--errors', errors]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.rules.macro_labels).toHaveLength(5);
    expect(report.rules.macro_f1).toBeGreaterThanOrEqual(MIN_MACRO_F1);
    for (const label of RECALL_FLOOR_LABELS) {
      expect(report.rules.per_label[label].recall, label).toBeGreaterThanOrEqual(MIN_RECALL);
    }
    expect(report.rules.macro_f1).toBeGreaterThan(report.baseline.macro_f1);
    expect(report.floor_met).toBe(true);
    expect(run.code).toBe(0);
    // the errors file lists exactly the misclassified items, with their evidence
    const lines = readFileSync(errors, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(report.misclassified);
    expect(lines.length).toBe(Math.round(report.rules.n * (1 - report.rules.accuracy)));
  });
});
