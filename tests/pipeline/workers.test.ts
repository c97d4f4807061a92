import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import type { FileResult } from '../../src/pipeline/file.js';
import { fileName, readOutputs, runJson, Scratch, speech } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

describe('classify --workers', () => {
  it('gives byte-identical outputs with 1 and with 2 worker threads', async () => {
    const input = scratch.corpus(40);
    const one = path.join(scratch.dir(), 'one');
    const two = path.join(scratch.dir(), 'two');
    const r1 = await runCli(['classify', input, '--out', one, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1']);
    const r2 = await runCli(['classify', input, '--out', two, '--lexicons', MINI_LEXICONS, '-q', '--workers', '2']);
    expect(r1.stderr).toBe('');
    expect(r2.stderr).toBe('');
    expect(r2.code).toBe(0);
    expect(runJson(one).workers).toBe(1);
    expect(runJson(two).workers).toBe(2);
    const a = readOutputs(one);
    expect(a['utterances.jsonl'].split('\n').length).toBeGreaterThan(400);
    expect(readOutputs(two)).toEqual(a);
  });

  it('rejects a worker count that is not a whole number', async () => {
    const input = scratch.corpus(1);
    const r = await runCli(['classify', input, '--out', path.join(scratch.dir(), 'x'), '--lexicons', MINI_LEXICONS, '-q', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers must be a whole number');
  });
});

describe('the main thread as fallback', () => {
  it('tags files above the large-file size in the main thread, with the same outputs', async () => {
    const { classify } = await import('../../src/pipeline/classify.js');
    const input = scratch.corpus(0);
    for (let n = 0; n < 24; n++) writeFileSync(path.join(input, fileName(n)), speech(n, 10 + 3 * n)); // 0.6 to 4.5 kB
    const split = path.join(scratch.dir(), 'split');
    const one = path.join(scratch.dir(), 'one');
    const summary = await classify({ inputs: [input], outDir: split, lexiconDir: MINI_LEXICONS, workers: 2, largeFileBytes: 2500, cache: false });
    expect(summary.largeFilesInMainThread).toBeGreaterThan(0);
    expect(summary.largeFilesInMainThread).toBeLessThan(26);
    await runCli(['classify', input, '--out', one, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1']);
    expect(readOutputs(split)).toEqual(readOutputs(one));
  });

  it('tags in a batch no more input bytes than the batch budget; the files past it are streamed, with the same outputs', async () => {
    const { classify } = await import('../../src/pipeline/classify.js');
    const { fitsInBatch } = await import('../../src/pipeline/file.js');
    expect(fitsInBatch([3, 3, 3, 9, 1], 8, 8)).toEqual([true, true, false, false, true]);
    const input = scratch.corpus(0);
    for (let n = 0; n < 24; n++) writeFileSync(path.join(input, fileName(n)), speech(n, 10 + 3 * n));
    const budget = path.join(scratch.dir(), 'budget');
    const one = path.join(scratch.dir(), 'one');
    for (const workers of [1, 2]) {
      const summary = await classify({ inputs: [input], outDir: budget, lexiconDir: MINI_LEXICONS, workers, batchBytes: 6000, cache: false });
      expect(summary.largeFilesInMainThread).toBeGreaterThan(0);
      await runCli(['classify', input, '--out', one, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1']);
      expect(readOutputs(budget)).toEqual(readOutputs(one));
    }
  });

  it('defers a batch that ran a worker out of memory to the main thread (streamed), and stops using the pool after repeated failures', async () => {
    const { runOnPool, MAX_WORKER_OOM } = await import('../../src/pipeline/pool.js');
    const files = ['a', 'b', 'c'].map((id) => ({ id, abs: id, rel: id, root: '/' }));
    const fake = (id: string) => ({ id }) as unknown as FileResult;
    const inProcess = async (batch: typeof files) => batch.map((f) => fake(`main:${f.id}`));
    const stats = { outOfMemory: 0, largeFiles: 0 };
    let poolCalls = 0;
    const outOfMemory = async () => {
      poolCalls++;
      throw Object.assign(new Error('Worker terminated due to reaching memory limit'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    };
    const shown = (rs: Array<FileResult | { id: string; deferred: true; reason: string }>) =>
      rs.map((r) => ('deferred' in r ? `deferred(${r.reason}):${r.id}` : r.id));
    for (let i = 0; i < MAX_WORKER_OOM; i++)
      expect(shown(await runOnPool(files, outOfMemory, inProcess, stats))).toEqual([
        'deferred(out-of-memory):a',
        'deferred(out-of-memory):b',
        'deferred(out-of-memory):c',
      ]);
    for (let i = 0; i < 2; i++) expect(shown(await runOnPool(files, outOfMemory, inProcess, stats))).toEqual(['main:a', 'main:b', 'main:c']);
    expect(stats.outOfMemory).toBe(MAX_WORKER_OOM);
    expect(poolCalls).toBe(MAX_WORKER_OOM);

    const deferring = async () => [fake('pool:a'), { id: 'b', deferred: true as const, reason: 'large' as const }, fake('pool:c')];
    const fresh = { outOfMemory: 0, largeFiles: 0 };
    expect(shown(await runOnPool(files, deferring, inProcess, fresh))).toEqual(['pool:a', 'deferred(large):b', 'pool:c']);

    const broken = async () => {
      throw new Error('a bug in a worker');
    };
    await expect(runOnPool(files, broken, inProcess, { outOfMemory: 0, largeFiles: 0 })).rejects.toThrow('a bug in a worker');
  });
});
