// `spiral tag big.jsonl | head -1`: the reader closes the pipe early. spiral
// must neither print a stack trace (EPIPE) nor fail; it finishes quietly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lexicons.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'spiral-epipe-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** More output than a pipe holds (64 kB), so writes go on after the reader has gone. */
const LINES = 2000;

describe('spiral tag into a pipe its reader closes after the first line', () => {
  it('exits 0 with nothing on standard error', async () => {
    const input = path.join(scratch, 'in.jsonl');
    const line = (i: number) => JSON.stringify({ id: `u${i}`, text: 'The allegations of torture are baseless and we reject them.' });
    writeFileSync(input, Array.from({ length: LINES }, (_, i) => line(i)).join('\n') + '\n');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/spiral.js'), 'tag', input], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CACHE_HOME: scratch },
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let first = '';
    child.stdout.once('data', (b: Buffer) => {
      first = b.toString().split('\n')[0];
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(JSON.parse(first)).toMatchObject({ id: 'u0', label: 'rhetorical_action' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
