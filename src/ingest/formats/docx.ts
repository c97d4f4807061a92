// Word .docx: the raw text through mammoth (paragraphs separated by a blank
// line). Loaded on first use.
import { createRequire } from 'node:module';
import type { Part } from './part.js';
import { checkZipExpansion } from './zip-guard.js';

interface Mammoth {
  extractRawText(input: { buffer: Buffer }): Promise<{ value: string; messages: Array<{ type: string; message: string }> }>;
}
const require = createRequire(import.meta.url);
let mammoth: Mammoth | undefined;

/**
 * The most a .docx may unzip to. mammoth holds about 35 times the XML in memory
 * (measured: a 338 KB file of 116 MB XML ran a 4 GB heap out and killed the
 * run), so 32 MB — some 3,000 pages of plain text, more than any statement —
 * keeps one file under ~1.2 GB.
 */
export const MAX_DOCX_UNZIPPED_BYTES = 32 * 1024 * 1024;

/** A .docx that would unzip to more than that, or whose entries cannot all be measured: skipped before mammoth inflates it in memory. */
function zipBombReason(bytes: Uint8Array): string | undefined {
  const check = checkZipExpansion(bytes, MAX_DOCX_UNZIPPED_BYTES);
  if (check.ok) return undefined;
  if ('unchecked' in check) return `archive cannot be checked for its unzipped size (${check.unchecked})`;
  const size = check.expandsTo === 'more' ? `more than ${MAX_DOCX_UNZIPPED_BYTES}` : `${check.expandsTo}`;
  return `file too large (unzips to ${size} bytes; limit ${MAX_DOCX_UNZIPPED_BYTES})`;
}

export async function readDocx(bytes: Uint8Array): Promise<Part[]> {
  const bomb = zipBombReason(bytes);
  if (bomb) return [{ warnings: [], status: 'skipped', reason: bomb }];
  mammoth ??= require('mammoth') as Mammoth;
  let result: Awaited<ReturnType<Mammoth['extractRawText']>>;
  try {
    result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (err) {
    return [{ warnings: [], status: 'failed', reason: `invalid DOCX: ${(err as Error).message ?? String(err)}` }];
  }
  const warnings = result.messages.filter((m) => m.type === 'error').map((m) => `docx: ${m.message}`);
  const text = result.value.replace(/\s+$/, '');
  if (text.trim() === '') return [{ warnings, encoding: 'docx-xml', status: 'skipped', reason: 'no text in document' }];
  return [{ text, encoding: 'docx-xml', warnings }];
}
