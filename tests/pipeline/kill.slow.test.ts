// A run killed at any point leaves the previous outputs of its --out folder, or
// the complete new ones (after recovery, which the next run does first), never a mix.
// Each kill point is checked to have really interrupted a run.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_MARKER, recoverRunDir, STAGING_PREFIX } from '../../src/run/staging.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';
import { DATA_OUTPUTS, fileName, readOutputs, Scratch, speech } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const stagingDirs = (out: string) => readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX));

describe('classify killed with SIGKILL', () => {
  let input: string;
  let oldRun: string;
  let newRun: string;

  beforeAll(async () => {
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

  interface Killed {
    out: string;
    /** How the run ended: 'SIGKILL' when the kill came first, null when it exited on its own. */
    signal: NodeJS.Signals | null;
    /** The staging folders left in --out, before any recovery. */
    staging: string[];
  }

  /** Start classify into a copy of the old run; kill it when `when(out)` first holds. */
  async function killWhen(when: (out: string) => boolean, workers: string): Promise<Killed> {
    const out = path.join(scratch.dir(), 'out');
    cpSync(oldRun, out, { recursive: true });
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/spiral.js'), 'classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', workers],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (when(out)) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const signal = await exited;
    return { out, signal, staging: stagingDirs(out) };
  }

  const inStaging = (out: string, check: (dir: string) => boolean) =>
    stagingDirs(out).some((d) => {
      try {
        return check(path.join(out, d));
      } catch {
        return false;
      }
    });
  /**
   * Where to kill, with how many workers, and what the kill must leave: for the
   * points well before the end, the run's staging folder (a finished run removes
   * it; after run.json or the marker the last steps may finish within the 2 ms
   * between checks). Past the commit marker the outcome must be the new outputs.
   */
  const KILL_POINTS: Array<{ name: string; when: (out: string) => boolean; workers: string; midRun: boolean; outcome?: 'old' | 'new' }> = [
    { name: 'as soon as the staging folder exists', when: (out) => stagingDirs(out).length > 0, workers: '1', midRun: true, outcome: 'old' },
    {
      name: 'while utterances are being written',
      when: (out) => inStaging(out, (d) => statSync(path.join(d, 'utterances.jsonl')).size > 200_000),
      workers: '1',
      midRun: true,
      outcome: 'old',
    },
    {
      name: 'while writing with two workers',
      when: (out) => inStaging(out, (d) => statSync(path.join(d, 'utterances.jsonl')).size > 400_000),
      workers: '2',
      midRun: true,
      outcome: 'old',
    },
    { name: 'once run.json is being written', when: (out) => inStaging(out, (d) => existsSync(path.join(d, 'run.json'))), workers: '1', midRun: false },
    {
      name: 'once the commit marker exists',
      when: (out) => inStaging(out, (d) => existsSync(path.join(d, COMMIT_MARKER))),
      workers: '1',
      midRun: false,
      outcome: 'new',
    },
  ];

  it('leaves the old outputs or the complete new ones at every kill point', async () => {
    const oldOutputs = readOutputs(oldRun);
    const newOutputs = readOutputs(newRun);
    expect(newOutputs).not.toEqual(oldOutputs);
    const outcomes: string[] = [];
    for (const point of KILL_POINTS) {
      const { out, signal, staging } = await killWhen(point.when, point.workers);
      // The kill point was reached while the run was still going: it died by the signal, not by finishing.
      expect(signal, `killed ${point.name}`).toBe('SIGKILL');
      if (point.midRun) expect(staging, `staging folder left when killed ${point.name}`).toHaveLength(1);
      await recoverRunDir(out);
      expect(stagingDirs(out)).toEqual([]);
      const now = readOutputs(out);
      const outcome = JSON.stringify(now) === JSON.stringify(oldOutputs) ? 'old' : JSON.stringify(now) === JSON.stringify(newOutputs) ? 'new' : 'mixed';
      outcomes.push(outcome);
      expect(outcome, point.name).not.toBe('mixed');
      if (point.outcome) expect(outcome, point.name).toBe(point.outcome);
      // The next run completes normally from whatever was left.
      expect((await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1'])).code).toBe(0);
      expect(readOutputs(out)).toEqual(newOutputs);
    }
    console.log(`kill outcomes: ${outcomes.join(', ')}`);
    for (const name of DATA_OUTPUTS) expect(existsSync(path.join(oldRun, name))).toBe(true);
  }, 180000);
});
