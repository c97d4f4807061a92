// A .docx the ZIP-bomb guard must see all of (issue 16, row 2). Found: a 6.3 MB
// archive whose end record says 0xFFFF entries (ZIP64: 65,540 entries, a 145 MB
// word/document.xml last) passed the guard, which read only the first 65,535
// entries; mammoth inflated the last one and V8 aborted, losing the run. The
// archives here are built in memory: empty stored entries cost a few dozen
// bytes each, and the large entry is deflated XML (a few tens of kB).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_UNZIPPED_BYTES } from '../../src/ingest/formats/docx.js';
import { checkZipExpansion } from '../../src/ingest/formats/zip-guard.js';
import { makeDocx } from '../ingest/binaries.js';
import { classify, tempDir } from './helpers.js';

interface Member {
  name: string;
  method: 0 | 8;
  /** As stored (deflated when method is 8). */
  data: Buffer;
  /** The uncompressed size the archive declares. */
  declaredSize: number;
}

interface Layout {
  /** Write ZIP64 end records (the classic end record then says 0xFFFF entries). */
  zip64?: boolean;
  /** Leave the ZIP64 records out but still fill the classic end record's fields (a broken ZIP64 archive). */
  omitZip64Records?: boolean;
  /** Junk bytes before the archive (offsets stay relative to the archive, as in a self-extractor). */
  prepend?: number;
}

/** A ZIP archive (CRCs are left 0: nothing checks them before the guard). */
function zipArchive(members: Member[], layout: Layout = {}): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(m.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE(m.method, 10);
    central.writeUInt32LE(m.data.length, 20);
    central.writeUInt32LE(m.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, m.data);
    centrals.push(central, name);
    offset += local.length + name.length + m.data.length;
  }
  const directory = Buffer.concat(centrals);
  const zip64 = layout.zip64 || layout.omitZip64Records;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const records: Buffer[] = [];
  if (layout.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of the record
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(members.length), 24);
    record.writeBigUInt64LE(BigInt(members.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    records.push(record, locator);
  }
  return Buffer.concat([Buffer.alloc(layout.prepend ?? 0, 0x41), ...parts, directory, ...records, end]);
}

/** `bytes` of Word XML paragraphs, deflated (the test holds them inflated once, briefly). */
function deflatedXml(bytes: number): { data: Buffer; size: number } {
  const paragraph = '<w:p><w:r><w:t>We respect human rights.</w:t></w:r></w:p>';
  const xml = Buffer.from(paragraph.repeat(Math.ceil(bytes / paragraph.length)));
  return { data: deflateRawSync(xml, { level: 9 }), size: xml.length };
}

/** `bytes` zero bytes, deflated: what mammoth rejects at once when it gets to inflate them (valid XML of that size would keep it busy for minutes). */
function deflatedZeros(bytes: number): { data: Buffer; size: number } {
  return { data: deflateRawSync(Buffer.alloc(bytes), { level: 9 }), size: bytes };
}

/** `count` empty stored entries, then `last`. */
function manyEntries(count: number, last: Member): Member[] {
  const members: Member[] = [];
  for (let i = 0; i < count; i++) members.push({ name: `e/${i.toString(36)}`, method: 0, data: Buffer.alloc(0), declaredSize: 0 });
  members.push(last);
  return members;
}

const LIMIT = MAX_DOCX_UNZIPPED_BYTES;
const tooLarge = (size: number | 'more') => `file too large (unzips to ${size === 'more' ? `more than ${LIMIT}` : size} bytes; limit ${LIMIT})`;

describe('the ZIP-bomb guard reads every entry of the archive', () => {
  const xml = deflatedXml(LIMIT + (8 << 20));

  it('finds a large entry after the first 65,535 of a ZIP64 archive, declared or not', () => {
    const honest = zipArchive(manyEntries(65_539, { name: 'word/document.xml', method: 8, data: xml.data, declaredSize: xml.size }), { zip64: true });
    const lying = zipArchive(manyEntries(65_539, { name: 'word/document.xml', method: 8, data: xml.data, declaredSize: 1000 }), { zip64: true });
    expect(honest.length).toBeLessThan(8 << 20);
    expect(checkZipExpansion(honest, LIMIT)).toEqual({ ok: false, expandsTo: xml.size });
    expect(checkZipExpansion(lying, LIMIT)).toEqual({ ok: false, expandsTo: 'more' });
  });

  it('reads the entries of an archive with bytes prepended, at their shifted offsets', () => {
    const bomb = zipArchive([{ name: 'word/document.xml', method: 8, data: xml.data, declaredSize: 1000 }], { prepend: 64 });
    expect(checkZipExpansion(bomb, LIMIT)).toEqual({ ok: false, expandsTo: 'more' });
  });

  it('refuses an archive whose end record says ZIP64 but whose ZIP64 records are missing', () => {
    const broken = zipArchive(manyEntries(3, { name: 'word/document.xml', method: 8, data: xml.data, declaredSize: 1000 }), { omitZip64Records: true });
    expect(checkZipExpansion(broken, LIMIT)).toEqual({ ok: false, unchecked: 'ZIP64 archive without its end-record locator' });
  });

  it('passes a ZIP64 archive of many small entries', () => {
    const small = deflatedXml(10_000);
    const fine = zipArchive(manyEntries(65_539, { name: 'word/document.xml', method: 8, data: small.data, declaredSize: small.size }), { zip64: true });
    expect(checkZipExpansion(fine, LIMIT)).toEqual({ ok: true });
  });
});

describe('a .docx bomb the old guard passed: ZIP64, prepended bytes, missing ZIP64 records (issue 16, row 2)', () => {
  it('is skipped with its reason before mammoth inflates it, and the run goes on', async () => {
    const xml = deflatedZeros(LIMIT + (8 << 20));
    const dir = tempDir();
    // A ZIP64 archive of a few entries: the old guard stopped at the ZIP64 record after them and passed it.
    // (With 65,539 entries before the large one, as found, mammoth takes hours on the old code: the guard is tested with those above.)
    writeFileSync(
      path.join(dir, 'zip64.docx'),
      zipArchive(manyEntries(3, { name: 'word/document.xml', method: 8, data: xml.data, declaredSize: xml.size }), { zip64: true }),
    );
    writeFileSync(
      path.join(dir, 'prepended.docx'),
      zipArchive([{ name: 'word/document.xml', method: 8, data: xml.data, declaredSize: 1000 }], { prepend: 64 }),
    );
    writeFileSync(
      path.join(dir, 'no-zip64-records.docx'),
      zipArchive(manyEntries(3, { name: 'word/document.xml', method: 8, data: xml.data, declaredSize: 1000 }), { omitZip64Records: true }),
    );
    writeFileSync(path.join(dir, 'real.docx'), await makeDocx(['We respect human rights.']));
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get('zip64.docx')).toMatchObject({ status: 'skipped', reason: tooLarge(xml.size) });
    expect(run.byId.get('prepended.docx')).toMatchObject({ status: 'skipped', reason: tooLarge('more') });
    expect(run.byId.get('no-zip64-records.docx')).toMatchObject({
      status: 'skipped',
      reason: 'archive cannot be checked for its unzipped size (ZIP64 archive without its end-record locator)',
    });
    expect(run.byId.get('real.docx')).toMatchObject({ status: 'ok', utterances: 1 });
  }, 120_000);
});
