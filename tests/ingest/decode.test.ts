import { describe, expect, it } from 'vitest';
import iconvLite from 'iconv-lite';
import { decodeBytes } from '../../src/ingest/decode.js';
import { guessSingleByte } from '../../src/ingest/singlebyte.js';
import { cp1252, macRoman, utf16be, utf16le } from './fixtures.js';

const SAMPLE = 'The Government’s “constructive dialogue” — café, Mexico’s délégation, año.';

function decoded(bytes: Uint8Array, charset?: string) {
  const d = decodeBytes(bytes, charset);
  if (!d.ok) throw new Error(d.reason);
  return d;
}

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decoded(Buffer.from(SAMPLE))).toMatchObject({ text: SAMPLE, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
    expect(decoded(bom)).toMatchObject({ text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SAMPLE)]))).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]))).toMatchObject({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by its NUL pattern', () => {
    expect(decoded(utf16le(SAMPLE))).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decoded(utf16be(SAMPLE))).toMatchObject({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('fails odd-length UTF-16 with a BOM instead of inventing characters', () => {
    const d = decodeBytes(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]));
    expect(d).toMatchObject({ ok: false, status: 'failed', reason: expect.stringContaining('invalid UTF-16LE') });
  });

  it('decodes Windows-1252 smart quotes and accents', () => {
    const text = 'He said “we welcome the Rapporteur’s visit” – in the café, the délégation agreed…';
    expect(decoded(cp1252(text))).toMatchObject({ text, encoding: 'windows-1252' });
  });

  it('decodes Mac Roman smart quotes and accents', () => {
    const text = 'The delegation stated that “the Government’s commitment” – the café – was clear…';
    expect(decoded(macRoman(text))).toMatchObject({ text, encoding: 'macintosh' });
  });

  it('tells the two apart on a single accented word or quote', () => {
    expect(decoded(cp1252('caf\u00e9 society')).encoding).toBe('windows-1252');
    expect(decoded(macRoman('caf\u00e9 society')).encoding).toBe('macintosh');
    expect(decoded(cp1252('Kenya’s report')).encoding).toBe('windows-1252');
    expect(decoded(macRoman('Kenya’s report')).encoding).toBe('macintosh');
  });

  it('reads Latin-1 text as Windows-1252', () => {
    const text = 'São Tomé e Príncipe, Côte d’Ivoire'.replace('’', "'");
    expect(decoded(Buffer.from(text, 'latin1'))).toMatchObject({ text, encoding: 'windows-1252' });
  });

  it('never produces replacement characters for single-byte text', () => {
    const all = Buffer.alloc(128);
    for (let i = 0; i < 128; i++) all[i] = 0x80 + i;
    const d = decoded(Buffer.concat([Buffer.from('abc '), all]));
    expect(d.text).not.toContain('\uFFFD');
    expect(d.encoding).toBe('macintosh'); // Windows-1252 cannot read 0x81, 0x8D, ...
  });

  it('uses an HTML-declared charset only when the bytes are not UTF-8', () => {
    expect(decoded(Buffer.from('naïve'), 'windows-1252').text).toBe('naïve');
    expect(decoded(iconv('Zażółć', 'iso-8859-2'), 'iso-8859-2')).toMatchObject({ text: 'Zażółć', encoding: 'iso-8859-2' });
  });

  it('keeps CR, LF and CRLF line endings exactly', () => {
    const text = 'one\rtwo\nthree\r\nfour';
    expect(decoded(Buffer.from(text)).text).toBe(text);
    expect(decoded(cp1252(`${text} é`)).text).toBe(`${text} é`);
  });

  it('skips binary content', () => {
    expect(decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]))).toEqual({
      ok: false,
      status: 'skipped',
      reason: 'binary content (NUL bytes)',
    });
    expect(decodeBytes(Buffer.from('text\u0000 with one NUL in the middle of ordinary words'))).toMatchObject({ reason: 'binary content (NUL bytes)' });
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeBytes(controls)).toMatchObject({ ok: false, reason: 'binary content (control characters)' });
  });
});

describe('guessSingleByte', () => {
  it('scores both readings', () => {
    const guess = guessSingleByte(macRoman('the State’s “reply”'));
    expect(guess.encoding).toBe('macintosh');
    expect(guess.scores.macintosh).toBeGreaterThan(guess.scores['windows-1252']);
  });

  it('does not take a Mac Roman capital at the start of a word for an ellipsis glued to it', () => {
    // Mac Roman Ö (0x85) is Windows-1252 "…": "The Öa" would read "The …a" (found by the property test in tests/robustness).
    expect(decoded(macRoman('The Öa Öa café.'))).toMatchObject({ text: 'The Öa Öa café.', encoding: 'macintosh' });
    expect(decoded(macRoman('Öa Öa café.'))).toMatchObject({ text: 'Öa Öa café.', encoding: 'macintosh' });
    // The same the other way: Windows-1252 É (0xC9) is Mac Roman "…".
    expect(decoded(cp1252('The Éa Éa café.'))).toMatchObject({ text: 'The Éa Éa café.', encoding: 'windows-1252' });
    // An ellipsis that ends a word or a sentence, or opens a quoted fragment, still reads as one.
    expect(decoded(cp1252('He said… and left; “…and then” it ended…'))).toMatchObject({ encoding: 'windows-1252' });
  });
});

function iconv(text: string, encoding: string): Buffer {
  return iconvLite.encode(text, encoding);
}
