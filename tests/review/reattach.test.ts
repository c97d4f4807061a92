// Issue 16, row 6: decisions were stored by position (`doc:n`) only; after a
// sentence was added to a document and the run re-classified, they attached
// to other sentences. Each decision now stores its sentence's text hash and
// offsets; on load, a decision whose sentence moved is re-attached to it (same
// document, same text) and one whose sentence is gone is listed as orphaned —
// never silently moved.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionMatcher } from '../../src/review/attach.js';
import { openReviewSession } from '../../src/review/index.js';
import { latestDecisions, parseReviewLog, type ReviewRecord } from '../../src/review/log.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import { utteranceRecord, writeFixtureRun, type FixtureUtterance } from '../report/run-fixture.js';

const DOC = 'KEN_1990.txt';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A document of `texts`, flagging the sentences whose text is in `flagged`. */
function documentOf(texts: string[], flagged: string[]): FixtureUtterance[] {
  return texts.map((text, n) => ({ doc: DOC, n, text, label: 'denial' as const, flags: flagged.includes(text) ? ['conflict' as const] : [] }));
}

const OPENING = 'Kenya opens its statement.';
const DENIAL = 'We deny these allegations entirely.';
const MIDDLE = 'Human rights are universal.';
const TORTURE = 'Torture is not practised here.';
const CLOSING = 'Kenya closes its statement.';

describe('review decisions after the run is re-classified', () => {
  it('stay with their sentence when it moves, and are listed as orphaned when its text changed', async () => {
    const dir = writeFixtureRun({ utterances: documentOf([OPENING, DENIAL, MIDDLE, TORTURE, CLOSING], [OPENING, DENIAL, TORTURE]) });
    const first = await openReviewSession(dir);
    await first.session.decide({ id: `${DOC}:1`, decision: 'relabel', label: 'rhetorical_action' });
    await first.session.decide({ id: `${DOC}:3`, decision: 'accept' });
    await first.log.close();
    const stored = parseReviewLog(readFileSync(join(dir, 'reviews.jsonl')), 'reviews.jsonl').records;
    expect(stored[0]).toMatchObject({ id: `${DOC}:1`, text: DENIAL, text_sha256: sha(DENIAL), start: 0, end: DENIAL.length });

    // A sentence is added at the top; the torture sentence is reworded.
    const reworded = 'Torture was practised here, we admit.';
    writeFixtureRun({ utterances: documentOf(['A new first sentence.', OPENING, DENIAL, MIDDLE, reworded, CLOSING], [OPENING, DENIAL, reworded]) }, dir);
    const again = await openReviewSession(dir);
    const { session, warnings } = again;
    expect(session.decisionFor(`${DOC}:2`)).toMatchObject({ text: DENIAL, decision: 'relabel', label: 'rhetorical_action' });
    expect(session.decisionFor(`${DOC}:1`)).toBeNull(); // the opening now has id :1 — the denial's decision did not follow the id
    expect(session.decisionFor(`${DOC}:4`)).toBeNull(); // the reworded sentence was never decided
    expect(session.decisionFor(`${DOC}:3`)).toBeNull();
    expect(session.state()).toMatchObject({ total: 3, done: 1, orphaned: 1 });
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(`reviews\\.jsonl: 1 decision re-attached to the sentence that now has their text \\(the run was re-classified\\): ${DOC}:1 → ${DOC}:2$`),
      ),
      expect.stringMatching(
        new RegExp(
          `reviews\\.jsonl: 1 orphaned decision: the sentence decided on is no longer in the run .*: ${DOC}:3; kept in the file and exported, not shown$`,
        ),
      ),
    ]);
    await again.log.close();
  });

  it('re-attaches shifted decisions of repeated sentences each to its nearest copy', () => {
    const record = (n: number, text: string): ReviewRecord => ({
      id: `${DOC}:${n}`,
      doc: DOC,
      text,
      proposed_label: 'denial',
      decision: 'accept',
      label: 'denial',
      timestamp: 't',
    });
    const matcher = new DecisionMatcher(latestDecisions([record(3, 'Thank you.'), record(4, DENIAL), record(10, 'Thank you.')]));
    const texts = ['x', 'y', 'z', 'new', 'Thank you.', DENIAL, 'a', 'b', 'c', 'd', 'e', 'Thank you.'];
    texts.forEach((text, n) => matcher.observe(readUtteranceLine(utteranceRecord({ doc: DOC, n, text }))));
    const attached = matcher.attach();
    expect(attached.reattached).toEqual([
      [`${DOC}:3`, `${DOC}:4`],
      [`${DOC}:4`, `${DOC}:5`],
      [`${DOC}:10`, `${DOC}:11`],
    ]);
    expect(attached.orphaned).toEqual([]);
  });

  it('keeps a decision without a recorded text where its id says (records of hand-made logs)', () => {
    const matcher = new DecisionMatcher(
      latestDecisions([{ id: `${DOC}:0`, doc: DOC, text: '', proposed_label: 'denial', decision: 'skip', label: null, timestamp: 't' }]),
    );
    matcher.observe(readUtteranceLine(utteranceRecord({ doc: DOC, n: 0, text: OPENING })));
    expect(matcher.attach()).toMatchObject({ records: [{ id: `${DOC}:0` }], reattached: [], orphaned: [] });
  });
});
