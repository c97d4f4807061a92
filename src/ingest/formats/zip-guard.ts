// A .docx is a ZIP archive, and a ZIP can be a bomb: a few hundred kilobytes
// that inflate to gigabytes and would take the whole run down with them
// (mammoth inflates document.xml in memory). Before mammoth sees the file,
// its entries are inflated here with a budget on the total output; the sizes
// the archive declares are checked first (cheap), the real sizes then (an
// archive can lie about them).
//
// The entries checked must be the entries the unzipper (jszip, inside mammoth)
// will inflate, so the directory is found the way jszip finds it: the last end
// record in the file; its ZIP64 end record when a field of it is full (0xFFFF
// entries, 0xFFFFFFFF offset: an archive of more than 65,535 entries); the
// whole central directory, every entry whose signature follows, whatever count
// the end record gives; offsets shifted by bytes prepended to the archive. An
// archive that has an end record but whose entries cannot all be found and
// measured is not left to chance: it is refused as unchecked. A file with no end
// record at all is left to mammoth, which reports it as an invalid DOCX.
import { inflateRawSync } from 'node:zlib';

const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP64_LOCATOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x06, 0x07]);
const ZIP64_EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x06, 0x06]);
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Fixed sizes of the records (APPNOTE 4.3). */
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
/** A field set to its maximum: the real value is in the ZIP64 records. */
const FULL_16 = 0xffff;
const FULL_32 = 0xffffffff;
/** Extra-field id of the ZIP64 sizes and offset of an entry. */
const ZIP64_EXTRA_ID = 0x0001;
const STORED = 0;
const DEFLATED = 8;

export type ZipCheck = { ok: true } | { ok: false; expandsTo: number | 'more' } | { ok: false; unchecked: string };

interface Entry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Where the central directory is: its offset, the entry count the end records declare, and the shift of prepended bytes. */
interface Directory {
  offset: number;
  declared: number;
  zero: number;
}

/** A 64-bit field as a number, or undefined when it cannot be an offset or size in a file we read. */
function uint64(zip: Buffer, at: number): number | undefined {
  const value = zip.readBigUInt64LE(at);
  return value <= BigInt(FULL_32) ? Number(value) : undefined;
}

/** The central directory as the end records give it; a string says why it cannot be found; undefined: no end record. */
function directory(zip: Buffer): Directory | string | undefined {
  const eocd = zip.lastIndexOf(EOCD_SIGNATURE);
  if (eocd < 0 || eocd + EOCD_SIZE > zip.length) return undefined;
  const full16 = [4, 6, 8, 10].some((field) => zip.readUInt16LE(eocd + field) === FULL_16);
  let declared = zip.readUInt16LE(eocd + 10);
  let size = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  let end = offset + size; // where the end records begin when nothing is prepended
  if (full16 || size === FULL_32 || offset === FULL_32) {
    const locator = zip.lastIndexOf(ZIP64_LOCATOR_SIGNATURE);
    if (locator < 0 || locator + ZIP64_LOCATOR_SIZE > zip.length) return 'ZIP64 archive without its end-record locator';
    let record = uint64(zip, locator + 8) ?? -1;
    if (record < 0 || record + 4 > zip.length || !zip.subarray(record, record + 4).equals(ZIP64_EOCD_SIGNATURE)) record = zip.lastIndexOf(ZIP64_EOCD_SIGNATURE);
    if (record < 0 || record + ZIP64_EOCD_SIZE > zip.length) return 'ZIP64 archive without its end record';
    const recordSize = uint64(zip, record + 4);
    const count = uint64(zip, record + 32);
    const size64 = uint64(zip, record + 40);
    const offset64 = uint64(zip, record + 48);
    if (recordSize === undefined || count === undefined || size64 === undefined || offset64 === undefined) return 'ZIP64 end record out of range';
    [declared, size, offset] = [count, size64, offset64];
    end = offset + size + ZIP64_LOCATOR_SIZE + 12 + recordSize;
  }
  const prepended = eocd - end;
  if (prepended < 0) return 'central directory overlaps its end record';
  return { offset, declared, zero: prepended };
}

/** An entry's sizes and offset, from its ZIP64 extra field where the 32-bit fields are full. */
function withZip64Extra(zip: Buffer, entry: Entry, extraStart: number, extraEnd: number): Entry | undefined {
  const needs = (['uncompressedSize', 'compressedSize', 'localOffset'] as const).filter((k) => entry[k] === FULL_32);
  if (needs.length === 0) return entry;
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = zip.readUInt16LE(at);
    const length = zip.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA_ID) {
      if (at + 4 + 8 * needs.length > Math.min(extraEnd, at + 4 + length)) return undefined;
      const out = { ...entry };
      let field = at + 4;
      for (const k of needs) {
        const value = uint64(zip, field);
        if (value === undefined) return undefined;
        out[k] = value;
        field += 8;
      }
      return out;
    }
    at += 4 + length;
  }
  return undefined;
}

/** Every entry of the central directory, or why they cannot all be read; undefined: not an archive (mammoth will say why). */
function entries(zip: Buffer): Entry[] | string | undefined {
  const dir = directory(zip);
  if (dir === undefined || typeof dir === 'string') return dir;
  const out: Entry[] = [];
  let at = dir.zero + dir.offset;
  while (at + 4 <= zip.length && zip.readUInt32LE(at) === CENTRAL_SIGNATURE) {
    if (at + CENTRAL_SIZE > zip.length) return `central directory entry ${out.length + 1} truncated`;
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const extraStart = at + CENTRAL_SIZE + nameLength;
    const entry = withZip64Extra(
      zip,
      {
        method: zip.readUInt16LE(at + 10),
        compressedSize: zip.readUInt32LE(at + 20),
        uncompressedSize: zip.readUInt32LE(at + 24),
        localOffset: zip.readUInt32LE(at + 42),
      },
      extraStart,
      Math.min(zip.length, extraStart + extraLength),
    );
    if (!entry) return `entry ${out.length + 1} has no readable ZIP64 sizes`;
    out.push({ ...entry, localOffset: dir.zero + entry.localOffset });
    at = extraStart + extraLength + zip.readUInt16LE(at + 32);
  }
  if (out.length < dir.declared) return `${out.length} of the ${dir.declared} entries it declares found`;
  return out;
}

function entryData(zip: Buffer, entry: Entry): Buffer | undefined {
  const at = entry.localOffset;
  if (at + LOCAL_SIZE > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) return undefined;
  const start = at + LOCAL_SIZE + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  return end <= zip.length ? zip.subarray(start, end) : undefined;
}

/** Inflated size of a deflated entry, or 'more' when it exceeds `budget`. */
function inflatedSize(data: Buffer, budget: number): number | 'more' | undefined {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'more';
    return undefined; // corrupt data: mammoth reports it
  }
}

/** Whether the archive stays within `limit` bytes once every entry is unzipped. */
export function checkZipExpansion(bytes: Uint8Array, limit: number): ZipCheck {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const list = entries(zip);
  if (list === undefined) return { ok: true };
  if (typeof list === 'string') return { ok: false, unchecked: list };
  const declared = list.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limit) return { ok: false, expandsTo: declared };
  let total = 0;
  for (const [i, entry] of list.entries()) {
    const data = entryData(zip, entry);
    if (!data) return { ok: false, unchecked: `data of entry ${i + 1} not found` };
    const size = entry.method === STORED ? data.length : entry.method === DEFLATED ? inflatedSize(data, limit - total + 1) : undefined;
    if (size === 'more') return { ok: false, expandsTo: 'more' };
    total += size ?? 0;
    if (total > limit) return { ok: false, expandsTo: 'more' };
  }
  return { ok: true };
}
