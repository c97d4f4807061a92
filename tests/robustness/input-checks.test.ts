// Issue 16, "also": inputs that were accepted without a word. `--shard
// 1/99999999999999999999` (past what a shard number can be: every shard empty),
// `tag` with "id": null (an output line nobody can match back), and year 1e400
// (JSON's Infinity), whose warning read "year null".
import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, parseShard } from '../../src/pipeline/shard.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { classify, tempDir, writeFiles } from './helpers.js';

describe('--shard', () => {
  it('refuses a count past what a shard number can be, with exit 2 and the limit', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'We respect human rights.' });
    for (const spec of ['1/99999999999999999999', `1/${MAX_SHARDS + 1}`, '99999999999999999999/99999999999999999999']) {
      const run = await runCli(['classify', dir, '--out', `${dir}-out`, '-q', '--lexicons', MINI_LEXICONS, '--shard', spec]);
      expect(run.code, spec).toBe(2);
      expect(run.stderr).toBe(`spiral: --shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, got "${spec}"\n`);
    }
    expect(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`)).toEqual({ index: MAX_SHARDS, count: MAX_SHARDS });
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });
});

describe('spiral tag', () => {
  const tag = (line: string) => runCli(['tag', '-', '--lexicons', MINI_LEXICONS], { stdin: `${line}\n` });

  it('refuses "id": null (and ids that are not a string or a number) naming the line', async () => {
    for (const [id, shown] of [
      ['null', 'null'],
      ['1e400', 'Infinity (a number too large to hold, such as 1e400)'],
      ['{"a":1}', 'an object'],
      ['[1]', 'an array'],
      ['true', 'true'],
    ]) {
      const run = await tag(`{"id": ${id}, "text": "We respect human rights."}`);
      expect(run.code, id).toBe(2);
      expect(run.stderr).toBe(`spiral: <stdin>:1: "id" must be a string or a number, got ${shown}\n`);
    }
    const ok = await tag('{"id": 7, "text": "We respect human rights."}');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 7 });
  });

  it('refuses "year": 1e400 with a clear message', async () => {
    const run = await tag('{"id": "a", "text": "We respect human rights.", "year": 1e400}');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('spiral: <stdin>:1: "year" is a number too large to hold (such as 1e400)\n');
  });
});

describe('year: 1e400 in a record', () => {
  it('is ignored with a warning that says what it is, not "year null"', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'records.jsonl': '{"text":"We respect human rights.","year":1e400,"country":"Kenya"}\n' });
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.byId.get('records.jsonl#1');
    expect(doc).toMatchObject({ status: 'ok', meta: { country: 'KEN' } });
    expect(doc!.warnings).toEqual(['record: year Infinity (a number too large to hold, such as 1e400) is not a whole number; ignored']);
  });
});
