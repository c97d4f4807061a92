// File names as raw bytes. Node turns a name that is not valid UTF-8 into a
// string with U+FFFD, which cannot be opened again and can look like another
// name, so names are read as bytes and judged on them. A name that is not valid
// UTF-8 is shown with each invalid byte percent-escaped ("report%E9.txt") and
// reopened through its raw bytes.
//
// Shown names must stay unique, so `%` is escaped too (%25) in every escaped
// name, and a valid name that could be mistaken for an escaped one (it contains
// "%25" or "%80"–"%FF") is escaped the same way: `r\xE9.txt` is shown as
// "r%E9.txt", a file literally named "r%E9.txt" as "r%25E9.txt". Every other
// name (including "50%.txt" and "a%20b.txt") is shown as it is.
import { isUtf8 } from 'node:buffer';
import { readdir } from 'node:fs/promises';
import { posix } from 'node:path';

/** What every escaped name contains and no name shown as it is does: %25, or the escape of a byte 0x80–0xFF. */
const LOOKS_ESCAPED = /%(?:25|[89A-F][0-9A-F])/;

const escapeByte = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** A raw name as text: valid UTF-8 kept, `%` and every invalid byte as %XX. */
export function escapeName(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  while (i < raw.length) {
    const length = sequenceLength(raw, i);
    if (length > 0 && raw[i] !== 0x25) {
      out += decoder.decode(raw.subarray(i, i + length));
      i += length;
    } else {
      out += escapeByte(raw[i]);
      i++;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte starts none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const first = b[i];
  if (first < 0x80) return 1;
  const length = first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > b.length) return 0;
  return isUtf8(b.subarray(i, i + length)) ? length : 0;
}

export const isValidName = (raw: Uint8Array): boolean => isUtf8(raw);

/** How a name is shown in ids and paths: as it is when it is valid UTF-8 and cannot be mistaken for an escaped name, else escaped. */
export function shownName(raw: Uint8Array): string {
  if (isUtf8(raw)) {
    const name = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    if (!LOOKS_ESCAPED.test(name)) return name;
  }
  return escapeName(raw);
}

/** The name shown for a valid UTF-8 name (a manifest names files by their text). */
export const shownText = (name: string): string => shownName(Buffer.from(name, 'utf8'));

/** The raw path of the entry in `dirAbs` whose shown name is `shown`, if any. */
export async function rawPathFor(dirAbs: string, shown: string): Promise<Buffer | undefined> {
  try {
    const raw = await readdir(dirAbs, { encoding: 'buffer' });
    const match = raw.find((name) => shownName(name) === shown);
    return match ? Buffer.concat([Buffer.from(dirAbs + posix.sep), match]) : undefined;
  } catch {
    return undefined;
  }
}
