// A run killed at any point leaves the previous outputs of its --out folder, or
// the complete new ones (after recovery, which the next run does first), never a mix.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_MARKER, recoverRunDir, RunStaging, STAGING_PREFIX } from '../../src/pipeline/run-dir.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';
import { ensureBuilt } from './build.js';
import { DATA_OUTPUTS, fileName, readOutputs, Scratch, speech } from './corpus.js';

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

describe('classify killed with SIGKILL', () => {
  let input: string;
  let oldRun: string;
  let newRun: string;

  beforeAll(async () => {
    ensureBuilt();
    input = path.join(scratch.dir(), 'in');
    mkdirSync(input);
    for (let n = 0; n < 240; n++) writeFileSync(path.join(input, fileName(n)), speech(n, 80));
    oldRun = path.join(scratch.dir(), 'old');
    expect((await runCli(['classify', input, '--out', oldRun, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1'])).code).toBe(0);
    writeFileSync(path.join(input, fileName(5)), speech(77, 30));
    writeFileSync(path.join(input, 'AFG_99_2044.txt'), speech(99, 30));
    newRun = path.join(scratch.dir(), 'new');
    expect((await runCli(['classify', input, '--out', newRun, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1', '--no-cache'])).code).toBe(0);
  }, 180000);

  /** Start classify into a copy of the old run; kill it when `when(out)` first holds. */
  async function killWhen(when: (out: string) => boolean, workers: string): Promise<string> {
    const out = path.join(scratch.dir(), 'out');
    cpSync(oldRun, out, { recursive: true });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/spiral.js'), 'classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', workers], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (when(out)) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    return out;
  }

  const inStaging = (out: string, check: (dir: string) => boolean) =>
    stagingDirs(out).some((d) => {
      try {
        return check(path.join(out, d));
      } catch {
        return false;
      }
    });
  const KILL_POINTS: Array<[string, (out: string) => boolean, string]> = [
    ['as soon as the staging folder exists', (out) => stagingDirs(out).length > 0, '1'],
    ['while utterances are being written', (out) => inStaging(out, (d) => statSync(path.join(d, 'utterances.jsonl')).size > 200_000), '1'],
    ['while writing with two workers', (out) => inStaging(out, (d) => statSync(path.join(d, 'utterances.jsonl')).size > 400_000), '2'],
    ['once run.json is being written', (out) => inStaging(out, (d) => existsSync(path.join(d, 'run.json'))), '1'],
    ['once the commit marker exists', (out) => inStaging(out, (d) => existsSync(path.join(d, COMMIT_MARKER))), '1'],
  ];

  it('leaves the old outputs or the complete new ones at every kill point', async () => {
    const oldOutputs = readOutputs(oldRun);
    const newOutputs = readOutputs(newRun);
    expect(newOutputs).not.toEqual(oldOutputs);
    const outcomes: string[] = [];
    for (const [, when, workers] of KILL_POINTS) {
      const out = await killWhen(when, workers);
      await recoverRunDir(out);
      expect(stagingDirs(out)).toEqual([]);
      const now = readOutputs(out);
      const outcome = JSON.stringify(now) === JSON.stringify(oldOutputs) ? 'old' : JSON.stringify(now) === JSON.stringify(newOutputs) ? 'new' : 'mixed';
      outcomes.push(outcome);
      expect(outcome).not.toBe('mixed');
      // The next run completes normally from whatever was left.
      expect((await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1'])).code).toBe(0);
      expect(readOutputs(out)).toEqual(newOutputs);
    }
    console.log(`kill outcomes: ${outcomes.join(', ')}`);
    // The early kill points really interrupted the run.
    expect(outcomes[0]).toBe('old');
    for (const name of DATA_OUTPUTS) expect(existsSync(path.join(oldRun, name))).toBe(true);
  }, 180000);
});
