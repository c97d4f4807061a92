// Issue 16, "also": a kill between the final renames of a run left new
// index/documents/utterances beside the old run.json and scores.csv, which a
// reader other than spiral (which does not recover the folder first) took for
// a finished run. run.json is now taken away before the first rename and moved
// last: at every point a reader sees the old run with its run.json, the new
// one with its run.json, or no run.json at all (a folder being written).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RUN_LOCK_FILE } from '../../src/run/lock.js';
import { recoverRunDir, RunStaging } from '../../src/run/staging.js';
import { Scratch } from './corpus.js';

const kill = vi.hoisted(() => ({ afterRenames: Infinity, renames: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const rename = (async (from: Parameters<typeof actual.rename>[0], to: Parameters<typeof actual.rename>[1]) => {
    if (kill.renames++ >= kill.afterRenames) throw new Error('killed between renames');
    return actual.rename(from, to);
  }) as typeof actual.rename;
  const mocked = { ...actual, rename };
  return { ...mocked, default: mocked };
});

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const FILES = ['index.jsonl', 'documents.jsonl', 'utterances.jsonl', 'recommendations.jsonl', 'scores.csv', 'run.json'];

async function writeRun(out: string, version: string): Promise<void> {
  const staging = await RunStaging.open(out);
  for (const name of FILES) await staging.write(name, `${version} ${name}\n`);
  await staging.commit();
}

/** What a reader that trusts run.json sees: 'old', 'new', 'in progress' (no run.json) or 'mixed'. */
function seen(out: string): string {
  if (!existsSync(path.join(out, 'run.json'))) return 'in progress';
  const versions = new Set(FILES.map((name) => readFileSync(path.join(out, name), 'utf8').split(' ')[0]));
  return versions.size === 1 ? [...versions][0] : 'mixed';
}

describe('the final renames of a run', () => {
  it('never leave run.json beside a mix of old and new files, wherever a kill falls', async () => {
    const outcomes: string[] = [];
    // One rename for the commit marker, then one per file.
    for (let renames = 0; renames <= FILES.length + 1; renames++) {
      const out = path.join(scratch.dir(), 'run');
      await writeRun(out, 'old');
      kill.renames = 0;
      kill.afterRenames = renames;
      const killed = writeRun(out, 'new');
      if (renames <= FILES.length) await expect(killed).rejects.toThrow('killed between renames');
      else await killed;
      kill.afterRenames = Infinity;
      const state = seen(out);
      outcomes.push(state);
      expect(state, `killed after ${renames} renames`).not.toBe('mixed');
      // The next spiral command completes what was committed.
      rmSync(path.join(out, RUN_LOCK_FILE), { force: true }); // the killed run's lock is stale
      await recoverRunDir(out);
      expect(seen(out)).toBe(renames === 0 ? 'old' : 'new');
    }
    expect(outcomes).toEqual(['old', 'in progress', 'in progress', 'in progress', 'in progress', 'in progress', 'in progress', 'new']);
  });
});
