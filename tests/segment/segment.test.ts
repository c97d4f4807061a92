import { describe, expect, it } from 'vitest';
import { keptText, segment } from '../../src/segment/segment.js';

const sentences = (text: string) => segment(text).map((s) => text.slice(s.start, s.end));

describe('segment', () => {
  it('keeps UN abbreviations inside sentences', () => {
    const text = 'Mr. Smith said, e.g. in art. 5 and paras. 12-14, that No. 3 applied. The U.N. Charter binds us. See Vol. 2 and cf. E/CN.4/1990/12. Done.';
    expect(sentences(text)).toEqual([
      'Mr. Smith said, e.g. in art. 5 and paras. 12-14, that No. 3 applied.',
      'The U.N. Charter binds us.',
      'See Vol. 2 and cf. E/CN.4/1990/12.',
      'Done.',
    ]);
  });

  it('removes paragraph numbers but keeps offsets true', () => {
    const text =
      'The review was held. 2. On 7 September 2009, the Council met (resolution 2625 (XXV)).\n166.... The Assembly rose.\r76.\tWhat was promised was clear.';
    const segs = segment(text);
    expect(segs.map((s) => [s.paragraph, text.slice(s.start, s.end)])).toEqual([
      [undefined, 'The review was held.'],
      ['2', 'On 7 September 2009, the Council met (resolution 2625 (XXV)).'],
      ['166', 'The Assembly rose.'],
      ['76', 'What was promised was clear.'],
    ]);
  });

  it('does not treat a year at sentence start as a paragraph number', () => {
    expect(segment('1990 was a year of change. It ended.').map((s) => s.paragraph)).toEqual([undefined, undefined]);
  });

  it('splits at blank lines, quotes and other terminators, not before lowercase', () => {
    const text = 'Heading without stop\n\nWe said so... and more! Really? "Yes." He left.';
    expect(sentences(text)).toEqual(['Heading without stop', 'We said so... and more!', 'Really?', '"Yes."', 'He left.']);
  });

  it('handles CR-only and CRLF blank lines and hyphenation across line breaks', () => {
    const text = 'First part\r\rSecond part\r\n\r\nThe twenty-\nfirst century begins';
    expect(sentences(text)).toEqual(['First part', 'Second part', 'The twenty-\nfirst century begins']);
  });

  it('continues a sentence over a page break (page number, blank line, lowercase)', () => {
    expect(sentences('We must now\n32\n\ndemonstrate our capacity. Next one.')).toEqual(['We must now\n32\n\ndemonstrate our capacity.', 'Next one.']);
  });

  it('segments a sub-range with absolute offsets', () => {
    const text = 'Ignore this. Keep this one. And this.';
    const segs = segment(text, 13, text.length);
    expect(segs.map((s) => text.slice(s.start, s.end))).toEqual(['Keep this one.', 'And this.']);
    expect(segs[0].start).toBe(13);
  });

  it('drops pieces without letters and caps overlong utterances', () => {
    const long = `${'word, '.repeat(1000)}end`;
    const text = `24\n\n${long}`;
    const segs = segment(text);
    expect(segs.length).toBeGreaterThan(1);
    for (const s of segs) expect(s.end - s.start).toBeLessThanOrEqual(2000);
    // "24" alone has no letters: no segment is made of it.
    expect(segs.every((s) => /[a-z]/.test(text.slice(s.start, s.end)))).toBe(true);
  });

  it('treats "no." as an abbreviation only before a number', () => {
    expect(sentences('Resolution No. 3 passed. We said no. They left.')).toEqual(['Resolution No. 3 passed.', 'We said no.', 'They left.']);
  });

  it('keeps initials and dotted acronyms', () => {
    expect(sentences('President J. F. Kennedy spoke to the U.S.A. delegation today. Then we left.')).toEqual([
      'President J. F. Kennedy spoke to the U.S.A. delegation today.',
      'Then we left.',
    ]);
  });

  it('joins a sentence over a page break after a word no sentence ends on, even before a capital', () => {
    expect(sentences('It welcomed the report of the\n\n\nCommittee against Torture. The\r\rUnited Kingdom spoke.')).toEqual([
      'It welcomed the report of the\n\n\nCommittee against Torture.',
      'The\r\rUnited Kingdom spoke.',
    ]);
    // A paragraph that ends on another word still ends at the blank line; the cost: one that ends on such a
    // word without a stop ("We gave in") runs on.
    expect(sentences('Heading of Chapter\n\nThe text begins.')).toEqual(['Heading of Chapter', 'The text begins.']);
    expect(sentences('We gave in\n\nThe end.')).toEqual(['We gave in\n\nThe end.']);
  });

  it('drops a paragraph number the OCR misread, and keeps short words', () => {
    expect(sentences('The Organization is divided. 1Q5. The United Nations acts. I9. Why? No. J99. In 1990. I\n106.\tWork helps.')).toEqual([
      'The Organization is divided.',
      'The United Nations acts.',
      'Why?',
      'No.',
      'In 1990.',
      'Work helps.',
    ]);
  });
});

describe('segment with holes (page furniture)', () => {
  /** Holes at the given substrings of `text`. */
  const holesAt = (text: string, ...parts: string[]) => parts.map((p) => ({ start: text.indexOf(p), end: text.indexOf(p) + p.length }));
  const texts = (text: string, holes: Array<{ start: number; end: number }>) =>
    segment(text, 0, text.length, holes).map((s) => keptText(text, s.start, s.end, s.removed));

  it('reads a sentence over a page break as one, with the furniture out of its text and listed in `removed`', () => {
    const text = 'The citizenry\n15-29946 21/33\n\nA/70/PV.28 03/10/2015\nis providing support. We are grateful.';
    const holes = holesAt(text, '15-29946 21/33\n\nA/70/PV.28 03/10/2015\n');
    const [first, second] = segment(text, 0, text.length, holes);
    expect(first).toEqual({ start: 0, end: text.indexOf(' We'), removed: [[holes[0].start, holes[0].end]] });
    expect(keptText(text, first.start, first.end, first.removed)).toBe('The citizenry\nis providing support.');
    expect(second).toEqual({ start: text.indexOf('We'), end: text.length });
  });

  it('joins a capitalised continuation after a running head, and splits after a sentence end', () => {
    const text = 'my appreciation to the United Nations\nA/70/PV.26\nSecretary-General for his leadership.\nA/70/PV.26\nAnother success story.';
    expect(
      texts(
        text,
        holesAt(text, 'A/70/PV.26\nS', 'A/70/PV.26\nA').map((h) => ({ ...h, end: h.end - 1 })),
      ),
    ).toEqual(['my appreciation to the United Nations\nSecretary-General for his leadership.', 'Another success story.']);
  });

  it('leaves furniture at a sentence boundary out of both sentences, and drops furniture-only pieces', () => {
    const text = 'The debate ended.\n32\n\n\nThe Assembly rose.\n33';
    const holes = holesAt(text, '32\n\n\n', '\n33');
    const segs = segment(text, 0, text.length, holes);
    expect(segs.map((s) => text.slice(s.start, s.end))).toEqual(['The debate ended.', 'The Assembly rose.']);
    expect(segs.every((s) => s.removed === undefined)).toBe(true);
  });

  it('takes the paragraph number after a hole, and keeps offsets absolute in a sub-range', () => {
    const text = 'Skip. A/PV.2039\n10.\tThe recent dialogue helps.';
    const segs = segment(text, 6, text.length, holesAt(text, 'A/PV.2039\n'));
    expect(segs).toEqual([{ start: text.indexOf('The'), end: text.length, paragraph: '10' }]);
  });

  it('gives the same segments as without holes when no hole lies in the range', () => {
    const text = 'One here. Two there.\n32\nThree.';
    expect(segment(text, 0, 20, holesAt(text, '32\n'))).toEqual(segment(text, 0, 20));
  });
});

describe('keptText', () => {
  it('deletes the removed spans from the slice', () => {
    expect(
      keptText('abcdefgh', 1, 7, [
        [2, 3],
        [4, 6],
      ]),
    ).toBe('bdg');
    expect(keptText('abcdefgh', 1, 7)).toBe('bcdefg');
  });
});
