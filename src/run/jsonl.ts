// Streaming JSON-lines reading for run files that may hold millions of lines.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fsFailure, RunError } from './errors.js';

/**
 * Call `onValue` with every parsed non-blank line and its 1-based number. A line
 * that is not JSON, or that `onValue` rejects by throwing, is a RunError naming
 * file:line (a RunError thrown by `onValue` passes through unchanged).
 */
export async function forEachJsonLine(file: string, onValue: (value: unknown, lineNo: number) => void): Promise<void> {
  try {
    await readJsonLines(file, onValue);
  } catch (err) {
    throw fsFailure(err, `${file}: cannot read`);
  }
}

async function readJsonLines(file: string, onValue: (value: unknown, lineNo: number) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new RunError(`${file}:${lineNo}: not valid JSON (a truncated or hand-edited run? re-run spiral classify)`);
    }
    try {
      onValue(value, lineNo);
    } catch (err) {
      if (err instanceof RunError) throw err;
      throw new RunError(`${file}:${lineNo}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
