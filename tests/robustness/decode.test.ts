// The decoder on text that is neither clean UTF-8 nor clean legacy text:
// mostly-UTF-8 files with stray bytes, legacy files that contain well-formed
// UTF-8 sequences by accident, and files padded with NUL bytes.
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, type Decoded } from '../../src/ingest/decode.js';
import { decodeMostlyUtf8 } from '../../src/ingest/mixed.js';

const ok = (d: Decoded) => {
  if (!d.ok) throw new Error(`not decoded: ${d.reason}`);
  return d;
};
const cat = (...parts: Array<string | number[] | Buffer>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('mostly UTF-8 with stray bytes', () => {
  it('reads the UTF-8 as UTF-8 and the stray bytes in the single-byte encoding they fit', () => {
    const d = ok(decodeBytes(cat('Türkiye’s “statement”; ', iconv.encode('naïve café', 'windows-1252'), '.')));
    expect(d).toMatchObject({ text: 'Türkiye’s “statement”; naïve café.', encoding: 'utf-8+windows-1252' });
    expect(d.warnings).toEqual(['not valid UTF-8 throughout: 2 stray bytes read as windows-1252 (mixed encodings)']);
  });

  it('reads non-Latin UTF-8 with one stray byte as UTF-8 (ten times as many UTF-8 characters)', () => {
    const russian = 'Права человека уважаются.';
    expect(ok(decodeBytes(cat(russian, ' caf', [0xe9], '.')))).toMatchObject({ text: `${russian} café.`, encoding: 'utf-8+windows-1252' });
  });

  it('leaves legacy text whose bytes form UTF-8 sequences by accident to the single-byte heuristic', () => {
    // Mac Roman “ (0xD2) before É (0x83) is the well-formed UTF-8 sequence for U+0483, not a Latin character.
    const text = 'The “Éric” and “Élise” cases were “Éclaircies”.';
    expect(decodeMostlyUtf8(iconv.encode(text, 'macintosh'))).toBeUndefined();
    expect(ok(decodeBytes(iconv.encode(text, 'macintosh')))).toMatchObject({ text, encoding: 'macintosh' });
  });

  it('reads generated Western text in UTF-8, Windows-1252 and Mac Roman back exactly, never as mixed', () => {
    fc.assert(
      fc.property(westernText(), (text) => {
        expect(ok(decodeBytes(Buffer.from(text)))).toMatchObject({ text, encoding: 'utf-8' });
        for (const encoding of ['windows-1252', 'macintosh'] as const) {
          expect(ok(decodeBytes(iconv.encode(text, encoding)))).toMatchObject({ text, encoding });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never produces replacement characters, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const d = decodeBytes(bytes);
        if (d.ok && !bytes.includes(0xef)) expect(d.text).not.toContain('\uFFFD');
      }),
      { numRuns: 500 },
    );
  });
});

describe('NUL padding', () => {
  it('drops a final run of NULs, with a warning, and decodes the rest as usual', () => {
    const d = ok(decodeBytes(cat(iconv.encode('Côte d’Ivoire', 'macintosh'), Buffer.alloc(10))));
    expect(d).toMatchObject({ text: 'Côte d’Ivoire', encoding: 'macintosh', warnings: ['10 NUL bytes at the end ignored (a file not completely written?)'] });
  });

  it('keeps treating NULs elsewhere as binary, and a file of nothing but NULs', () => {
    expect(decodeBytes(cat('abc', [0], 'def', [0, 0]))).toMatchObject({ ok: false, reason: 'binary content (NUL bytes)' });
    expect(decodeBytes(Buffer.alloc(100))).toMatchObject({ ok: false, reason: 'binary content (NUL bytes)' });
  });

  it('still reads UTF-16 without a BOM (NULs throughout, not padding)', () => {
    expect(ok(decodeBytes(Buffer.from('Kenya\n', 'utf16le')))).toMatchObject({ text: 'Kenya\n', encoding: 'utf-16le' });
  });
});

/** Sentences as statements write them: capitals starting words, accents inside words, curly quotes and apostrophes, dashes, ellipses. */
function westernText(): fc.Arbitrary<string> {
  const ascii = fc.constantFrom(...'abcdefghilmnoprstuv');
  const inner = fc.constantFrom(...'abcdefghilmnoprstuv', ...'éèàçüöñâôî');
  const first = fc.constantFrom(...'abcdlmpstABCDKLMPST', 'É', 'Ç', 'À', 'Ö');
  // Accented lowercase letters inside words, as in real names and words (a lone "î" is not text).
  const word = fc.tuple(first, fc.array(inner, { maxLength: 6 }), ascii).map(([f, ls, l]) => f + ls.join('') + l);
  const phrase = fc.oneof(
    word,
    word.map((w) => `${w}’s`),
    word.map((w) => `“${w}”`),
    word.map((w) => `‘${w}’`),
    word.map((w) => `«${w}»`),
    word.map((w) => `${w}…`),
    fc.constant('–'),
    fc.constant('—'),
  );
  // At least one character beyond ASCII, so the text is not plain UTF-8 in every encoding.
  return fc.array(phrase, { minLength: 1, maxLength: 30 }).map((ps) => `The ${ps.join(' ')} café.`);
}
