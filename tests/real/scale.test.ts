// Real-data scale checks on the 732 General Debate speeches of the book
// countries: shard 1/2 and 2/2 merged give the unsharded run's outputs byte for
// byte (the shards tagged in the main thread, the unsharded run in worker
// threads, so the worker count is checked too), and a re-run reuses every file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/lexicons.js';

const BOOK = path.resolve(ROOT, '../shared/data/ungdc/book-countries');
const OUTPUTS = ['documents.jsonl', 'utterances.jsonl', 'recommendations.jsonl', 'utterances.csv', 'scores.csv'];
const work = mkdtempSync(path.join(tmpdir(), 'spiral-real-scale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));

describe.skipIf(!existsSync(BOOK))('shards of the book countries', () => {
  const single = path.join(work, 'single');
  const merged = path.join(work, 'merged');

  beforeAll(async () => {
    expect((await runCli(['classify', BOOK, '--out', single, '-q', '--workers', '2'])).code).toBe(0);
    for (const k of [1, 2]) {
      const r = await runCli(['classify', BOOK, '--out', path.join(work, `shard${k}`), '-q', '--workers', '1', '--shard', `${k}/2`]);
      expect(r.code).toBe(0);
    }
    const m = await runCli(['merge', path.join(work, 'shard1'), path.join(work, 'shard2'), '--out', merged]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
  });

  it('merged, equal the unsharded run byte for byte', () => {
    for (const name of OUTPUTS) expect(readFileSync(path.join(merged, name)).equals(readFileSync(path.join(single, name))), name).toBe(true);
    expect(run(merged).counts).toMatchObject({ files_discovered: 732, documents_ok: 732, utterances: run(single).counts.utterances });
    expect(run(path.join(work, 'shard1')).counts.files_discovered + run(path.join(work, 'shard2')).counts.files_discovered).toBe(732);
  });

  it('re-run into the merged folder reuses every file and changes nothing', async () => {
    const before = OUTPUTS.map((n) => readFileSync(path.join(merged, n)));
    expect((await runCli(['classify', BOOK, '--out', merged, '-q'])).code).toBe(0);
    expect(run(merged).counts).toMatchObject({ files_from_cache: 732, files_tagged: 0 });
    OUTPUTS.forEach((n, i) => expect(readFileSync(path.join(merged, n)).equals(before[i]), n).toBe(true));
  });
});
