import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readUtteranceLine } from '../../src/run/lines.js';
import type { ReviewRecord } from '../../src/review/log.js';
import { QueueBuilder, type QueueItem } from '../../src/review/queue.js';
import { DecisionRejected, parseDecisionInput, ReviewSession, type DecisionSink } from '../../src/review/session.js';
import { utteranceRecord, type FixtureUtterance } from '../report/run-fixture.js';

function queueOf(utterances: FixtureUtterance[], context = 2): QueueItem[] {
  const builder = new QueueBuilder(context);
  for (const u of utterances) builder.add(readUtteranceLine(utteranceRecord(u)));
  return builder.finish();
}

function doc(name: string, country: string, year: number, flagged: number[], size = 6): FixtureUtterance[] {
  return Array.from({ length: size }, (_, n) => ({
    doc: name,
    n,
    country,
    year,
    text: `${name} s${n}`,
    label: 'denial' as const,
    flags: flagged.includes(n) ? (['conflict'] as const).slice() : [],
  }));
}

class MemorySink implements DecisionSink {
  records: ReviewRecord[] = [];
  async append(r: ReviewRecord): Promise<void> {
    this.records.push(r);
  }
}

function clock(): () => Date {
  let t = Date.UTC(2024, 0, 1);
  return () => new Date((t += 1000));
}

describe('review queue', () => {
  it('holds only flagged utterances, ordered by country, year, document and position', () => {
    const queue = queueOf([...doc('b.txt', 'KEN', 1991, [4, 1]), ...doc('a.txt', 'KEN', 1991, [3]), ...doc('z.txt', 'CHL', 2000, [0])]);
    expect(queue.map((i) => [i.index, i.id])).toEqual([
      [0, 'z.txt:0'],
      [1, 'a.txt:3'],
      [2, 'b.txt:1'],
      [3, 'b.txt:4'],
    ]);
  });

  it('gives each item the sentences around it in the same document only', () => {
    const queue = queueOf([...doc('a.txt', 'KEN', 1991, [0, 3, 5]), ...doc('b.txt', 'KEN', 1992, [])]);
    const byId = new Map(queue.map((i) => [i.id, i]));
    expect(byId.get('a.txt:0')).toMatchObject({ before: [], after: ['a.txt s1', 'a.txt s2'] });
    expect(byId.get('a.txt:3')).toMatchObject({ before: ['a.txt s1', 'a.txt s2'], after: ['a.txt s4', 'a.txt s5'] });
    expect(byId.get('a.txt:5')).toMatchObject({ before: ['a.txt s3', 'a.txt s4'], after: [] });
  });

  it('finds context by doc and n even when lines arrive out of order', () => {
    const lines = doc('a.txt', 'KEN', 1991, [2]);
    const shuffled = [lines[4], lines[2], lines[0], ...doc('b.txt', 'KEN', 1991, []), lines[3], lines[1], lines[5]];
    const [item] = queueOf(shuffled);
    expect(item).toMatchObject({ id: 'a.txt:2', before: ['a.txt s0', 'a.txt s1'], after: ['a.txt s3', 'a.txt s4'] });
  });
});

describe('review session', () => {
  const queue = queueOf(doc('a.txt', 'KEN', 1991, [0, 1, 2, 3]));

  it('records accept, relabel and skip with the injected clock and moves to the next undecided item', async () => {
    const sink = new MemorySink();
    const session = new ReviewSession(queue, [], sink, { now: clock(), annotator: 'ana' });
    const first = await session.decide({ id: 'a.txt:0', decision: 'accept' });
    expect(first.record).toEqual({
      id: 'a.txt:0',
      doc: 'a.txt',
      text: 'a.txt s0',
      text_sha256: createHash('sha256').update('a.txt s0').digest('hex'),
      start: 0,
      end: 8,
      proposed_label: 'denial',
      decision: 'accept',
      label: 'denial',
      target: null, // the fixture's lines carry no target
      annotator: 'ana',
      sampled_by: 'flagged',
      country: 'KEN',
      year: 1991,
      timestamp: '2024-01-01T00:00:01.000Z',
    });
    expect(first.next).toBe(1);
    const second = await session.decide({ id: 'a.txt:1', decision: 'relabel', label: 'none', note: 'procedural' });
    expect(second.record).toMatchObject({ decision: 'relabel', label: 'none', note: 'procedural', timestamp: '2024-01-01T00:00:02.000Z' });
    const third = await session.decide({ id: 'a.txt:3', decision: 'skip' });
    expect(third.record).toMatchObject({ decision: 'skip', label: null });
    expect(third.next).toBe(2); // wraps round to the one left
    expect(third.state).toEqual({
      total: 4,
      done: 3,
      position: 2,
      counts: { accept: 1, relabel: 1, skip: 1 },
      outside: 0,
      orphaned: 0,
      annotator: 'ana',
      queue: 'flagged',
    });
    expect(sink.records).toHaveLength(3);
  });

  it('records a relabel to the proposed label as an acceptance', async () => {
    const session = new ReviewSession(queue, [], new MemorySink(), { now: clock() });
    const { record } = await session.decide({ id: 'a.txt:0', decision: 'relabel', label: 'denial' });
    expect(record).toMatchObject({ decision: 'accept', label: 'denial' });
  });

  it('resumes at the first undecided item from earlier records; the latest record wins', async () => {
    const sink = new MemorySink();
    const first = new ReviewSession(queue, [], sink, { now: clock() });
    await first.decide({ id: 'a.txt:0', decision: 'accept' });
    await first.decide({ id: 'a.txt:1', decision: 'skip' });
    await first.decide({ id: 'a.txt:1', decision: 'relabel', label: 'rhetorical_action' });
    const resumed = new ReviewSession(queue, [...sink.records, { ...sink.records[0], id: 'gone:9' }], new MemorySink());
    expect(resumed.state()).toEqual({
      total: 4,
      done: 2,
      position: 2,
      counts: { accept: 1, relabel: 1, skip: 0 },
      outside: 1,
      orphaned: 0,
      annotator: null,
      queue: 'flagged',
    });
    expect(resumed.decisionFor('a.txt:1')).toMatchObject({ decision: 'relabel', label: 'rhetorical_action' });
  });

  it('changes nothing when the log refuses the write', async () => {
    const session = new ReviewSession(queue, [], { append: () => Promise.reject(new Error('disk full')) });
    await expect(session.decide({ id: 'a.txt:0', decision: 'accept' })).rejects.toThrow('disk full');
    expect(session.state().done).toBe(0);
    expect(session.decisionFor('a.txt:0')).toBeNull();
  });

  it('counts a decision only once the write has finished', async () => {
    let release: () => void = () => {};
    const session = new ReviewSession(queue, [], { append: () => new Promise<void>((r) => (release = r)) });
    const pending = session.decide({ id: 'a.txt:0', decision: 'accept' });
    await Promise.resolve();
    expect(session.state().done).toBe(0);
    release();
    await pending;
    expect(session.state().done).toBe(1);
  });

  it('records the target: chosen for a move, the proposed one when accepted as proposed, na with none', async () => {
    const withTargets = queue.map((item) => ({ ...item, target: 'self' as const }));
    const session = new ReviewSession(withTargets, [], new MemorySink(), { now: clock() });
    expect((await session.decide({ id: 'a.txt:0', decision: 'accept' })).record).toMatchObject({ target: 'self', proposed_target: 'self' });
    expect((await session.decide({ id: 'a.txt:1', decision: 'accept', target: 'other' })).record).toMatchObject({ target: 'other' });
    expect((await session.decide({ id: 'a.txt:2', decision: 'relabel', label: 'rhetorical_action' })).record).toMatchObject({ target: null });
    expect((await session.decide({ id: 'a.txt:3', decision: 'relabel', label: 'none', target: 'general' })).record).toMatchObject({ target: 'na' });
    expect((await session.decide({ id: 'a.txt:3', decision: 'skip' })).record).not.toHaveProperty('target');
  });

  it("keeps queues apart: another queue's decision is shown, not counted; the random queue records its seed", async () => {
    const sink = new MemorySink();
    const flagged = new ReviewSession(queue, [], sink, { now: clock(), annotator: 'ana' });
    await flagged.decide({ id: 'a.txt:0', decision: 'accept' });
    const random = new ReviewSession(queue, sink.records, sink, { now: clock(), annotator: 'ana', sampledBy: 'random', seed: 7 });
    expect(random.state()).toMatchObject({ done: 0, position: 0, queue: 'random' });
    expect(random.decisionFor('a.txt:0')).toBeNull();
    expect(random.decisionElsewhere('a.txt:0')).toMatchObject({ sampled_by: 'flagged', label: 'denial' });
    const { record } = await random.decide({ id: 'a.txt:0', decision: 'relabel', label: 'none' });
    expect(record).toMatchObject({ sampled_by: 'random', seed: 7, annotator: 'ana', label: 'none' });
    expect(random.state().done).toBe(1);
  });

  it('rejects an unknown id with 404', async () => {
    const session = new ReviewSession(queue, [], new MemorySink());
    await expect(session.decide({ id: 'nope', decision: 'accept' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('decision requests', () => {
  const bad: Array<[unknown, RegExp]> = [
    [[], /JSON object/],
    [{ decision: 'accept' }, /"id"/],
    [{ id: 'a', decision: 'maybe' }, /"decision"/],
    [{ id: 'a', decision: 'relabel' }, /"label"/],
    [{ id: 'a', decision: 'relabel', label: 'denail' }, /"label"/],
    [{ id: 'a', decision: 'accept', label: 'none' }, /only given with relabel/],
    [{ id: 'a', decision: 'accept', note: 'x'.repeat(2001) }, /"note"/],
    [{ id: 'a', decision: 'accept', note: 5 }, /"note"/],
    [{ id: 'a', decision: 'accept', admin: true }, /unknown field "admin"/],
    [{ id: 'a', decision: 'accept', target: 'na' }, /"target" must be one of self, other, general/],
    [{ id: 'a', decision: 'accept', reviewer: 'eve' }, /unknown field "reviewer"/],
  ];
  it.each(bad)('refuses %j', (body, message) => {
    expect(() => parseDecisionInput(body)).toThrow(message);
    try {
      parseDecisionInput(body);
    } catch (err) {
      expect(err).toBeInstanceOf(DecisionRejected);
      expect((err as DecisionRejected).status).toBe(400);
    }
  });

  it('accepts a relabel with a note and drops blank notes', () => {
    expect(parseDecisionInput({ id: 'a', decision: 'relabel', label: 'none', note: 'ok' })).toEqual({
      id: 'a',
      decision: 'relabel',
      label: 'none',
      note: 'ok',
    });
    expect(parseDecisionInput({ id: 'a', decision: 'skip', note: '  ' })).toEqual({ id: 'a', decision: 'skip' });
  });
});
