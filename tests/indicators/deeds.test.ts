import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cowToIso3 } from '../../src/indicators/cow.js';
import { detectDeedsFormat, parseDeeds } from '../../src/indicators/deeds.js';
import { decodeTable, loadDeeds } from '../../src/indicators/load-deeds.js';

function tempFile(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiral-deeds-'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('COW codes', () => {
  it('maps codes to ISO3, with year-dependent codes for Czechoslovakia and Yugoslavia', () => {
    expect(cowToIso3(501, 1990)).toBe('KEN');
    expect(cowToIso3(315, 1985)).toBe('CSK');
    expect(cowToIso3(316, 1989)).toBe('CSK');
    expect(cowToIso3(316, 1993)).toBe('CZE');
    expect(cowToIso3(345, 1990)).toBe('YUG');
    expect(cowToIso3(345, 2010)).toBe('SRB');
    expect(cowToIso3(265, 1980)).toBe('DDR');
    expect(cowToIso3(365, 1980)).toBe('RUS');
    expect(cowToIso3(511, 1963)).toBeUndefined();
  });
});

describe('deeds formats', () => {
  it('reads PTS in Latin-1 with CRLF endings: mean of the available scores, lower is better', () => {
    const text =
      'Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S,NA_Status_A,NA_Status_H,NA_Status_S\r\n' +
      'Chile,Chile,1994,CHL,155,CHL,152,lac,2,NA,2,0,88,0\r\n' +
      'Chile,Chile,1986,CHL,155,CHL,152,lac,5,NA,4,0,88,0\r\n' +
      'T\xfcrkiye,Turkey,1990,TUR,640,TUR,792,eca,4,NA,4,0,88,0\r\n' +
      'Czechoslovakia,Czechoslovakia,1990,CZE,315,NA,NA,eca,1,NA,1,0,88,0\r\n' +
      'Crimea,Crimea,2015,NA,NA,NA,NA,eca,4,NA,NA,0,88,88\r\n';
    const file = tempFile('pts.csv', Buffer.from(text, 'latin1'));
    const t = loadDeeds(file);
    expect(t.format).toBe('pts');
    expect(t.scores.get('CHL')!.get(1994)).toMatchObject({ value: 2, meets: true, better: 'lower', line: 2 });
    expect(t.scores.get('CHL')!.get(1986)).toMatchObject({ value: 4.5, meets: false });
    expect(t.scores.get('TUR')!.get(1990)!.value).toBe(4);
    expect(t.scores.get('CSK')!.get(1990)!.meets).toBe(true); // COW 315, not the "CZE" in COW_Code_A
    expect(t.unmapped).toEqual([`${file}:6: COW_Code_N NA, WordBank_Code_A NA, Country Crimea`]);
  });

  it('reads CIRIGHTS with a BOM', () => {
    const text = '\uFEFFcountry,iso_a3,year,ciri,cow,physint_sum\nKenya,KEN,1995,501,501,3\nCzechoslovakia,,1991,239,315,8\n';
    const t = loadDeeds(tempFile('cirights.csv', Buffer.from(text, 'utf8')));
    expect(t.format).toBe('cirights');
    expect(t.scores.get('KEN')!.get(1995)).toMatchObject({ value: 3, meets: false, better: 'higher' });
    expect(t.scores.get('CSK')!.get(1991)!.meets).toBe(true);
  });

  it('reads legacy CIRI with CR-only line endings and missing-value codes', () => {
    const text =
      'CTRY,YEAR,CIRI,COW,DISAP,KILL,POLPRIS,TORT\rPoland,1990,265,290,2,2,2,1\rPoland,1981,265,290,2,1,0,0\rAfghanistan,1992,101,700,-77,-77,-77,-77\r';
    const t = loadDeeds(tempFile('ciri.csv', Buffer.from(text, 'ascii')));
    expect(t.format).toBe('ciri');
    expect(t.scores.get('POL')!.get(1990)).toMatchObject({ value: 7, meets: true, line: 2 });
    expect(t.scores.get('POL')!.get(1981)!.value).toBe(3);
    expect(t.scores.get('AFG')).toBeUndefined();
  });

  it('reads Fariss scores with COW 316 before 1993 as Czechoslovakia', () => {
    const text =
      '"","YEAR","CIRI","COW","DISAP","KILL","POLPRIS","TORT","theta_mean","theta_sd"\n"1",1989,NA,316,NA,NA,NA,NA,-0.31,0.3\n"2",1990,NA,316,NA,NA,NA,NA,1.94,0.3\n"3",1995,NA,316,NA,NA,NA,NA,1.54,0.3\n';
    const t = parseDeeds(text, 'fariss.csv');
    expect(t.format).toBe('fariss');
    expect(t.scores.get('CSK')!.get(1989)!.meets).toBe(false);
    expect(t.scores.get('CSK')!.get(1990)!.meets).toBe(true);
    expect(t.scores.get('CZE')!.get(1995)!.value).toBe(1.54);
  });

  it('keeps the first of two scores for one country-year and warns', () => {
    const t = parseDeeds('"","YEAR","COW","theta_mean"\n"1",1990,255,1.2\n"2",1990,260,1.1\n', 'f.csv');
    expect(t.scores.get('DEU')!.get(1990)!.value).toBe(1.2);
    expect(t.warnings).toEqual(['f.csv:3: second score for DEU 1990 ignored (first at line 2)']);
  });

  it('names the file of an unknown format', () => {
    expect(detectDeedsFormat(['country', 'year', 'score'])).toBeNull();
    expect(() => parseDeeds('country,year,score\nKenya,1990,3\n', 'mystery.csv')).toThrow(/mystery\.csv:1: unknown deeds format/);
  });

  it('decodes UTF-8 when valid and Latin-1 otherwise', () => {
    expect(decodeTable(Buffer.from('Côte', 'utf8'))).toBe('Côte');
    expect(decodeTable(Buffer.from([0x54, 0xfc, 0x72]))).toBe('Tür');
  });
});
