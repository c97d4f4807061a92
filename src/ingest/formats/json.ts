// JSON and JSON Lines. Every record (object) with a string `text` is one
// document; its other fields (country, date, year, speaker, venue, audience,
// type, title) are its own metadata. A .json file holds an array of records,
// a single record, or {"documents": [...]}. A record without text, or a JSONL
// line that is not valid JSON, is a skipped/failed part of its own: the other
// records are still read. Record numbers are 1-based (JSONL: non-blank lines).
import { decodeBytes } from '../decode.js';
import type { RawFields } from '../types.js';
import { undecodable, type Part } from './part.js';

/** Node's JSON.parse message without the echoed input, and the line of the error when Node says where. */
function jsonErrorParts(err: unknown, text: string): { message: string; line?: number } {
  const raw = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(raw);
  const message = raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ after JSON at position \d+.*$/s, ' after the JSON value');
  return { message, line: pos ? lineAt(text, Number(pos[1])) : undefined };
}

/** For a whole .json file: the line when known. */
function jsonFileError(err: unknown, text: string): string {
  const { message, line } = jsonErrorParts(err, text);
  return line === undefined ? `invalid JSON: ${message}` : `invalid JSON at line ${line}: ${message}`;
}

/** For one JSONL line: always its line number in the file. */
function jsonLineError(err: unknown, lineNumber: number): string {
  return `invalid JSON at line ${lineNumber}: ${jsonErrorParts(err, '').message}`;
}

function lineAt(text: string, offset: number): number {
  const before = text.slice(0, offset);
  return (before.match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
}

function recordPart(value: unknown, index: number, encoding: string): Part {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { index, encoding, warnings: [], status: 'skipped', reason: 'record is not a JSON object' };
  }
  const record = value as RawFields;
  const own = { fields: record, source: 'record' as const };
  if (record.text === undefined) return { index, encoding, own, warnings: [], status: 'skipped', reason: 'record has no "text" field' };
  if (typeof record.text !== 'string') return { index, encoding, own, warnings: [], status: 'skipped', reason: '"text" is not a string' };
  return { index, text: record.text, encoding, own, warnings: [] };
}

function recordsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') {
    const obj = value as RawFields;
    if (Array.isArray(obj.documents)) return obj.documents;
    if ('text' in obj) return [obj];
  }
  return undefined;
}

export async function readJson(bytes: Uint8Array): Promise<Part[]> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [undecodable(decoded)];
  // Nothing but white space (or a byte-order mark) holds no records: skipped like an empty .txt, not a JSON error.
  if (decoded.text.trim() === '') return [{ warnings: [], encoding: decoded.encoding, status: 'skipped', reason: 'no records (only white space)' }];
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (err) {
    // A .json file that is really JSON Lines (one object a line) is common in exports.
    const asLines = jsonLinesParts(decoded.text, decoded.encoding, decoded.warnings);
    if (asLines.length > 1 && asLines.every((p) => p.status !== 'failed')) {
      return asLines.map((p) => withWarnings(p, ['file holds JSON Lines (one record a line); read as .jsonl']));
    }
    return [{ warnings: [], encoding: decoded.encoding, status: 'failed', reason: jsonFileError(err, decoded.text) }];
  }
  const records = recordsOf(value);
  if (!records) {
    return [
      {
        warnings: [],
        encoding: decoded.encoding,
        status: 'skipped',
        reason: 'no records: expected an array of objects, an object with "text", or {"documents": [...]}',
      },
    ];
  }
  if (records.length === 0) return [{ warnings: [], encoding: decoded.encoding, status: 'skipped', reason: 'no records (empty list)' }];
  return records.map((r, i) => withWarnings(recordPart(r, i + 1, decoded.encoding), decoded.warnings));
}

function jsonLinesParts(text: string, encoding: string, warnings: string[]): Part[] {
  const parts: Part[] = [];
  let index = 0;
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line.trim() === '') return;
    index++;
    try {
      parts.push(withWarnings(recordPart(JSON.parse(line), index, encoding), warnings));
    } catch (err) {
      parts.push({ index, encoding, warnings: [], status: 'failed', reason: jsonLineError(err, i + 1) });
    }
  });
  return parts;
}

export async function readJsonLines(bytes: Uint8Array): Promise<Part[]> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [undecodable(decoded)];
  const parts = jsonLinesParts(decoded.text, decoded.encoding, decoded.warnings);
  if (parts.length === 0) return [{ warnings: [], encoding: decoded.encoding, status: 'skipped', reason: 'no records (only blank lines)' }];
  return parts;
}

function withWarnings(part: Part, warnings: string[]): Part {
  return warnings.length > 0 ? { ...part, warnings: [...warnings, ...part.warnings] } : part;
}
