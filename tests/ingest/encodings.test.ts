// Text in encodings spiral does not detect by itself (issue 16, row 11). Found:
// UTF-32LE with a BOM was read as UTF-16LE (NULs everywhere, `ok`, no warning);
// cp1251, KOI8-R, Shift-JIS, GB18030 and ISO-8859-2 came out as Windows-1252 or
// Mac Roman mojibake, `ok`, no warning. Now UTF-32 is decoded, such text gets a
// warning naming the encoding it looks like, and an encoding can be forced.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createIngestContext, EncodingError } from '../../src/ingest/index.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { ingestOne, onlyDoc, tempDir, writeFiles } from './fixtures.js';

const SAMPLES = {
  ru: 'Правительство Российской Федерации уважает права человека и основные свободы. Делегация приняла рекомендации Совета по правам человека и отвергла обвинения в пытках как необоснованные.',
  ja: '日本政府は人権と基本的自由を尊重します。代表団は人権理事会の勧告を受け入れ、拷問の申し立ては根拠がないとして退けました。',
  zh: '中国政府尊重人权和基本自由。代表团接受了人权理事会的建议，并驳斥了关于酷刑的指控，认为这些指控毫无根据。',
  cs: 'Vláda České republiky respektuje lidská práva a základní svobody. Delegace přijala doporučení Rady pro lidská práva a odmítla obvinění z mučení jako neopodstatněná. Pozvali jsme zvláštního zpravodaje, aby příští rok navštívil naši zemi.',
  pl: 'Rząd Rzeczypospolitej Polskiej szanuje prawa człowieka i podstawowe wolności. Delegacja przyjęła zalecenia Rady Praw Człowieka i odrzuciła zarzuty tortur jako bezpodstawne.',
  hu: 'A Magyar Köztársaság kormánya tiszteletben tartja az emberi jogokat és az alapvető szabadságokat. A küldöttség elfogadta az Emberi Jogi Tanács ajánlásait, és megalapozatlannak minősítette a kínzással kapcsolatos vádakat.',
  fr: 'Le Gouvernement de la République française respecte les droits de l’homme et les libertés fondamentales. La délégation a accepté les recommandations du Conseil des droits de l’homme et a rejeté les allégations de torture, jugées infondées. Nous avons invité le Rapporteur spécial à se rendre dans le pays l’année prochaine.',
  de: 'Die Regierung der Bundesrepublik Deutschland achtet die Menschenrechte und Grundfreiheiten. Die Delegation hat die Empfehlungen des Menschenrechtsrats angenommen und die Foltervorwürfe als unbegründet zurückgewiesen.',
  es: 'El Gobierno de la República de Chile respeta los derechos humanos y las libertades fundamentales. La delegación aceptó las recomendaciones del Consejo de Derechos Humanos y rechazó las acusaciones de tortura por infundadas.',
  pt: 'O Governo da República Federativa do Brasil respeita os direitos humanos e as liberdades fundamentais. A delegação aceitou as recomendações do Conselho de Direitos Humanos e rejeitou as alegações de tortura como infundadas.',
  en: 'The Government of Côte d’Ivoire respects human rights and fundamental freedoms. The delegation accepted the “recommendations” of the Human Rights Council — and rejected the allegations of torture as baseless. We invited the Special Rapporteur to visit São Tomé next year.',
};

function utf32(text: string, little: boolean): Buffer {
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const out = Buffer.alloc(4 * cps.length);
  cps.forEach((cp, i) => (little ? out.writeUInt32LE(cp, 4 * i) : out.writeUInt32BE(cp, 4 * i)));
  return out;
}

function decoded(bytes: Uint8Array, forced?: string) {
  const d = decodeBytes(bytes, undefined, forced);
  if (!d.ok) throw new Error(d.reason);
  return d;
}

describe('UTF-32 with a byte-order mark', () => {
  it('is decoded, little- and big-endian, characters beyond the BMP included', () => {
    const text = `${SAMPLES.en} 𝒜 ${SAMPLES.ru}`;
    expect(decoded(utf32(text, true))).toEqual({ ok: true, text, encoding: 'utf-32le', warnings: [] });
    expect(decoded(utf32(text, false))).toEqual({ ok: true, text, encoding: 'utf-32be', warnings: [] });
  });

  it('fails when a code point is out of range rather than inventing characters', () => {
    const bad = Buffer.concat([utf32('ok', false), Buffer.from([0x00, 0x11, 0x00, 0x00])]);
    expect(decodeBytes(bad)).toMatchObject({ ok: false, status: 'failed', reason: expect.stringContaining('invalid UTF-32BE') });
  });
});

describe('text in another encoding than Windows-1252 or Mac Roman', () => {
  it.each([
    ['ru', 'windows-1251', 'windows-1251'],
    ['ru', 'koi8-r', 'KOI8-R'],
    ['ja', 'shift_jis', 'Shift_JIS'],
    ['zh', 'gb18030', 'GB18030'],
    ['cs', 'iso-8859-2', 'ISO-8859-2'],
    ['pl', 'iso-8859-2', 'ISO-8859-2'],
    ['hu', 'iso-8859-2', 'ISO-8859-2'],
  ] as const)('%s in %s is read as before, with a warning naming %s', (lang, encoding, guess) => {
    const d = decoded(iconv.encode(SAMPLES[lang], encoding));
    expect(['windows-1252', 'macintosh']).toContain(d.encoding);
    expect(d.warnings).toEqual([
      expect.stringMatching(new RegExp(`^text does not read as ${d.encoding} \\(.+\\); it looks like ${guess}: use --encoding ${guess} to read it so$`)),
    ]);
    expect(decoded(iconv.encode(SAMPLES[lang], encoding), guess).text).toBe(SAMPLES[lang]);
  });

  it.each([
    ['fr', 'windows-1252'],
    ['de', 'windows-1252'],
    ['es', 'windows-1252'],
    ['pt', 'windows-1252'],
    ['en', 'windows-1252'],
    ['en', 'macintosh'],
    ['fr', 'macintosh'],
    ['de', 'macintosh'],
  ] as const)('%s in %s gets no warning', (lang, encoding) => {
    expect(decoded(iconv.encode(SAMPLES[lang], encoding)).warnings).toEqual([]);
  });

  it('reads a forced encoding whatever the bytes look like, and fails bytes that are not in it', () => {
    expect(decoded(iconv.encode(SAMPLES.ru, 'koi8-r'), 'KOI8-R')).toEqual({ ok: true, text: SAMPLES.ru, encoding: 'koi8-r', warnings: [] });
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLES.fr)]), 'utf-8').text).toBe(SAMPLES.fr);
    expect(decodeBytes(Buffer.from([0x41, 0x81, 0x42]), undefined, 'windows-1252')).toMatchObject({
      ok: false,
      status: 'failed',
      reason: 'not valid windows-1252 text (the encoding was forced)',
    });
  });
});

describe('forcing an encoding for ingest', () => {
  it('takes --encoding for every text file, a manifest row for one file, and refuses an unknown name', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'ru.txt': iconv.encode(SAMPLES.ru, 'koi8-r'),
      'pl.txt': iconv.encode(SAMPLES.pl, 'iso-8859-2'),
      'bad.txt': iconv.encode(SAMPLES.pl, 'iso-8859-2'),
      'manifest.yaml': 'pl.txt: {encoding: iso-8859-2}\nbad.txt: {encoding: klingon}\n',
    });
    expect(onlyDoc(await ingestOne(dir, 'ru.txt', { encoding: 'koi8-r' }))).toMatchObject({ text: SAMPLES.ru, encoding: 'koi8-r', warnings: [] });
    expect(onlyDoc(await ingestOne(dir, 'pl.txt', { encoding: 'koi8-r' }))).toMatchObject({ text: SAMPLES.pl, encoding: 'iso-8859-2', warnings: [] });
    const bad = onlyDoc(await ingestOne(dir, 'bad.txt'));
    expect(bad.encoding).toBe('windows-1252');
    expect(bad.warnings).toEqual(['manifest.yaml:2: unknown encoding "klingon"; ignored', expect.stringMatching(/^text does not read as windows-1252/)]);
    expect(() => createIngestContext({ encoding: 'klingon' })).toThrow(EncodingError);
  });
});
