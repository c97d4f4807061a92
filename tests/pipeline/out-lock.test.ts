// Issue 16, row 7: two runs into one --out. The second used to delete the
// first's staging folder, and the first died with "internal error: ENOENT".
// Now the first holds the folder's lock: the second exits 2 with one line
// naming the folder and the run that holds it, and readers (their recovery
// step) leave a running run's staging folder alone.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_LOCK_FILE } from '../../src/run/lock.js';
import { recoverRunDir, STAGING_PREFIX } from '../../src/run/staging.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { readOutputs, runJson, Scratch } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const classifyInto = (input: string, out: string) => runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1']);
const stagingDirs = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX)) : []);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

describe('two classify runs into one --out', () => {
  it('refuses the second with exit 2 and one line naming the folder and the first run; the first finishes whole', async () => {
    const input = scratch.corpus(80, 12);
    const out = path.join(scratch.dir(), 'run');
    const first = classifyInto(input, out);
    await until(() => stagingDirs(out).length > 0, 'the first run is staging');
    const second = await classifyInto(input, out);
    // A reader's recovery step while the first run writes.
    await recoverRunDir(out);
    expect(stagingDirs(out)).toHaveLength(1);
    const done = await first;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `^spiral: --out ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is being written by another run: spiral classify \\(pid ${process.pid}, since [^)]+\\) is using it \\(lock file .*${RUN_LOCK_FILE.replace('.', '\\.')}; remove it only if that process is gone\\)\n$`,
      ),
    );
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).not.toContain('internal error');
    expect(runJson(out).counts.files_discovered).toBe(82);
    expect(stagingDirs(out)).toEqual([]);
    expect(existsSync(path.join(out, RUN_LOCK_FILE))).toBe(false);
    // Once the first has finished, the folder takes a new run.
    const third = await classifyInto(input, out);
    expect(third.code, third.stderr).toBe(0);
    expect(readOutputs(out)).toBeDefined();
  });
});
