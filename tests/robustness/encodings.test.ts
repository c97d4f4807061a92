// classify on text in encodings it does not detect by itself (issue 16, row 11):
// UTF-32 is read, mojibake is flagged with the likely encoding, and
// --encoding forces one (an unknown name stops the run before it starts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classify, noStackTrace, tempDir, textOf, writeFiles } from './helpers.js';

const ENGLISH = 'We respect human rights. The allegations are baseless.';
const RUSSIAN = 'Правительство уважает права человека и основные свободы. Делегация отвергла обвинения в пытках как необоснованные.';

function utf32le(text: string): Buffer {
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const out = Buffer.alloc(4 * cps.length);
  cps.forEach((cp, i) => out.writeUInt32LE(cp, 4 * i));
  return out;
}

describe('classify and text encodings', () => {
  it('reads UTF-32LE, warns on KOI8-R read as a Western encoding, and reads it with --encoding', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'utf32.txt': utf32le(ENGLISH), 'koi8.txt': iconv.encode(RUSSIAN, 'koi8-r') });
    const detected = await classify([dir]);
    expect(detected.code, detected.stderr).toBe(0);
    expect(detected.byId.get('utf32.txt')).toMatchObject({ status: 'ok', encoding: 'utf-32le' });
    expect(textOf(detected, 'utf32.txt')).toBe(ENGLISH);
    expect(detected.byId.get('koi8.txt')?.warnings).toEqual([
      expect.stringMatching(/^text does not read as (windows-1252|macintosh) .*it looks like KOI8-R: use --encoding KOI8-R to read it so$/),
    ]);

    const forced = await classify([path.join(dir, 'koi8.txt')], ['--encoding', 'KOI8-R']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.byId.get('koi8.txt')).toMatchObject({ status: 'ok', encoding: 'koi8-r' });
    expect(forced.byId.get('koi8.txt')?.warnings).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(forced.out, 'run.json'), 'utf8')).options.encoding).toBe('KOI8-R');
  });

  it('refuses an unknown --encoding with one line and exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': ENGLISH });
    const run = await classify([dir], ['--encoding', 'klingon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--encoding: unknown encoding "klingon"');
    expect(noStackTrace(run.stderr)).toBe(true);
  });
});
