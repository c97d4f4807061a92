// Word .docx: the raw text through mammoth (paragraphs separated by a blank
// line). Loaded on first use.
import { createRequire } from 'node:module';
import type { Part } from './part.js';

interface Mammoth {
  extractRawText(input: { buffer: Buffer }): Promise<{ value: string; messages: Array<{ type: string; message: string }> }>;
}
const require = createRequire(import.meta.url);
let mammoth: Mammoth | undefined;

export async function readDocx(bytes: Uint8Array): Promise<Part[]> {
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
