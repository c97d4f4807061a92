// Page furniture of UN documents, in the shapes found in the General Debate
// corpus and the UPR reports (synthetic strings of the same shapes).
import { describe, expect, it } from 'vitest';
import { keptText } from '../../src/segment/segment.js';
import { furniturePrefixLength, isFurnitureLine, pageFurniture } from '../../src/structure/furniture.js';
import { structureDocument } from '../../src/structure/index.js';
import { spanWithHoles } from '../../src/structure/spans.js';

const slices = (text: string, spans: Array<{ start: number; end: number }>): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('furniture lines', () => {
  it.each([
    ['a page number', '32'],
    ['a page number with spaces around', '  7 '],
    ['page of pages', '62/91'],
    ['a job number and page', '08-53122 26'],
    ['page and job number', '12 05-51226'],
    ['a job number and page of pages', '15-29822 23/29'],
    ['page of pages and job number', '22/33 15-29946'],
    ['a bare job number', '21-00394'],
    ['a job number with its language and bar code', '17-29597 (E) *1729597*'],
    ['a verbatim-record symbol', 'A/63/PV.13'],
    ['a symbol and the meeting date', 'A/70/PV.28 03/10/2015'],
    ['the meeting date and a symbol', '03/10/2015 A/70/PV.28'],
    ['an old verbatim-record symbol', 'A/PV.2039'],
    ['a corrected symbol', 'A/PV.2061 and Corr.l'],
    ['a report symbol', 'A/65/397'],
    ['an addendum symbol', 'A/75/592/Add.8'],
    ['a symbol the OCR misread', 'A/37/PY.22'],
    ['a symbol the OCR cut short', 'A/36/PV.'],
    ['a date', '13/01/2021'],
    ['a meeting head', 'General Assembly 21st plenary meeting'],
    ['a meeting head without "plenary"', 'General Assembly 14th meeting'],
    ['a session head', 'Fiftieth session 13 October 1995'],
    ['a session head with OCR "l" and the page', 'Forty-eighth session - 7 October l993 35'],
    ['a Human Rights Council symbol', 'A/HRC/8/27'],
    ['a Human Rights Council symbol and page', 'A/HRC/19/99/Add.1 page 2'],
    ['a page line', 'page 5'],
    ['a Geneva job number', 'GE.08-13659'],
    ['a bar code', '*1412897*'],
  ])('knows %s: %j', (_what, line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it.each([
    ['a year', '1990'],
    ['a sentence that starts with a number', '12 delegations spoke.'],
    ['a cited symbol', '(see A/70/PV.6).'],
    ['a cited report', '(A/70/357)'],
    ['a report cited at the end of a sentence', 'A/55/310.'],
    ['a salutation', 'Mr. President,'],
    ['a heading', 'General Assembly'],
    ['a sentence about a meeting', 'General Assembly 21st plenary meeting was adjourned.'],
    ['a paragraph number', '12.'],
    ['a decimal', '3.5'],
    ['a range of years', '1992-1994'],
  ])('leaves %s alone: %j', (_what, line) => {
    expect(isFurnitureLine(line)).toBe(false);
  });

  it('finds a job number glued to the start of a line of text, and nothing in the text', () => {
    expect(furniturePrefixLength('16-29811 51/52 action to pursue diplomatic solutions')).toBe('16-29811 51/52 '.length);
    expect(furniturePrefixLength('30/56 16-29296 together will only strengthen us.')).toBe('30/56 16-29296 '.length);
    expect(furniturePrefixLength('A/HRC/ 8/29 Page 3 Introduction 1. The Working Group')).toBe('A/HRC/ 8/29 Page 3 '.length);
    expect(furniturePrefixLength('16-29811 is a number we cite')).toBe(0);
    expect(furniturePrefixLength('In 1992-1994 we grew.')).toBe(0);
  });
});

describe('pageFurniture', () => {
  it('finds furniture lines and prefixes in a whole text, merged', () => {
    const text = 'the citizenry\n15-29946 21/33\n\nA/70/PV.28 03/10/2015\nis providing.\nDistricts with\n17-29275 17/27 once-flourishing towns.';
    expect(slices(text, pageFurniture(text))).toEqual(['15-29946 21/33', 'A/70/PV.28 03/10/2015', '17-29275 17/27 ']);
  });

  it('finds nothing in plain prose, and reads a 1 MB line without a break quickly', () => {
    expect(pageFurniture('We met in 1990. Resolution 2625 (XXV) was adopted (see A/70/PV.6).\nIt passed.')).toEqual([]);
    const long = 'word '.repeat(200_000);
    const started = performance.now();
    expect(pageFurniture(long)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('spanWithHoles', () => {
  it('keeps one line break between the words on either side of a hole', () => {
    const text = 'and the health \n  \n \n06-52885 26 \n \nsectors, complemented';
    const block = spanWithHoles(text, 0, text.length, pageFurniture(text))!;
    expect(slices(text, block.removed)).toEqual(['  \n \n06-52885 26 \n \n']);
    expect(keptText(text, block.start, block.end, [[block.removed[0].start, block.removed[0].end]])).toBe('and the health \nsectors, complemented');
  });

  it('keeps one space when the hole is on the same line, and trims furniture at the edges', () => {
    const text = '32\nDistricts with 17-29275 17/27 towns\n12 10-55103\n';
    const furniture = [{ start: text.indexOf('17-29275'), end: text.indexOf('towns') }, ...pageFurniture(text)].sort((a, b) => a.start - b.start);
    const block = spanWithHoles(text, 0, text.length, furniture)!;
    expect(text.slice(block.start, block.end)).toBe('Districts with 17-29275 17/27 towns');
    expect(slices(text, block.removed)).toEqual(['17-29275 17/27 ']);
  });

  it('is undefined when everything is furniture or space', () => {
    const text = '\n32\n\nA/63/PV.13\n';
    expect(spanWithHoles(text, 0, text.length, pageFurniture(text))).toBeUndefined();
  });
});

describe('the generic parser', () => {
  it('marks page furniture inside its block as holes, and trims it at the edges', () => {
    const text = '4\nGeneral Assembly 21st plenary meeting\n\nWe offer our full\n5\nGeneral Assembly 21st plenary meeting\n\ncooperation.\n6\n';
    const [block] = structureDocument(text, { country: 'CRI' }).blocks;
    expect(text.slice(block.start, block.end)).toBe('We offer our full\n5\nGeneral Assembly 21st plenary meeting\n\ncooperation.');
    expect(slices(text, block.removed!)).toEqual(['5\nGeneral Assembly 21st plenary meeting\n\n']);
  });

  it('gives a block without furniture no holes', () => {
    const [block] = structureDocument('We met in 1990.\n\nIt passed.', {}).blocks;
    expect(block.removed).toBeUndefined();
  });

  it('gives a text of furniture alone no block', () => {
    expect(structureDocument('12\n\nA/63/PV.13\n', {}).blocks).toEqual([]);
  });
});
