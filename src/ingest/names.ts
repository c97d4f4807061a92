// File names that are not valid UTF-8. Node turns such names into strings with
// U+FFFD, which cannot be opened again. We show them with the invalid bytes
// percent-escaped ("report%E9.txt") and reopen them through the raw bytes.
import { readdir } from 'node:fs/promises';
import { posix } from 'node:path';

/** A raw file name as text: valid UTF-8 kept, every invalid byte as %XX. */
export function escapeInvalidUtf8(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  while (i < raw.length) {
    const length = sequenceLength(raw, i);
    if (length > 0) {
      out += decoder.decode(raw.subarray(i, i + length));
      i += length;
    } else {
      out += `%${raw[i].toString(16).toUpperCase().padStart(2, '0')}`;
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
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, i + length));
    return length;
  } catch {
    return 0;
  }
}

export const hasReplacementChar = (name: string): boolean => name.includes('\uFFFD');

/** Raw names in `dirAbs` that Node shows as `lossyName` (several invalid names can look alike). */
export async function rawNamesLike(dirAbs: string, lossyName: string): Promise<Buffer[]> {
  try {
    const raw = await readdir(dirAbs, { encoding: 'buffer' });
    return raw.filter((name) => name.toString('utf8') === lossyName).sort(Buffer.compare);
  } catch {
    return [];
  }
}

/** The raw path of the entry in `dirAbs` whose escaped name is `escapedName`, if any. */
export async function rawPathFor(dirAbs: string, escapedName: string): Promise<Buffer | undefined> {
  try {
    const raw = await readdir(dirAbs, { encoding: 'buffer' });
    const match = raw.find((name) => escapeInvalidUtf8(name) === escapedName);
    return match ? Buffer.concat([Buffer.from(dirAbs + posix.sep), match]) : undefined;
  } catch {
    return undefined;
  }
}
