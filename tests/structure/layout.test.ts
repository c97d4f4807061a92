import { describe, expect, it } from 'vitest';
import { footnoteSpans, furnitureSpans, lineSpans, mergeSpans, spanMinus } from '../../src/structure/upr/layout.js';

const texts = (text: string, spans: Array<{ start: number; end: number }>): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('lines', () => {
  it('splits at CR, LF and CRLF', () => {
    expect(texts('a\rb\nc\r\nd', lineSpans('a\rb\nc\r\nd'))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('page furniture', () => {
  it('finds symbol headers, job numbers, bar codes, page numbers and rules', () => {
    const text = ['A/HRC/8/29', 'Page 4', '  GE.08-13682  ', '*1412897*', '12', '_____', 'A/HRC/19/99/Add.1 page 2', 'GE.14-12897  (E)'].join('\n');
    expect(texts(text, furnitureSpans(text, lineSpans(text))).map((s) => s.trim())).toEqual([
      'A/HRC/8/29',
      'Page 4',
      'GE.08-13682',
      '*1412897*',
      '12',
      '_____',
      'A/HRC/19/99/Add.1 page 2',
      'GE.14-12897  (E)',
    ]);
  });

  it('cuts furniture glued to the start of a line but keeps the rest of the line', () => {
    const text = 'A/HRC/ 8/29 Page 3 Introduction 1. The Working Group';
    expect(texts(text, furnitureSpans(text, lineSpans(text)))).toEqual(['A/HRC/ 8/29 Page 3 ']);
  });

  it('leaves sentences that mention documents alone', () => {
    const text = 'included in an addendum (A/HRC/10/82/Add.1).\n12 delegations spoke.\nPage 4 of the report says';
    expect(furnitureSpans(text, lineSpans(text))).toEqual([]);
  });
});

describe('footnotes', () => {
  it('finds numbered notes after a blank line, and asterisk notes anywhere', () => {
    const text = [
      'Kyrgyzstan made recommendations.2',
      '',
      '2 The Russian Federation made the following point of order.',
      '3 A second note.',
      'II. Conclusions and/or recommendations**',
      '** The conclusions and recommendations have not been edited.',
      '**',
      'Conclusions and/or recommendations have not been edited.',
      '113.6 Sign and ratify (Egypt);',
    ].join('\n');
    expect(texts(text, footnoteSpans(text, lineSpans(text), new Set()))).toEqual([
      '2 The Russian Federation made the following point of order.',
      '3 A second note.',
      '** The conclusions and recommendations have not been edited.',
      '**',
      'Conclusions and/or recommendations have not been edited.',
    ]);
  });

  it('does not take a numbered paragraph that lost its dot for a note', () => {
    const text = 'previous paragraph.\n\n36 The Government is taking measures.';
    const paragraphStart = text.indexOf('36');
    expect(footnoteSpans(text, lineSpans(text), new Set([paragraphStart]))).toEqual([]);
    expect(footnoteSpans(text, lineSpans(text), new Set())).toHaveLength(1);
  });

  it('does not take a line that merely starts with a number inside a paragraph for a note', () => {
    const text = 'The Government had adopted\n15 new laws in 2010.';
    expect(footnoteSpans(text, lineSpans(text), new Set())).toEqual([]);
  });
});

describe('span arithmetic', () => {
  it('merges overlapping spans', () => {
    expect(
      mergeSpans([
        { start: 5, end: 9 },
        { start: 0, end: 3 },
        { start: 2, end: 6 },
        { start: 12, end: 14 },
      ]),
    ).toEqual([
      { start: 0, end: 9 },
      { start: 12, end: 14 },
    ]);
  });

  it('cuts excluded spans out of a span and trims the parts', () => {
    const text = 'one two\nA/HRC/1/2\nthree four\n\nGE.08-13682\n';
    const excluded = mergeSpans(furnitureSpans(text, lineSpans(text)));
    expect(texts(text, spanMinus(text, 0, text.length, excluded))).toEqual(['one two', 'three four']);
    expect(spanMinus(text, 8, 17, excluded)).toEqual([]);
  });
});
