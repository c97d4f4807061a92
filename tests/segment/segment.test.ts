import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/segment.js';

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
});
