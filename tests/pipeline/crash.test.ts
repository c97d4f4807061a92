// The states a killed run can leave in its --out folder, and how the next run
// recovers from each: the previous outputs, or the complete new ones, never a mix.
// Real runs killed at each step: kill.slow.test.ts.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_LOCK_FILE } from '../../src/run/lock.js';
import { COMMIT_MARKER, recoverRunDir, RunStaging, STAGING_PREFIX } from '../../src/run/staging.js';
import { Scratch } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const stagingDirs = (out: string) => readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX));

describe('run folder recovery (the states a kill can leave)', () => {
  async function previousRun(): Promise<string> {
    const out = path.join(scratch.dir(), 'run');
    const staging = await RunStaging.open(out);
    await staging.writeFile('a.txt', 'old a\n');
    await staging.writeFile('b.txt', 'old b\n');
    await staging.commit();
    return out;
  }

  it('drops a staging folder that has no commit marker', async () => {
    const out = await previousRun();
    const staging = await RunStaging.open(out);
    await staging.write('a.txt', 'new a, half writ');
    // The run is "killed": its lock no longer names a running process.
    rmSync(path.join(out, RUN_LOCK_FILE));
    await recoverRunDir(out);
    expect(stagingDirs(out)).toEqual([]);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('old a\n');
    await staging.abort(); // closes the file the "killed" run left open
  });

  it('finishes a commit whose marker was written, however far the moves got', async () => {
    for (const movedBeforeKill of [0, 1, 2]) {
      const out = await previousRun();
      const dir = path.join(out, `${STAGING_PREFIX}killed`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'a.txt'), 'new a\n');
      writeFileSync(path.join(dir, 'b.txt'), 'new b\n');
      writeFileSync(path.join(dir, COMMIT_MARKER), 'a.txt\nb.txt\n');
      for (const name of ['a.txt', 'b.txt'].slice(0, movedBeforeKill)) renameSync(path.join(dir, name), path.join(out, name));
      await recoverRunDir(out);
      expect(stagingDirs(out)).toEqual([]);
      expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('new a\n');
      expect(readFileSync(path.join(out, 'b.txt'), 'utf8')).toBe('new b\n');
    }
  });
});
