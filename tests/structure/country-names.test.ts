import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { CountryMatcher, NON_STATE_CODES, countryMatcher, foldName, isStateCode } from '../../src/structure/country-names.js';

const m = countryMatcher();
const at = (text: string, pos = 0): string | undefined => m.matchAt(text, pos)?.iso3;
const list = (text: string): string[] | undefined => m.matchListAt(text, 0)?.codes;

describe('country names in running text', () => {
  it('maps UN long forms to ISO3', () => {
    expect(at('The United Kingdom of Great Britain and Northern Ireland noted')).toBe('GBR');
    expect(at('The Bolivarian Republic of Venezuela commended')).toBe('VEN');
    expect(at('Venezuela (Bolivarian Republic of) welcomed')).toBe('VEN');
    expect(at("The Democratic People's Republic of Korea stated")).toBe('PRK');
    expect(at('The Republic of Korea asked')).toBe('KOR');
    expect(at('The former Yugoslav Republic of Macedonia noted')).toBe('MKD');
    expect(at('The Democratic Republic of the Congo welcomed')).toBe('COD');
    expect(at('The Congo applauded')).toBe('COG');
    expect(at('The Holy See asked')).toBe('VAT');
    expect(at('Iran (Islamic Republic of) noted')).toBe('IRN');
    expect(at('The Plurinational State of Bolivia noted')).toBe('BOL');
  });

  it('takes the longest name and stops at a word boundary', () => {
    expect(at('Nigeria noted')).toBe('NGA');
    expect(at('Niger noted')).toBe('NER');
    expect(at('Dominican Republic noted')).toBe('DOM');
    expect(at('Dominica noted')).toBe('DMA');
    expect(at('Guinea-Bissau noted')).toBe('GNB');
    expect(at('Equatorial Guinea noted')).toBe('GNQ');
    expect(at('Omani delegates')).toBeUndefined();
  });

  it('reads names through conversion damage: stray bytes for apostrophes and accents, wrapped lines, hyphens', () => {
    expect(at('The Democratic People\u00d5s Republic of Korea stated')).toBe('PRK'); // Mac Roman ’ read as Latin-1
    expect(at('The Democratic People.s Republic of Korea stated')).toBe('PRK');
    expect(at('C\u0099te d\u00d5Ivoire noted')).toBe('CIV');
    expect(at('C\u00f4te d\u2019Ivoire noted')).toBe('CIV');
    expect(at('The United Kingdom of Great Britain and\r\nNorthern Ireland noted')).toBe('GBR');
    expect(at('Timor Leste noted')).toBe('TLS');
    expect(at('New-Zealand noted')).toBe('NZL');
  });

  it('compares abbreviations with their case: "US" is a State, "us" is not', () => {
    expect(at('US officials')).toBe('USA');
    expect(at('us officials')).toBeUndefined();
  });

  it('reads lists of States, first named first', () => {
    expect(list('Brazil and Mexico welcomed')).toEqual(['BRA', 'MEX']);
    expect(list('Chile, the Congo and Peru asked')).toEqual(['CHL', 'COG', 'PER']);
    expect(list('Mexico; Egypt')).toEqual(['MEX', 'EGY']);
    expect(list('Ireland, Austria, Germany')).toEqual(['IRL', 'AUT', 'DEU']);
    expect(list('Brazil and its partners')).toEqual(['BRA']);
    expect(list('The delegation')).toBeUndefined();
  });

  it('reports where the match starts and ends', () => {
    const text = 'In 2010, the Netherlands asked';
    const match = m.matchAt(text, 9);
    expect(match).toEqual({ iso3: 'NLD', start: 9, end: 24 });
  });

  it('lets the first listed form win a name two codes share ("Congo")', () => {
    const own = new CountryMatcher([
      ['Congo', 'COG'],
      ['Congo', 'COD'],
    ]);
    expect(own.matchAt('Congo noted', 0)?.iso3).toBe('COG');
  });

  it('folds names for comparison', () => {
    expect(foldName('  C\u00f4te  d\u2019Ivoire ')).toBe("cote d'ivoire");
  });
});

describe('States and territories', () => {
  it('leaves 195 States (193 members, 2 observers) among the ISO codes', () => {
    const require = createRequire(import.meta.url);
    const iso = require('i18n-iso-countries') as { getAlpha3Codes(): Record<string, string> };
    const codes = Object.keys(iso.getAlpha3Codes());
    for (const code of NON_STATE_CODES) if (code !== 'EU') expect(codes).toContain(code);
    expect(codes.filter(isStateCode)).toHaveLength(195);
    expect(isStateCode('VAT')).toBe(true);
    expect(isStateCode('PSE')).toBe(true);
    expect(isStateCode('GRL')).toBe(false);
    expect(isStateCode('EU')).toBe(false);
  });
});
