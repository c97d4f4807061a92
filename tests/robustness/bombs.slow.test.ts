// Small files that expand without bound: a .docx that is a ZIP bomb is skipped
// before mammoth inflates it, whether the archive declares its real size or
// lies about it; a PDF whose page draws millions of text items is skipped
// before its text is collected. Real files beside them are read. (Found: a
// 338 KB .docx of 116 MB XML and a 583 KB PDF of 3.7 million text items each
// ran a 4 GB heap out of memory, which killed the whole run.)
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDeflateRaw, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_UNZIPPED_BYTES } from '../../src/ingest/formats/docx.js';
import { MAX_PDF_ITEMS_PER_PAGE } from '../../src/ingest/formats/pdf.js';
import { makeDocx, makePdf } from '../ingest/binaries.js';
import { classify, tempDir, textOf } from './helpers.js';

/** `total` zero bytes, deflated in chunks (the test never holds them inflated). */
async function deflatedZeros(total: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1 << 20);
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = once(deflate, 'end');
  for (let written = 0; written < total; written += chunk.length) {
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return Buffer.concat(out);
}

interface ZipEntry {
  name: string;
  data: Buffer; // as stored (deflated)
  declaredSize: number;
}

/** A minimal ZIP archive: local headers, deflated data, central directory, end record (CRCs are not checked before the guard). */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('a .docx that is a ZIP bomb', () => {
  it('is skipped as too large, honest or lying about its size, and the run goes on', async () => {
    const size = 4 * MAX_DOCX_UNZIPPED_BYTES;
    const bomb = await deflatedZeros(size);
    expect(bomb.length).toBeLessThan(size / 100); // it is a bomb
    const dir = tempDir();
    writeFileSync(path.join(dir, 'honest.docx'), zip([{ name: 'word/document.xml', data: bomb, declaredSize: size }]));
    writeFileSync(path.join(dir, 'lying.docx'), zip([{ name: 'word/document.xml', data: bomb, declaredSize: 1000 }]));
    writeFileSync(path.join(dir, 'real.docx'), await makeDocx(['We respect human rights.', 'The allegations are baseless.']));
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get('honest.docx')).toMatchObject({
      status: 'skipped',
      reason: `file too large (unzips to ${size} bytes; limit ${MAX_DOCX_UNZIPPED_BYTES})`,
    });
    expect(run.byId.get('lying.docx')).toMatchObject({
      status: 'skipped',
      reason: `file too large (unzips to more than ${MAX_DOCX_UNZIPPED_BYTES} bytes; limit ${MAX_DOCX_UNZIPPED_BYTES})`,
    });
    expect(run.byId.get('real.docx')).toMatchObject({ status: 'ok', utterances: 2 });
    expect(textOf(run, 'real.docx')).toBe('We respect human rights. The allegations are baseless.');
  }, 300_000);
});

/** A one-page PDF whose content stream (deflated) draws `count` text items. */
function pdfDrawing(count: number): Buffer {
  const op = 'BT /F1 12 Tf 72 712 Td (We respect human rights.) Tj ET\n';
  const content = deflateSync(Buffer.from(op.repeat(count)), { level: 9 });
  const objects: Array<string | Buffer> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    content,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((o, i) => {
    offsets.push(length);
    const body =
      typeof o === 'string'
        ? Buffer.from(`${o}\n`)
        : Buffer.concat([Buffer.from(`<< /Length ${o.length} /Filter /FlateDecode >>\nstream\n`), o, Buffer.from('\nendstream\n')]);
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('endobj\n')]);
    parts.push(object);
    length += object.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('a PDF whose page draws millions of text items', () => {
  it('is skipped as too large once a page passes the item limit, and the run goes on', async () => {
    const dir = tempDir();
    const bomb = pdfDrawing(3_700_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    writeFileSync(path.join(dir, 'bomb.pdf'), bomb);
    writeFileSync(path.join(dir, 'small.pdf'), pdfDrawing(3));
    writeFileSync(path.join(dir, 'real.pdf'), await makePdf([[['We respect human rights.'], ['The allegations are baseless.']]]));
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get('bomb.pdf')).toMatchObject({ status: 'skipped', reason: `file too large (page 1 has more than ${MAX_PDF_ITEMS_PER_PAGE} text items)` });
    expect(run.byId.get('small.pdf')).toMatchObject({ status: 'ok' });
    expect(textOf(run, 'small.pdf')).toContain('We respect human rights.');
    expect(textOf(run, 'real.pdf')).toBe('We respect human rights. The allegations are baseless.');
  }, 300_000);
});
