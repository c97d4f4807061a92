import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { ensureBuilt } from './build.js';
import { readOutputs, runJson, Scratch } from './corpus.js';

const scratch = new Scratch();
beforeAll(() => ensureBuilt(), 120000);
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

describe('worker memory cap', () => {
  it('redoes a batch in the main thread when a worker runs out of memory, with the same outputs', async () => {
    const { classify } = await import('../../src/pipeline/classify.js');
    const input = scratch.corpus(24);
    const capped = path.join(scratch.dir(), 'capped');
    const one = path.join(scratch.dir(), 'one');
    // 8 MB cannot even hold a worker's models: every batch falls back.
    const summary = await classify({ inputs: [input], outDir: capped, lexiconDir: MINI_LEXICONS, workers: 2, workerHeapLimitMb: 8, cache: false });
    expect(summary.documents.ok).toBe(24);
    expect(summary.workerOutOfMemory).toBeGreaterThan(0);
    await runCli(['classify', input, '--out', one, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1']);
    expect(readOutputs(capped)).toEqual(readOutputs(one));
  });
});
