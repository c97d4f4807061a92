// A .docx that is a ZIP bomb is skipped before mammoth inflates it, whether the
// archive declares its real size or lies about it; a real .docx beside it is
// read. (Found: a 338 KB .docx of 116 MB XML made mammoth run a 4 GB heap out
// of memory, which killed the whole run.)
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_UNZIPPED_BYTES } from '../../src/ingest/formats/docx.js';
import { makeDocx } from '../ingest/binaries.js';
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
    expect(run.byId.get('honest.docx')).toMatchObject({ status: 'skipped', reason: `file too large (unzips to ${size} bytes; limit ${MAX_DOCX_UNZIPPED_BYTES})` });
    expect(run.byId.get('lying.docx')).toMatchObject({ status: 'skipped', reason: `file too large (unzips to more than ${MAX_DOCX_UNZIPPED_BYTES} bytes; limit ${MAX_DOCX_UNZIPPED_BYTES})` });
    expect(run.byId.get('real.docx')).toMatchObject({ status: 'ok', utterances: 2 });
    expect(textOf(run, 'real.docx')).toBe('We respect human rights. The allegations are baseless.');
  }, 300_000);
});
