// The queue strategies of spiral review: flagged (as before), uncertainty
// (lowest confidence margin first), random (seeded, order-free, a prefix of a
// larger draw), by rule, and by key words (match:, the recall sample).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { openReviewSession } from '../../src/review/index.js';
import { confidenceMargin } from '../../src/review/margin.js';
import { isSampledBy } from '../../src/review/log.js';
import { closedMoves, drawKey, loadQueue, sampledByOfStrategy, type QueueSpec } from '../../src/review/queue.js';
import { itemsSampledBy, type GoldItem } from '../../src/eval/gold.js';
import type { Label } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { defaultRunJson, utteranceRecord, writeFixtureRun, type FixtureUtterance } from '../report/run-fixture.js';

const mini = loadLexiconSet(MINI_LEXICONS);
const layer = mini.model.moves;

interface Line extends FixtureUtterance {
  confidence?: number;
  scores?: Record<string, number> | null;
}

/** A run whose lines carry the given confidence and scores, tagged (says run.json) with the mini set. */
function run(lines: Line[], order: (l: Line[]) => Line[] = (l) => l): string {
  const dir = writeFixtureRun({
    utterances: lines,
    runJson: { ...defaultRunJson(), lexicon: { name: mini.name, version: mini.version, hash: mini.hash, dir: MINI_LEXICONS } },
  });
  const records = order(lines).map((l) => {
    const r = utteranceRecord(l);
    if (l.confidence !== undefined) r.confidence = l.confidence;
    if (l.scores === null) delete r.scores;
    else if (l.scores) r.scores = l.scores;
    return JSON.stringify(r) + '\n';
  });
  writeFileSync(join(dir, 'utterances.jsonl'), records.join(''));
  return dir;
}

const scores = (denial: number, rhetorical = 0) => ({ denial, rhetorical_action: rhetorical, argumentative_concession: 0, norm_acknowledgment: 0 });

/**
 * Lines as the tagger would write them: label the most probable, confidence its
 * softmax probability. Every fifth line has a denial rule of its own, every
 * second a rhetorical one; a rejecting move without one is closed to the tagger
 * (tag/model.ts, MOVES_NEEDING_A_RULE).
 */
function lines(n: number): Line[] {
  return Array.from({ length: n }, (_, i) => {
    const sc = scores(((i * 13) % 7) / 2, ((i * 7) % 5) / 2);
    const evidence = [
      ...(i % 5 === 0 ? [{ rule: 'denial.internal-affairs', category: 'denial' as const, weight: 1, start: 0, end: 8 }] : []),
      ...(i % 2 === 0 ? [{ rule: 'rhetorical.baseless', category: 'rhetorical_action' as const, weight: 1, start: 0, end: 8 }] : []),
    ];
    const open = (label: Label) => evidence.some((e) => e.category === label);
    const logits: Record<Label, number> = {
      denial: open('denial') ? sc.denial + layer.bias.denial : -Infinity,
      rhetorical_action: open('rhetorical_action') ? sc.rhetorical_action + layer.bias.rhetorical_action : -Infinity,
      argumentative_concession: layer.bias.argumentative_concession,
      norm_acknowledgment: layer.bias.norm_acknowledgment,
      none: layer.bias.none + ((i * 11) % 6) / 2,
    };
    const top = Math.max(...Object.values(logits));
    const total = Object.values(logits).reduce((t, l) => t + Math.exp(l - top), 0);
    const label = (Object.keys(logits) as Label[]).reduce((a, b) => (logits[b] > logits[a] ? b : a));
    return {
      doc: `D${i % 3}.txt`,
      n: Math.floor(i / 3),
      text: `sentence ${i}`,
      label,
      confidence: Math.round((Math.exp(logits[label] - top) / total) * 1e6) / 1e6,
      scores: sc,
      flags: i % 4 === 0 ? ['conflict' as const] : [],
      evidence,
    };
  });
}

const load = async (dir: string, spec: QueueSpec) => (await loadQueue(join(dir, 'utterances.jsonl'), spec)).items;

describe('the uncertainty queue', () => {
  it('orders by confidence margin, lowest first, and keeps the --size lowest', async () => {
    const all = lines(30);
    const dir = run(all);
    const margins = all.map((l) =>
      confidenceMargin({ label: l.label!, confidence: l.confidence!, scores: l.scores!, upr: false, closed: closedMoves(l) }, layer)!,
    );
    const expected = all
      .map((l, i) => ({ id: `${l.doc}:${l.n}`, doc: l.doc, n: l.n, margin: margins[i] }))
      // Ties (equal margins) go by document and position, as the queue breaks them.
      .sort((a, b) => a.margin - b.margin || (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.n - b.n))
      .slice(0, 8);
    const items = await load(dir, { strategy: { kind: 'uncertainty' }, size: 8, layer });
    expect(items.map((i) => i.id)).toEqual(expected.map((e) => e.id));
    for (const [k, item] of items.entries()) expect(item.margin).toBeCloseTo(expected[k].margin, 12);
    expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Context comes with every item, whichever it is.
    expect(items.every((i) => i.before.length + i.after.length > 0)).toBe(true);
  });

  it('leaves out, and says so, lines it cannot compute a margin for', async () => {
    const all = lines(6);
    all[2].scores = null;
    const { items, warnings } = await loadQueue(join(run(all), 'utterances.jsonl'), { strategy: { kind: 'uncertainty' }, layer });
    expect(items).toHaveLength(5);
    expect(warnings).toEqual([expect.stringContaining('1 utterances have no confidence or scores to compute a margin from')]);
  });

  it('uses the lexicon set run.json names, and refuses one with another hash', async () => {
    const dir = run(lines(10));
    const opened = await openReviewSession(dir, { strategy: { kind: 'uncertainty' }, size: 4 });
    expect(opened.layerSource).toContain(MINI_LEXICONS);
    expect(opened.session.queue.map((i) => i.margin)).toEqual([...opened.session.queue.map((i) => i.margin!)].sort((a, b) => a - b));
    await opened.log.close();
    const other = writeFixtureRun({
      utterances: lines(3),
      runJson: { ...defaultRunJson(), lexicon: { name: 'x', version: '1', hash: 'f'.repeat(64), dir: MINI_LEXICONS } },
    });
    await expect(openReviewSession(other, { strategy: { kind: 'uncertainty' } })).rejects.toThrow(
      /the run was tagged with lexicon set x 1 \(sha256 ffffffffffff\); .* holds mini 1 .*give that set with --lexicons DIR/,
    );
  });
});

describe('the random queue', () => {
  it('draws by the hash of seed and id: the same for a seed, whatever the order of the file', async () => {
    const all = lines(40);
    const a = await load(run(all), { strategy: { kind: 'random', seed: 3 }, size: 10 });
    const shuffled = await load(
      run(all, (l) => [...l].reverse()),
      { strategy: { kind: 'random', seed: 3 }, size: 10 },
    );
    expect(shuffled.map((i) => i.id)).toEqual(a.map((i) => i.id));
    const keys = a.map((i) => drawKey(3, i.id));
    expect(keys).toEqual([...keys].sort((x, y) => x - y));
    const other = await load(run(all), { strategy: { kind: 'random', seed: 4 }, size: 10 });
    expect(other.map((i) => i.id)).not.toEqual(a.map((i) => i.id));
  });

  it('is a prefix of a larger draw, so any first k items are a uniform sample', async () => {
    const dir = run(lines(40));
    const small = await load(dir, { strategy: { kind: 'random', seed: 1 }, size: 5 });
    const large = await load(dir, { strategy: { kind: 'random', seed: 1 }, size: 25 });
    expect(large.slice(0, 5).map((i) => i.id)).toEqual(small.map((i) => i.id));
    // Flags play no part: flagged and unflagged utterances alike.
    expect(new Set(large.map((i) => i.flags.length > 0)).size).toBe(2);
  });
});

describe('the flagged and rule queues', () => {
  it('flagged: every flagged utterance, by country, year, document, position', async () => {
    const items = await load(run(lines(12)), { strategy: { kind: 'flagged' } });
    expect(items.map((i) => i.id)).toEqual(['D0.txt:0', 'D1.txt:1', 'D2.txt:2']);
  });

  it('rule: the utterances whose evidence holds the rule; an unknown rule is an error', async () => {
    const dir = run(lines(12));
    expect((await load(dir, { strategy: { kind: 'rule', rule: 'denial.internal-affairs' } })).map((i) => i.id)).toEqual(['D0.txt:0', 'D1.txt:3', 'D2.txt:1']);
    await expect(load(dir, { strategy: { kind: 'rule', rule: 'denial.nope' } })).rejects.toThrow('no utterance of the run has evidence of rule "denial.nope"');
  });
});

/** Sentences with and without rejecting cue words, each labelled as a tagger might have. */
const CUE_LINES: Line[] = [
  ['The accusations against my country are baseless.', 'rhetorical_action'],
  ['We reject the allegations of torture made by certain circles.', 'norm_acknowledgment'],
  ['They keep accusing us of violating the rights of migrants.', 'none'],
  ['The slander campaign will not deter us.', 'none'],
  ['We welcome the report of the Special Rapporteur.', 'argumentative_concession'],
  ['Trade and development remain our priorities.', 'none'],
  ['Internal affairs of States are their own concern.', 'denial'],
  ['He was accused of nothing.', 'none'],
  ['The accused were released.', 'norm_acknowledgment'],
  ['Our internal affairs are ours alone to settle.', 'none'],
].map(([text, label], i) => ({ doc: `C${i % 2}.txt`, n: Math.floor(i / 2), text, label: label as Label, flags: [], evidence: [] }));

const idOf = (text: string) => {
  const i = CUE_LINES.findIndex((l) => l.text === text);
  return `${CUE_LINES[i].doc}:${CUE_LINES[i].n}`;
};

describe('the match queue (a recall sample)', () => {
  const spec = (patterns: string, without: Label[] = [], seed = 1, size?: number): QueueSpec => ({
    strategy: { kind: 'match', patterns, seed, without },
    ...(size !== undefined ? { size } : {}),
  });

  it('takes the utterances matching any alternative (words, globs, phrases), drawn by the hash of seed and id', async () => {
    const items = await load(run(CUE_LINES), spec('accus*|allegation?|internal affairs'));
    expect(new Set(items.map((i) => i.id))).toEqual(
      new Set(
        [
          'The accusations against my country are baseless.',
          'We reject the allegations of torture made by certain circles.',
          'They keep accusing us of violating the rights of migrants.',
          'Internal affairs of States are their own concern.',
          'He was accused of nothing.',
          'The accused were released.',
          'Our internal affairs are ours alone to settle.',
        ].map(idOf),
      ),
    );
    const keys = items.map((i) => drawKey(1, i.id));
    expect(keys).toEqual([...keys].sort((x, y) => x - y));
    const reversed = await load(
      run(CUE_LINES, (l) => [...l].reverse()),
      spec('accus*|allegation?|internal affairs'),
    );
    expect(reversed.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(items.every((i) => i.before.length + i.after.length > 0)).toBe(true);
  });

  it('leaves out the labels given: what the tagger did not call a rejecting move', async () => {
    const items = await load(run(CUE_LINES), spec('accus*|allegation*|slander|internal affairs', ['denial', 'rhetorical_action']));
    const texts = items.map((i) => i.text);
    expect(texts).toHaveLength(6);
    expect(texts).not.toContain('The accusations against my country are baseless.');
    expect(texts).not.toContain('Internal affairs of States are their own concern.');
    expect(texts).toContain('The slander campaign will not deter us.');
    expect(items.every((i) => i.label !== 'denial' && i.label !== 'rhetorical_action')).toBe(true);
  });

  it('keeps --size, as a prefix of a larger draw', async () => {
    const dir = run(CUE_LINES);
    const small = await load(dir, spec('accus*|allegation*|internal affairs', [], 7, 2));
    const large = await load(dir, spec('accus*|allegation*|internal affairs', [], 7));
    expect(small).toHaveLength(2);
    expect(large.slice(0, 2).map((i) => i.id)).toEqual(small.map((i) => i.id));
  });

  it('says so when nothing matches, and when an alternative has no word', async () => {
    const dir = run(CUE_LINES);
    await expect(load(dir, spec('calumn*', ['none']))).rejects.toThrow('no utterance of the run matches "calumn*" outside none');
    await expect(load(dir, spec('accus*| '))).rejects.toThrow('an alternative has no word');
  });

  it('records the queue and its seed with every decision', async () => {
    const dir = run(CUE_LINES);
    const opened = await openReviewSession(dir, { strategy: { kind: 'match', patterns: 'accus*', seed: 9, without: ['rhetorical_action'] } });
    expect(opened.session.state().queue).toBe('match:accus* not:rhetorical_action');
    const first = opened.session.queue[0];
    await opened.session.decide({ id: first.id, decision: 'relabel', label: 'rhetorical_action', target: 'self' });
    await opened.log.close();
    const logged = readFileSync(join(dir, 'reviews.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ id: first.id, sampled_by: 'match:accus* not:rhetorical_action', seed: 9, label: 'rhetorical_action' })]);
  });

  it('marks its decisions match:<patterns> (not:<labels>), which export keeps and eval --sampled-by match selects', () => {
    const how = sampledByOfStrategy({ kind: 'match', patterns: 'accus*|internal affairs', seed: 1, without: ['denial', 'rhetorical_action'] });
    expect(how).toBe('match:accus*|internal affairs not:denial,rhetorical_action');
    expect(isSampledBy(how)).toBe(true);
    expect(sampledByOfStrategy({ kind: 'match', patterns: 'slander', seed: 1, without: [] })).toBe('match:slander');
    const item = (id: string, sampledBy: string): GoldItem => ({ id, text: id, label: 'none', meta: { sampledBy } }) as GoldItem;
    const gold = [item('a', how), item('b', 'random'), item('c', 'match:slander'), item('d', 'rule:x.y')];
    expect(itemsSampledBy(gold, 'match').map((i) => i.id)).toEqual(['a', 'c']);
    expect(itemsSampledBy(gold, 'match:slander').map((i) => i.id)).toEqual(['c']);
  });
});

describe('spiral review --queue (CLI)', () => {
  it.each([
    [['--queue', 'bogus'], '--queue must be one of flagged, uncertainty, random, rule:<id>, match:<words|words>'],
    [['--queue', 'rule'], '--queue rule needs the rule: --queue rule:RULE_ID'],
    [['--seed', '3'], '--seed is for --queue random or match'],
    [['--queue', 'match'], '--queue match needs its key words'],
    [['--queue', 'match:accus*||slander'], '--queue match: wants key-word patterns joined by |'],
    [['--queue', 'random', '--not-label', 'none'], '--not-label is for --queue match:PATTERNS'],
    [['--queue', 'match:accus*', '--not-label', 'denial,rejection'], '--not-label wants labels separated by commas'],
    [['--queue', 'random', '--size', '0'], '--size must be a whole number ≥ 1'],
    [['--annotator', '../x'], '--annotator "../x": a name of letters, digits'],
    [['--queue', 'uncertainty', '--rule', 'a.b'], '--rule a.b goes with --queue rule'],
  ])('refuses %j', async (args, message) => {
    const r = await runCli(['review', run(lines(4)), '--port', '0', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
