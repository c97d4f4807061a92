import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { fileName, readOutputs, runJson, Scratch, speech } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

async function classify(input: string, out: string, ...extra: string[]) {
  const r = await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1', ...extra]);
  expect(r.stderr).toBe('');
  return r;
}

async function shards(input: string, n: number, lexicons = MINI_LEXICONS): Promise<string[]> {
  const root = scratch.dir();
  const runs: string[] = [];
  for (let k = 1; k <= n; k++) {
    const out = path.join(root, `shard${k}`);
    const r = await runCli(['classify', input, '--out', out, '--lexicons', lexicons, '-q', '--workers', '1', '--shard', `${k}/${n}`]);
    expect(r.code).toBe(0);
    runs.push(out);
  }
  return runs;
}

describe('spiral merge', () => {
  it('merges shard runs into outputs byte-identical to an unsharded run', async () => {
    const input = scratch.corpus(30);
    const single = path.join(scratch.dir(), 'single');
    await classify(input, single);
    const runs = await shards(input, 3);
    const merged = path.join(scratch.dir(), 'merged');
    // Given in any order.
    const r = await runCli(['merge', runs[2], runs[0], runs[1], '--out', merged]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('merged 3 shard runs: 32 files');
    expect(readOutputs(merged)).toEqual(readOutputs(single));
    const info = runJson(merged) as ReturnType<typeof runJson> & { merged_from: Array<{ shard: string }>; options: { shard: null } };
    expect(info.merged_from.map((m) => m.shard)).toEqual(['1/3', '2/3', '3/3']);
    expect(info.options.shard).toBeNull();
    expect(info.counts).toMatchObject({ files_discovered: 32, utterances: runJson(single).counts.utterances });
  });

  it('lets a later classify reuse every file of a merged run', async () => {
    const input = scratch.corpus(12);
    const runs = await shards(input, 2);
    const merged = path.join(scratch.dir(), 'merged');
    expect((await runCli(['merge', ...runs, '--out', merged])).code).toBe(0);
    const before = readOutputs(merged);
    await classify(input, merged);
    expect(runJson(merged).counts).toMatchObject({ files_from_cache: 14, files_tagged: 0 });
    expect(readOutputs(merged)).toEqual(before);
  });

  it('refuses missing, repeated and foreign shards with a clear message', async () => {
    const input = scratch.corpus(12);
    const runs = await shards(input, 3);
    const out = path.join(scratch.dir(), 'merged');
    const missing = await runCli(['merge', runs[0], runs[2], '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing shard 2/3');
    const twice = await runCli(['merge', runs[0], runs[1], runs[1], runs[2], '--out', out]);
    expect(twice.stderr).toContain('shard 2/3 given twice');

    const otherCorpus = await shards(scratch.corpus(13), 3);
    const mixed = await runCli(['merge', runs[0], otherCorpus[1], runs[2], '--out', out]);
    expect(mixed.stderr).toMatch(/was run on other input files/);

    const lex = scratch.lexicons();
    writeFileSync(path.join(lex, 'lexicon.yaml'), readFileSync(path.join(lex, 'lexicon.yaml'), 'utf8').replace(/version: .*/, 'version: "2"'));
    const otherLexicon = await shards(input, 3, lex);
    const lexMixed = await runCli(['merge', runs[0], otherLexicon[1], runs[2], '--out', out]);
    expect(lexMixed.stderr).toMatch(/used another lexicon set/);

    const whole = path.join(scratch.dir(), 'whole');
    await classify(input, whole);
    const notShard = await runCli(['merge', whole, '--out', out]);
    expect(notShard.stderr).toContain('not a shard run');
  });

  it('refuses a shard whose outputs changed after it was written', async () => {
    const input = scratch.corpus(12);
    const runs = await shards(input, 2);
    const file = path.join(runs[1], 'utterances.jsonl');
    const bytes = readFileSync(file);
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid] === 0x61 ? 0x62 : 0x61;
    writeFileSync(file, bytes);
    const r = await runCli(['merge', ...runs, '--out', path.join(scratch.dir(), 'merged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/differ from what the index recorded/);
  });

  it('refuses a shard whose utterances.csv rows changed after it was written, naming the file', async () => {
    const input = scratch.corpus(12);
    const runs = await shards(input, 2);
    const file = path.join(runs[0], 'utterances.csv');
    const bytes = readFileSync(file);
    const last = bytes.length - 3;
    bytes[last] = bytes[last] === 0x30 ? 0x31 : 0x30;
    writeFileSync(file, bytes);
    const r = await runCli(['merge', ...runs, '--out', path.join(scratch.dir(), 'merged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/file .+: its utterances\.csv rows differ from what the index recorded/);
  });
});

describe('shard + merge equals one run (property)', () => {
  it('holds for generated corpora, shard counts and shard orders', async () => {
    const fc = (await import('fast-check')).default;
    const root = scratch.dir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (specs, count, reversed) => {
          const dir = path.join(root, `case${n++}`);
          const input = path.join(dir, 'in');
          mkdirSync(input, { recursive: true });
          specs.forEach(([seed, sentences], i) => writeFileSync(path.join(input, `${fileName(i)}`), speech(seed, sentences)));
          const single = path.join(dir, 'single');
          await classify(input, single);
          const runs: string[] = [];
          for (let k = 1; k <= count; k++) {
            const out = path.join(dir, `s${k}`);
            expect(
              (await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--workers', '1', '--shard', `${k}/${count}`])).code,
            ).toBe(0);
            runs.push(out);
          }
          const merged = path.join(dir, 'merged');
          const r = await runCli(['merge', ...(reversed ? [...runs].reverse() : runs), '--out', merged]);
          expect(r.stderr).toBe('');
          expect(readOutputs(merged)).toEqual(readOutputs(single));
        },
      ),
      { numRuns: 12, seed: 20261127 },
    );
  }, 120000);
});
