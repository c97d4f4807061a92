import { describe, expect, it } from 'vitest';
import { IndependentCsvError, compareRecommendations, decisionPosition, readIndependentCsv } from '../../src/structure/upr/agreement.js';

describe('independent recommendation CSVs', () => {
  it('reads CR-only files with stray quotes and normalises State, year and number', () => {
    const csv = [
      'text,to,decision,From,year,notes',
      '69.1   The establishment of a round table (Kuwait). );,Algeria,support,Kuwait,2008,',
      '"69.2   That Algeria share its ""experience"" (Sudan);",Algeria,consider,Sudan,2008,',
      '101.12. Continue the "Children\'s Act" work (Angola);,kenya,implemented,Angola,2010,',
      'no number here,kenya,support,Angola,2010,',
    ].join('\r');
    const { rows, skipped } = readIndependentCsv('2008data.csv', csv);
    expect(rows.map((r) => [r.reviewed, r.year, r.number, r.decision])).toEqual([
      ['DZA', 2008, '69.1', 'support'],
      ['DZA', 2008, '69.2', 'consider'],
      ['KEN', 2010, '101.12', 'implemented'],
    ]);
    expect(skipped).toBe(1);
  });

  it('names the file when the columns are not the expected ones', () => {
    expect(() => readIndependentCsv('x.csv', 'a,b\r1,2')).toThrow(IndependentCsvError);
    expect(() => readIndependentCsv('x.csv', 'a,b\r1,2')).toThrow(/^x\.csv: expected columns/);
  });

  it('maps decisions to positions', () => {
    expect(['support', 'implemented', 'implement', 'consider', 'reject', 'noted', 'unknown', 'Support '].map(decisionPosition)).toEqual([
      'supported',
      'supported',
      'supported',
      'to_be_examined',
      'rejected',
      'noted',
      undefined,
      'supported',
    ]);
  });
});

describe('agreement', () => {
  const theirs = [
    { reviewed: 'KEN', year: 2010, number: '101.1', decision: 'support', line: 2 },
    { reviewed: 'KEN', year: 2010, number: '101.2', decision: 'consider', line: 3 },
    { reviewed: 'KEN', year: 2010, number: '101.3', decision: 'reject', line: 4 },
    { reviewed: 'KEN', year: 2010, number: '101.4', decision: 'unknown', line: 5 },
    { reviewed: 'KEN', year: 2010, number: '101.9', decision: 'support', line: 6 },
    { reviewed: 'PER', year: 2008, number: '52.1', decision: 'consider', line: 7 },
  ];

  it('compares positions over the recommendations both sides found', () => {
    const report = compareRecommendations(
      [
        { reviewed: 'KEN', year: 2010, number: '101.1', position: 'supported' },
        { reviewed: 'KEN', year: 2010, number: '101.2', position: 'rejected' },
        { reviewed: 'KEN', year: 2010, number: '101.3' },
        { reviewed: 'KEN', year: 2010, number: '101.4', position: 'supported' },
        { reviewed: 'KEN', year: 2010, number: '101.5', position: 'supported' },
        { reviewed: 'UGA', year: 2011, number: '1.1', position: 'supported' },
      ],
      theirs,
    );
    expect(report.both).toBe(3);
    expect(report.agree).toBe(1);
    expect(report.rate).toBeCloseTo(1 / 3);
    expect(report.onlyOurs).toBe(2); // 101.4 (their decision unusable) and 101.5; UGA is not in their files
    expect(report.onlyTheirs).toBe(1); // 101.9; PER 2008 is not a report we parsed
    expect(report.confusion).toEqual({ 'none → rejected': 1, 'rejected → to_be_examined': 1 });
    expect(report.disagreements).toEqual([
      { key: 'KEN 2010 101.2', ours: 'rejected', theirs: 'to_be_examined' },
      { key: 'KEN 2010 101.3', theirs: 'rejected' },
    ]);
  });
});
