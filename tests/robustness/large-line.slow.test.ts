// A 50 MB file that is one line: the segmenter caps utterances, nothing is lost,
// and the run completes (minutes of tagging: the slow suite).
import { describe, expect, it } from 'vitest';
import { MAX_UTTERANCE_CHARS } from '../../src/segment/rules.js';
import { classify, tempDir, writeFiles } from './helpers.js';

const GOOD = 'We respect human rights. The allegations of torture are baseless.';

describe('classify on a file of one huge line', () => {
  it('splits a 50 MB single line into capped utterances and completes', async () => {
    const dir = tempDir();
    const unit = 'the committee noted human rights concerns and torture allegations were baseless ';
    const target = 50 * 1024 * 1024;
    const line = unit.repeat(Math.ceil(target / unit.length)).slice(0, target);
    writeFiles(dir, { 'good.txt': GOOD, 'huge.txt': line });
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.byId.get('huge.txt')!;
    expect(doc).toMatchObject({ status: 'ok', bytes: target });
    const huge = run.utterances.filter((u) => u.doc === 'huge.txt');
    expect(huge.length).toBe(doc.utterances);
    expect(huge.length).toBeGreaterThanOrEqual(Math.floor(target / MAX_UTTERANCE_CHARS));
    // Plain loops, one assertion each: 26,000 expect() calls would take minutes.
    expect(huge.filter((u) => u.end - u.start > MAX_UTTERANCE_CHARS || u.text.length !== u.end - u.start).map((u) => u.id)).toEqual([]);
    expect(huge.filter((u) => line.slice(u.start, u.end) !== u.text).map((u) => u.id)).toEqual([]);
    const covered = huge.reduce((sum, u) => sum + u.text.length, 0);
    // Nothing lost: the utterances cover the line but for the spaces at the cuts.
    expect(covered).toBeGreaterThan(target - huge.length * 2);
    expect(huge.some((u) => u.label !== 'none')).toBe(true);
  }, 600_000);
});
