// Several annotators on one run: each with a log of their own (and its lock),
// decisions carrying the annotator and the queue; `spiral review agreement`
// gives Cohen's kappa between two; `spiral review export` writes one
// annotator's gold, each line saying how it was sampled; `spiral eval
// --sampled-by random` scores on the random ones only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreement } from '../../src/review/agreement.js';
import { openReviewSession } from '../../src/review/index.js';
import { parseReviewLog } from '../../src/review/log.js';
import type { Label, TargetKind } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { writeFixtureRun, type FixtureUtterance } from '../report/run-fixture.js';

/** Ten flagged denials in one document. */
function tenFlagged(): string {
  const utterances: FixtureUtterance[] = Array.from({ length: 10 }, (_, n) => ({
    doc: 'KEN_1990.txt',
    n,
    country: 'KEN',
    year: 1990,
    text: `Statement number ${n} about the allegations.`,
    label: 'denial',
    flags: ['conflict'],
  }));
  return writeFixtureRun({ utterances });
}

// Hand-worked: labels agree on 7 of 10, chance agreement (3·2 + 2·2 + 3·3 + 1·2 + 1·1) / 100 = 0.22,
// kappa (0.7 − 0.22) / 0.78 = 0.615; targets on the 6 items both coded as a move agree on 4,
// chance (3·3 + 2·2 + 1·1) / 36, kappa (4/6 − 14/36) / (1 − 14/36) = 0.455.
const ANA: Array<[Label, TargetKind?]> = [
  ['denial', 'self'],
  ['denial', 'self'],
  ['rhetorical_action', 'other'],
  ['none'],
  ['none'],
  ['norm_acknowledgment', 'general'],
  ['argumentative_concession', 'self'],
  ['denial', 'other'],
  ['none'],
  ['rhetorical_action', 'general'],
];
const BEN: Array<[Label, TargetKind?]> = [
  ['denial', 'self'],
  ['rhetorical_action', 'other'],
  ['rhetorical_action', 'other'],
  ['none'],
  ['norm_acknowledgment', 'general'],
  ['norm_acknowledgment', 'general'],
  ['argumentative_concession', 'self'],
  ['denial', 'self'],
  ['none'],
  ['none'],
];

async function annotate(dir: string, annotator: string, decisions: Array<[Label, TargetKind?]>): Promise<void> {
  const { session, log } = await openReviewSession(dir, { annotator });
  try {
    for (const [i, [label, target]] of decisions.entries()) {
      const id = session.queue[i].id;
      await session.decide(label === 'denial' ? { id, decision: 'accept', target } : { id, decision: 'relabel', label, target });
    }
  } finally {
    await log.close();
  }
}

describe('several annotators', () => {
  it('review the same run at once, each in a log of their own; the same annotator twice is refused', async () => {
    const dir = tenFlagged();
    const ana = await openReviewSession(dir, { annotator: 'ana' });
    const ben = await openReviewSession(dir, { annotator: 'ben' });
    await expect(openReviewSession(dir, { annotator: 'ana' })).rejects.toThrow(/reviews\.ana\.jsonl.*already being reviewed|is already being reviewed/);
    await ana.session.decide({ id: ana.session.queue[0].id, decision: 'accept', target: 'self' });
    await ben.session.decide({ id: ben.session.queue[0].id, decision: 'relabel', label: 'none' });
    await ana.log.close();
    await ben.log.close();
    const anaLog = parseReviewLog(readFileSync(join(dir, 'reviews.ana.jsonl')), 'a').records;
    const benLog = parseReviewLog(readFileSync(join(dir, 'reviews.ben.jsonl')), 'b').records;
    expect(anaLog.map((r) => [r.annotator, r.label, r.target, r.sampled_by])).toEqual([['ana', 'denial', 'self', 'flagged']]);
    expect(benLog.map((r) => [r.annotator, r.label, r.target, r.sampled_by])).toEqual([['ben', 'none', 'na', 'flagged']]);
    expect(existsSync(join(dir, 'reviews.jsonl'))).toBe(false);
    // Each resumes at their own first undecided item.
    const again = await openReviewSession(dir, { annotator: 'ana' });
    expect(again.session.state()).toMatchObject({ done: 1, position: 1, annotator: 'ana' });
    await again.log.close();
  });
});

describe('spiral review agreement', () => {
  it("gives Cohen's kappa between two annotators on labels and on the targets of moves", async () => {
    const dir = tenFlagged();
    await annotate(dir, 'ana', ANA);
    await annotate(dir, 'ben', BEN);
    const r = await runCli(['review', 'agreement', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('annotators: ana, ben');
    expect(r.stdout).toContain("labels: agreement 70.0% (7 of 10), Cohen's kappa 0.615");
    expect(r.stdout).toContain("targets (items both coded as a move, with a target): 6, agreement 66.7% (4 of 6), Cohen's kappa 0.455");
    const json = JSON.parse((await runCli(['review', 'agreement', dir, '--annotators', 'ben,ana', '--json'])).stdout);
    expect(json.annotators).toEqual(['ben', 'ana']);
    expect(json.labels.kappa).toBeCloseTo(0.48 / 0.78, 10);
    expect(json.targets.kappa).toBeCloseTo((4 / 6 - 14 / 36) / (1 - 14 / 36), 10);
    expect(json.labels.confusion.norm_acknowledgment.none).toBe(1); // ben acknowledgment, ana none
  });

  it('pairs only the items both decided, leaving skips out', () => {
    const rec = (id: string, label: Label | null) => ({
      id,
      doc: 'd',
      text: id,
      proposed_label: 'denial' as const,
      decision: label === null ? ('skip' as const) : ('relabel' as const),
      label,
      timestamp: 't',
    });
    const report = agreement([rec('1', 'denial'), rec('2', null), rec('3', 'none')], [rec('1', 'denial'), rec('2', 'none'), rec('4', 'none')], ['a', 'b']);
    expect(report).toMatchObject({ onlyFirst: 1, onlySecond: 1, skipped: 1, labels: { items: 1, agreed: 1 } });
  });

  it('asks which two when the run has another number of annotators', async () => {
    const dir = tenFlagged();
    await annotate(dir, 'ana', ANA.slice(0, 2));
    const one = await runCli(['review', 'agreement', dir]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('holds the decisions of 1 annotator (ana): name two with --annotators A,B');
    const unknown = await runCli(['review', 'agreement', dir, '--annotators', 'ana,zoe']);
    expect(unknown.stderr).toContain('no decisions of annotator "zoe"');
  });
});

describe('spiral review export, and eval --sampled-by', () => {
  it("writes one annotator's gold with sampled_by and annotator; an item drawn at random stays random", async () => {
    const dir = tenFlagged();
    await annotate(dir, 'ben', BEN.slice(0, 3));
    // ana: three items of the random queue, then one of them relabelled in the flagged queue.
    const random = await openReviewSession(dir, { annotator: 'ana', strategy: { kind: 'random', seed: 5 }, size: 3 });
    const drawn = random.session.queue.map((i) => i.id);
    for (const id of drawn) await random.session.decide({ id, decision: 'relabel', label: 'none' });
    await random.log.close();
    const flagged = await openReviewSession(dir, { annotator: 'ana' });
    expect(flagged.session.state().done).toBe(0);
    expect(flagged.session.decisionElsewhere(drawn[0])).toMatchObject({ sampled_by: 'random' });
    await flagged.session.decide({ id: drawn[0], decision: 'accept', target: 'self' });
    const other = flagged.session.queue.find((i) => !drawn.includes(i.id))!.id;
    await flagged.session.decide({ id: other, decision: 'accept', target: 'general' });
    await flagged.log.close();

    const out = join(dir, 'ana.jsonl');
    const both = await runCli(['review', 'export', dir, '--out', out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('holds the decisions of 2 annotators (ana, ben): export one at a time with --annotator NAME');
    const r = await runCli(['review', 'export', dir, '--out', out, '--annotator', 'ana']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ana: 4 decisions written, 0 skipped utterances left out\n');
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get(drawn[0])).toMatchObject({ label: 'denial', target: 'self', sampled_by: 'random', annotator: 'ana' });
    expect(byId.get(drawn[1])).toMatchObject({ label: 'none', target: 'na', sampled_by: 'random' });
    expect(byId.get(other)).toMatchObject({ label: 'denial', target: 'general', sampled_by: 'flagged' });

    const evalRandom = await runCli(['eval', '--gold', out, '--sampled-by', 'random', '--lexicons', MINI_LEXICONS, '--errors', join(dir, 'e.jsonl')]);
    expect(evalRandom.code).toBe(0);
    expect(evalRandom.stderr).toContain('evaluating the 3 of 4 items sampled by random');
    const none = await runCli(['eval', '--gold', out, '--sampled-by', 'uncertainty', '--lexicons', MINI_LEXICONS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no items with sampled_by "uncertainty"');
  });
});
