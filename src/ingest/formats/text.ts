// Plain text: the decoded bytes, as they are.
import { decodeBytes } from '../decode.js';
import { undecodable, type Part } from './part.js';

export async function readText(bytes: Uint8Array): Promise<Part[]> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [undecodable(decoded)];
  return [{ text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings }];
}
