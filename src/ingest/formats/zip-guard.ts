// A .docx is a ZIP archive, and a ZIP can be a bomb: a few hundred kilobytes
// that inflate to gigabytes and would take the whole run down with them
// (mammoth inflates document.xml in memory). Before mammoth sees the file,
// its entries are inflated here with a budget on the total output; the sizes
// the archive declares are checked first (cheap), the real sizes then (an
// archive can lie about them). Anything this reader does not understand is
// left to mammoth, which reports it as an invalid DOCX.
import { inflateRawSync } from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

export type ZipCheck = { ok: true } | { ok: false; expandsTo: number | 'more' };

interface Entry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - EOCD_MIN - MAX_COMMENT);
  for (let at = zip.length - EOCD_MIN; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** The central directory's entries, or undefined when it cannot be read (mammoth will say why). */
function entries(zip: Buffer): Entry[] | undefined {
  if (zip.length < EOCD_MIN) return undefined;
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd < 0) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) return undefined;
    out.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

function entryData(zip: Buffer, entry: Entry): Buffer | undefined {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
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
  if (!list) return { ok: true };
  const declared = list.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limit) return { ok: false, expandsTo: declared };
  let total = 0;
  for (const entry of list) {
    const data = entryData(zip, entry);
    if (!data) continue;
    const size = entry.method === STORED ? data.length : entry.method === DEFLATED ? inflatedSize(data, limit - total + 1) : undefined;
    if (size === 'more') return { ok: false, expandsTo: 'more' };
    total += size ?? 0;
    if (total > limit) return { ok: false, expandsTo: 'more' };
  }
  return { ok: true };
}
