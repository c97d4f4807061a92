// A classify killed after it committed but before it moved every file leaves a
// staging folder with a COMMIT marker. Commands that read a run finish that
// commit first, so they never read a mix of old and new outputs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMIT_MARKER, STAGING_PREFIX } from '../../src/run/staging.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readers recover an interrupted commit', () => {
  it.each([['scores'], ['report']])('spiral %s completes the pending commit before reading', async (command) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spiral-recover-'));
    dirs.push(dir);
    const input = path.join(dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'KEN_45_1990.txt'), 'We reject this interference in our internal affairs under the pretext of human rights.');
    const out = path.join(dir, 'run');
    expect((await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1'])).code).toBe(0);
    const fresh = readFileSync(path.join(out, 'utterances.jsonl'), 'utf8');

    // Simulate the kill: the old utterances are in place, the new ones staged and committed.
    const staging = path.join(out, `${STAGING_PREFIX}killed`);
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'utterances.jsonl'), fresh);
    writeFileSync(path.join(out, 'utterances.jsonl'), '');
    writeFileSync(path.join(staging, COMMIT_MARKER), 'utterances.jsonl\n');

    const r = await runCli([command, out]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'utterances.jsonl'), 'utf8')).toBe(fresh);
    expect(readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX))).toEqual([]);
  });
});
