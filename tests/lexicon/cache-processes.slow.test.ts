// The compiled-lexicon cache across processes (slow: each test starts several
// spiral processes or a worker pool): a classify run with workers gives the
// outputs of a run without the cache, another build of spiral compiles the set
// again, and processes writing the same entry at once leave one whole entry.
// The in-process cases (a changed file, another build, a damaged entry) are in
// cache.test.ts.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir } from '../calibrate/fixtures.js';
import { cacheEntries } from './cache-entries.js';
import { decodeEntry, LEXICON_SETS_FOLDER } from '../../src/lexicon/cache.js';
import { runCli } from '../helpers/cli.js';
import { readOutputs, Scratch } from '../pipeline/corpus.js';
import { MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';

const scratch = tempDir;
afterAll(cleanTempDirs);

const entries = cacheEntries;

describe('the cache across processes', () => {
  const line = `${JSON.stringify({ id: 1, text: 'We reject interference in our internal affairs.', country: 'KEN' })}\n`;

  it('spiral classify: with 2 workers, outputs equal a run with --no-cache, from a cold and a warm cache (case overlays too)', async () => {
    const corpus = new Scratch();
    try {
      const input = corpus.corpus(24, 10);
      const env = { SPIRAL_CACHE_DIR: scratch('spiral-lexcache-') };
      const run = async (...extra: string[]) => {
        const out = path.join(corpus.dir(), 'run');
        const r = await runCli(['classify', input, '--out', out, '-q', '--workers', '2', ...extra], { env });
        expect(r.code).toBe(0);
        return readOutputs(out);
      };
      const uncached = await run('--no-cache');
      expect(entries(env.SPIRAL_CACHE_DIR)).toEqual([]);
      expect(await run()).toEqual(uncached);
      expect(entries(env.SPIRAL_CACHE_DIR)).toHaveLength(1);
      expect(await run()).toEqual(uncached);
      expect(uncached['utterances.jsonl']).toContain('"country":"KEN"');
    } finally {
      corpus.cleanup();
    }
  });

  it('spiral tag from another build (one file of its code changed) compiles the set again, and tags alike', async () => {
    // A copy of this build (bin/, dist/, package files; the same node_modules), as an install would be.
    const install = scratch('spiral-build-copy-');
    for (const part of ['bin', 'dist', 'package.json', 'package-lock.json']) cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'), 'dir');
    const cacheDir = scratch('spiral-lexcache-');
    const tag = () => spiralProcess(['tag', '--lexicons', MINI_LEXICONS], line, cacheDir, install);
    const first = await tag();
    expect(first.code).toBe(0);
    expect(entries(cacheDir)).toHaveLength(1);
    expect(await tag()).toEqual(first);
    expect(entries(cacheDir)).toHaveLength(1);
    // Another build: the same code but for a comment in one module the set never reaches.
    appendFileSync(path.join(install, 'dist/cli/progress.js'), '\n// another build\n');
    const rebuilt = await tag();
    expect(rebuilt).toEqual(first);
    expect(entries(cacheDir)).toHaveLength(2);
  });

  it('processes writing the same entry at once all succeed and leave one whole entry', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const runs = await Promise.all(Array.from({ length: 4 }, () => spiralProcess(['tag', '--lexicons', MINI_LEXICONS], line, cacheDir)));
    for (const r of runs) expect(r).toEqual({ code: 0, stdout: runs[0].stdout, stderr: '' });
    expect(entries(cacheDir)).toHaveLength(1);
    const [name] = entries(cacheDir);
    expect(name).toMatch(/^[0-9a-f]{64}\.bin$/);
    // Whole and checked: the child processes run dist/, another build than these tests (src/), so it is read here as bytes.
    expect(decodeEntry(readFileSync(path.join(cacheDir, LEXICON_SETS_FOLDER, name)), name.slice(0, -'.bin'.length))).toBeDefined();
  });
});

function spiralProcess(args: string[], stdin: string, cacheDir: string, root = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/spiral.js'), ...args], { env: { ...process.env, SPIRAL_CACHE_DIR: cacheDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
