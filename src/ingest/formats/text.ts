// Plain text: the decoded bytes, as they are.
import { decodeBytes } from '../decode.js';
import { undecodable, type Part, type ReadOptions } from './part.js';

export async function readText(bytes: Uint8Array, options: ReadOptions = {}): Promise<Part[]> {
  const decoded = decodeBytes(bytes, undefined, options.encoding);
  if (!decoded.ok) return [undecodable(decoded)];
  return [{ text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings }];
}
