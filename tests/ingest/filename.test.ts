import { describe, expect, it } from 'vitest';
import { compileNamePattern, fieldsFromFileName } from '../../src/ingest/filename.js';
import { NamePatternError } from '../../src/ingest/errors.js';
import { ingestOne, onlyDoc, tempDir, writeFiles } from './fixtures.js';

describe('built-in file-name patterns', () => {
  it('reads UN General Debate Corpus names', () => {
    expect(fieldsFromFileName('Session 45 - 1990/KEN_45_1990.txt')).toEqual({ country: 'KEN', year: '1990', venue: 'UN General Assembly', type: 'speech' });
    expect(fieldsFromFileName('CSK_30_1975.txt')).toMatchObject({ country: 'CSK', year: '1975' });
    expect(fieldsFromFileName('EU_66_2011.txt')).toMatchObject({ country: 'EU', year: '2011' });
  });

  it('reads UPR report names when the name part is a known country', () => {
    expect(fieldsFromFileName('southafrica2008.txt')).toEqual({ country: 'southafrica', year: '2008', venue: 'UPR Working Group', type: 'un_submission' });
    expect(fieldsFromFileName('kenya2010.txt')).toMatchObject({ country: 'kenya', year: '2010' });
    expect(fieldsFromFileName('guinea-bissau2010.txt')).toMatchObject({ country: 'guinea-bissau' });
    expect(fieldsFromFileName('notes2010.txt')).toBeUndefined();
    expect(fieldsFromFileName('kenya-1990.txt')).toBeUndefined();
    expect(fieldsFromFileName('chile-senate-1993.txt')).toBeUndefined();
    expect(fieldsFromFileName('speech.txt')).toBeUndefined();
  });

  it('gives normalised metadata when ingested', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'southafrica2008.txt': 'The delegation stated that ...', 'KEN_45_1990.txt': 'Mr. President, ...' });
    expect(onlyDoc(await ingestOne(dir, 'southafrica2008.txt')).meta).toEqual({
      country: 'ZAF',
      year: 2008,
      venue: 'UPR Working Group',
      audience: 'international',
      type: 'un_submission',
    });
    const ken = onlyDoc(await ingestOne(dir, 'KEN_45_1990.txt'));
    expect(ken.meta).toEqual({ country: 'KEN', year: 1990, venue: 'UN General Assembly', audience: 'international', type: 'speech' });
    expect(ken.metaSources).toEqual({ country: 'file_name', year: 'file_name', venue: 'file_name', audience: 'implied', type: 'file_name' });
  });

  it('warns about an unknown code in a General Debate name', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'XXY_45_1990.txt': 'Text.' });
    const doc = onlyDoc(await ingestOne(dir, 'XXY_45_1990.txt'));
    expect(doc.meta).toMatchObject({ year: 1990 });
    expect(doc.meta.country).toBeUndefined();
    expect(doc.warnings).toEqual(['file name: unknown country "XXY"; ignored']);
  });
});

describe('user name patterns', () => {
  it('captures fields between literal text', () => {
    const p = compileNamePattern('{country}_{year}_{venue}');
    expect(fieldsFromFileName('KEN_1994_national-address.md', p)).toEqual({ country: 'KEN', year: '1994', venue: 'national address' });
    expect(fieldsFromFileName('chile_1978_UN_General_Assembly.txt', p)).toEqual({ country: 'chile', year: '1978', venue: 'UN General Assembly' });
  });

  it('matches folders above the file when the pattern has a slash, and {*} skips a part', () => {
    const p = compileNamePattern('{country}/{date}-{*}');
    expect(fieldsFromFileName('statements/Poland/1989-06-04-radio.txt', p)).toEqual({ country: 'Poland', date: '1989-06-04' });
    expect(fieldsFromFileName('1989-06-04-radio.txt', p)).toBeUndefined();
  });

  it('falls back to the built-ins when the user pattern does not match', () => {
    const p = compileNamePattern('{country}-{year}');
    expect(fieldsFromFileName('KEN_45_1990.txt', p)).toMatchObject({ country: 'KEN', venue: 'UN General Assembly' });
  });

  it('is anchored and literal: regex characters in the pattern mean themselves', () => {
    const p = compileNamePattern('stmt.{year}(final)');
    expect(fieldsFromFileName('stmt.1990(final).txt', p)).toEqual({ year: '1990' });
    expect(fieldsFromFileName('stmtX1990(final).txt', p)).toBeUndefined();
    expect(fieldsFromFileName('old-stmt.1990(final).txt', p)).toBeUndefined();
  });

  it('rejects malformed patterns with a clear error', () => {
    expect(() => compileNamePattern('{contry}_{year}')).toThrow(NamePatternError);
    expect(() => compileNamePattern('{contry}_{year}')).toThrow(/unknown placeholder \{contry\}/);
    expect(() => compileNamePattern('{country}{venue}')).toThrow(/no text between/);
    expect(() => compileNamePattern('{country}_{country}')).toThrow(/appears twice/);
    expect(() => compileNamePattern('{country_{year}')).toThrow(/unbalanced brace/);
    expect(() => compileNamePattern('plain')).toThrow(/no placeholder/);
    expect(compileNamePattern('{country}{year}').fields).toEqual(['country', 'year']);
  });

  it('takes user-pattern metadata when ingesting, source file_name', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'IDN_1993_parliament.txt': 'Text.' });
    const doc = onlyDoc(await ingestOne(dir, 'IDN_1993_parliament.txt', { namePattern: '{country}_{year}_{venue}' }));
    expect(doc.meta).toEqual({ country: 'IDN', year: 1993, venue: 'parliament', audience: 'domestic' });
    expect(doc.metaSources).toEqual({ country: 'file_name', year: 'file_name', venue: 'file_name', audience: 'implied' });
  });
});
