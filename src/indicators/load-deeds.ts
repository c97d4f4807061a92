// Edge: read a deeds file as the data sets ship them — UTF-8 with or without a
// BOM, or Latin-1 (PTS); CR, LF or CRLF line endings — and parse it.
import { readFileSync } from 'node:fs';
import { parseDeeds, type DeedsTable } from './deeds.js';
import { InputFileError } from './errors.js';

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), else Latin-1 (every byte is a character). */
export function decodeTable(bytes: Buffer): string {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('latin1').decode(body);
  }
}

export function loadDeeds(file: string): DeedsTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputFileError([{ file, message: 'deeds file not found' }]);
  }
  return parseDeeds(decodeTable(bytes), file);
}
