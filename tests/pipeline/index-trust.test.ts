// Issue 16, row 12: index.jsonl's tallies and status were reused without a
// check. Edited by hand (data_sha256 untouched), they made Chile 95% denial in
// scores.csv and printed "failed: 1" while documents.jsonl said ok, and the
// edit persisted into later re-runs. Each index line now carries the hash of
// itself: a line that does not match re-tags its file, and merge refuses it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../src/pipeline/run-index.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { fileName, readOutputs, runJson, Scratch } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const classify = (input: string, out: string, ...extra: string[]) =>
  runCli(['classify', input, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS, ...extra]);

/** Rewrite the index entry of `id` with `edit`, leaving data_sha256 (and line_sha256) as they were. */
function editEntry(out: string, id: string, edit: (e: IndexEntry) => void): void {
  const file = path.join(out, 'index.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(`"id":${JSON.stringify(id)}`));
  expect(at).toBeGreaterThan(0);
  const entry = JSON.parse(lines[at]) as IndexEntry;
  edit(entry);
  lines[at] = JSON.stringify(entry);
  writeFileSync(file, lines.join('\n'));
}

describe('an index line edited by hand', () => {
  it('re-tags its file: scores.csv, the printed totals and the next index are those of a clean run', async () => {
    const input = scratch.corpus(6);
    const clean = path.join(scratch.dir(), 'clean');
    expect((await classify(input, clean, '--no-cache')).code).toBe(0);
    const out = path.join(scratch.dir(), 'run');
    expect((await classify(input, out)).code).toBe(0);
    const chile = fileName(1); // CHL_6_1951.txt
    editEntry(out, chile, (e) => {
      const t = e.tallies[0];
      t.labels.denial = Math.round(0.95 * t.relevant);
      e.status = { ok: 0, skipped: 0, failed: 1 };
    });
    const rerun = await classify(input, out);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('documents ok: 6, skipped: 2, failed: 0');
    expect(runJson(out).counts).toMatchObject({ files_from_cache: 7, files_tagged: 1 });
    expect(readOutputs(out)).toEqual(readOutputs(clean));
    expect(readFileSync(path.join(out, 'index.jsonl'), 'utf8')).toBe(readFileSync(path.join(clean, 'index.jsonl'), 'utf8'));
  });

  it('is refused by merge', async () => {
    const input = scratch.corpus(6);
    const shards = ['1/2', '2/2'].map((_, i) => path.join(scratch.dir(), `shard${i + 1}`));
    for (const [i, spec] of ['1/2', '2/2'].entries()) expect((await classify(input, shards[i], '--shard', spec)).code).toBe(0);
    const index = readFileSync(path.join(shards[0], 'index.jsonl'), 'utf8').split('\n');
    const id = (JSON.parse(index[1]) as IndexEntry).id;
    editEntry(shards[0], id, (e) => (e.utterance_count += 1));
    const merged = await runCli(['merge', ...shards, '--out', path.join(scratch.dir(), 'merged')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toMatch(/index\.jsonl:2: damaged or edited line \(it does not hash to its line_sha256\); run the shard again\n$/);
  });
});
