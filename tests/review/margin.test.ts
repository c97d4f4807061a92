// The uncertainty queue's margin, reconstructed from an utterance line and the
// run's decision layer, checked against what the tagger itself decided on the
// sample corpus: the most probable label is the label, and the conflict flag
// is raised exactly where the runner-up move reaches conflict_ratio of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import { confidenceMargin, labelProbabilities, runnerUp, type DecisionLayer } from '../../src/review/margin.js';
import { closedMoves, marginOfLine } from '../../src/review/queue.js';
import { isUprVenue } from '../../src/tag/tagger.js';
import { LABELS } from '../../src/types.js';
import { cleanTempDirs, tempDir } from '../calibrate/fixtures.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, ROOT } from '../helpers/lexicons.js';

afterAll(cleanTempDirs);

const FLAT: DecisionLayer = {
  bias: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, none: 0 },
  upr_bias: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, none: 0 },
  temperature: 1,
};

describe('confidenceMargin', () => {
  it('solves none from the confidence and gives p(label) − p(runner-up)', () => {
    // Moves' logits 2, 1, 0, 0 and none's x with softmax p(denial) = 0.5: e² / (e² + e + 2 + eˣ) = 0.5.
    const scores = { denial: 2, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 0 };
    const p = labelProbabilities({ label: 'denial', confidence: 0.5, scores, upr: false }, FLAT)!;
    expect(p.denial).toBeCloseTo(0.5, 10);
    expect(LABELS.reduce((s, l) => s + p[l], 0)).toBeCloseTo(1, 10);
    expect(p.rhetorical_action).toBeCloseTo(Math.exp(1) / (2 * Math.exp(2)), 10);
    expect(p.none).toBeCloseTo(0.5 - (Math.exp(1) + 2) / (2 * Math.exp(2)), 10);
    expect(runnerUp(p, 'denial')).toBe('rhetorical_action');
    expect(confidenceMargin({ label: 'denial', confidence: 0.5, scores, upr: false }, FLAT)).toBeCloseTo(0.5 - p.rhetorical_action, 10);
  });

  it('for none, the moves share what the confidence leaves', () => {
    const scores = { denial: 1, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 };
    const p = labelProbabilities({ label: 'none', confidence: 0.9, scores, upr: false }, FLAT)!;
    expect(p.none).toBeCloseTo(0.9, 10);
    expect(p.denial).toBeCloseTo((0.1 * Math.exp(1)) / (Math.exp(1) + 3), 10);
  });

  it('gives a closed move (no rule of its own fired) probability 0, the others sharing what it leaves', () => {
    const scores = { denial: 3, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 0 };
    const p = labelProbabilities({ label: 'rhetorical_action', confidence: 0.5, scores, upr: false, closed: ['denial'] }, FLAT)!;
    expect(p.denial).toBe(0);
    expect(p.rhetorical_action).toBeCloseTo(0.5, 10);
    expect(LABELS.reduce((s, l) => s + p[l], 0)).toBeCloseTo(1, 10);
    expect(runnerUp(p, 'rhetorical_action')).not.toBe('denial');
    expect(
      closedMoves({
        evidence: [
          { rule: 'denial.x', category: 'denial', weight: 0 },
          { rule: 'rhetorical.y', category: 'rhetorical_action', weight: 1.2 },
        ],
      }),
    ).toEqual(['denial']);
  });

  it('uses the UPR bias and the temperature, and gives null without confidence or scores', () => {
    const layer = { ...FLAT, upr_bias: { ...FLAT.upr_bias, argumentative_concession: 3 }, temperature: 2 };
    const scores = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 };
    const upr = labelProbabilities({ label: 'argumentative_concession', confidence: 0.6, scores, upr: true }, layer)!;
    expect(upr.denial / upr.argumentative_concession).toBeCloseTo(Math.exp(-3 / 2), 10);
    expect(confidenceMargin({ label: 'denial', confidence: null, scores, upr: false }, FLAT)).toBeNull();
    expect(confidenceMargin({ label: 'denial', confidence: 0.5, scores: null, upr: false }, FLAT)).toBeNull();
  });
});

describe('margins of the sample corpus, against the tagger', () => {
  const set = loadLexiconSet(BUNDLED_LEXICONS);
  let lines: Array<{ raw: Record<string, unknown>; u: ReturnType<typeof readUtteranceLine> }> = [];

  beforeAll(async () => {
    const run = path.join(tempDir('spiral-margin-'), 'run');
    const r = await runCli(['classify', path.join(ROOT, 'corpus', 'sample'), '--out', run, '-q', '--workers', '1']);
    expect(r.code).toBe(0);
    lines = readFileSync(path.join(run, 'utterances.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const raw = JSON.parse(l) as Record<string, unknown>;
        return { raw, u: readUtteranceLine(raw) };
      });
  }, 120_000);

  it('puts the highest probability on the label and raises conflict where the runner-up move comes within conflict_ratio', () => {
    expect(lines.length).toBeGreaterThan(200);
    const ratio = set.scoring.conflict_ratio;
    let conflicts = 0;
    for (const { raw, u } of lines) {
      const scores = raw.scores as Record<string, number>;
      const p = labelProbabilities(
        { label: u.label, confidence: u.confidence, scores, upr: isUprVenue(u.venue ?? undefined), closed: closedMoves(raw) },
        set.model.moves,
      )!;
      expect(p, u.id).not.toBeNull();
      const second = runnerUp(p, u.label);
      expect(p[u.label], u.id).toBeGreaterThanOrEqual(p[second] - 1e-6);
      expect(p[u.label], u.id).toBeCloseTo(u.confidence!, 5);
      const conflict = u.label !== 'none' && second !== 'none' && p[second] >= ratio * p[u.label];
      // Away from the threshold (where the line's rounding could tip it), the flag says the same.
      if (Math.abs(p[second] - ratio * p[u.label]) > 1e-4) expect(u.flags.includes('conflict'), u.id).toBe(conflict);
      if (conflict) conflicts++;
      const margin = marginOfLine(u, raw, set.model.moves)!;
      expect(margin).toBeGreaterThanOrEqual(0);
      expect(margin).toBeLessThanOrEqual(1);
    }
    expect(conflicts).toBeGreaterThanOrEqual(5); // the sample has five conflict-flagged utterances
  });
});
