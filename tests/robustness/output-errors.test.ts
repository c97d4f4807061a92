// Issue 16, row 9: where a command cannot write (a full disk, --out a file or
// read-only, a folder where reviews.jsonl, utterances.jsonl or the export
// should be), it says so in one line naming the path and the cause, exit 2,
// never "internal error" and a stack trace. Read-only folders are injected
// (paths with READONLY in them refuse writes, as EROFS), so the tests also
// hold as root; the full disk is an injected ENOSPC on the run's writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { sampleRun, writeFixtureRun } from '../report/run-fixture.js';
import { classify, tempDir, writeFiles } from './helpers.js';

const READONLY = 'READONLY';

function fsError(code: string, syscall: string, p: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${String(p)}'`), { code, syscall, path: String(p) });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readOnly = (p: unknown) => String(p).includes(READONLY);
  const mkdir = (async (p: Parameters<typeof actual.mkdir>[0], ...rest: unknown[]) => {
    if (readOnly(p) && !existsSync(String(p))) throw fsError('EROFS', 'mkdir', p);
    return (actual.mkdir as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof actual.mkdir;
  const open = (async (p: Parameters<typeof actual.open>[0], flags?: string | number, ...rest: unknown[]) => {
    if (readOnly(p) && flags !== undefined && flags !== 'r') throw fsError('EROFS', 'open', p);
    return (actual.open as (...a: unknown[]) => unknown)(p, flags, ...rest);
  }) as typeof actual.open;
  const mocked = { ...actual, mkdir, open };
  return { ...mocked, default: mocked };
});

afterEach(() => vi.restoreAllMocks());

const GOOD = 'We respect human rights. The allegations of torture are baseless.';

/** Exit 2 and exactly one line on stderr, `spiral: ...`, that names `where` and matches `cause`. */
function expectOneLine(run: CliRun, where: string, cause: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toMatch(/^\s{4}at /m);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0].startsWith('spiral: ')).toBe(true);
  expect(lines[0]).toContain(where);
  expect(lines[0]).toMatch(cause);
}

/** A corpus folder and a finished run of it. */
async function finishedRun(): Promise<{ input: string; out: string }> {
  const input = tempDir();
  writeFiles(input, { 'KEN_45_1990.txt': GOOD, 'CHL_45_1990.txt': GOOD });
  const run = await classify([input]);
  expect(run.code, run.stderr).toBe(0);
  return { input, out: run.out };
}

describe('classify and merge cannot write their --out', () => {
  it('a full disk during classify (ENOSPC): one line naming --out, the output and the cause; the previous run is untouched', async () => {
    const { input, out } = await finishedRun();
    const before = readFileSync(path.join(out, 'utterances.jsonl'), 'utf8');
    const probe = await openFile(path.join(out, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    vi.spyOn(proto, 'write').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }));
    writeFiles(input, { 'POL_45_1990.txt': GOOD });
    const run = await runCli(['classify', input, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);
    vi.restoreAllMocks();
    expectOneLine(run, `cannot write the run into ${out} (`, /\): no space left on device \(ENOSPC\)$/);
    expect(readFileSync(path.join(out, 'utterances.jsonl'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.spiral'))).toEqual([]); // no staging folder, no lock left
  });

  it('--out an existing file (EEXIST)', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'in/a.txt': GOOD, 'taken.txt': 'mine' });
    const out = path.join(dir, 'taken.txt');
    expectOneLine(await runCli(['classify', path.join(dir, 'in'), '--out', out, '-q', '--lexicons', MINI_LEXICONS]), out, /: is a file, not a folder$/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });

  it('--out read-only (a new folder in a read-only one, and an existing read-only folder)', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'in/a.txt': GOOD });
    const fresh = path.join(dir, READONLY, 'run');
    expectOneLine(
      await runCli(['classify', path.join(dir, 'in'), '--out', fresh, '-q', '--lexicons', MINI_LEXICONS]),
      `--out ${fresh}: cannot write there`,
      /read-only file system \(EROFS\)$/,
    );
    const existing = path.join(dir, `${READONLY}-existing`);
    mkdirSync(existing);
    expectOneLine(
      await runCli(['classify', path.join(dir, 'in'), '--out', existing, '-q', '--lexicons', MINI_LEXICONS]),
      `--out ${existing}: cannot write there`,
      /read-only file system \(EROFS\)$/,
    );
  });

  it('merge --out a file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'in/KEN_45_1990.txt': GOOD, 'in/CHL_45_1990.txt': GOOD, 'in/POL_45_1990.txt': GOOD, 'taken.txt': 'mine' });
    const shards = ['1/2', '2/2'].map((s, i) => path.join(dir, `shard${i + 1}`));
    for (const [i, spec] of ['1/2', '2/2'].entries()) {
      const run = await runCli(['classify', path.join(dir, 'in'), '--out', shards[i], '--shard', spec, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);
      expect(run.code, run.stderr).toBe(0);
    }
    const out = path.join(dir, 'taken.txt');
    expectOneLine(await runCli(['merge', ...shards, '--out', out]), out, /: is a file, not a folder$/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });
});

describe('report, review and export cannot read or write', () => {
  it('report --out read-only', async () => {
    const { out } = await finishedRun();
    const target = path.join(tempDir(), READONLY);
    expectOneLine(await runCli(['report', out, '--out', target]), path.join(target, 'report.html'), /: cannot write: read-only file system \(EROFS\)$/);
  });

  it('reviews.jsonl a folder (EISDIR): the server and the export', async () => {
    const run = writeFixtureRun(sampleRun());
    mkdirSync(path.join(run, 'reviews.jsonl'));
    const reviews = path.join(run, 'reviews.jsonl');
    expectOneLine(await runCli(['review', run, '--port', '0']), reviews, /is a folder, not a file \(EISDIR\)$/);
    expectOneLine(await runCli(['review', 'export', run, '--out', path.join(run, 'gold.jsonl')]), reviews, /is a folder, not a file \(EISDIR\)$/);
  });

  it('utterances.jsonl a folder: report, scores, review', async () => {
    const run = writeFixtureRun(sampleRun());
    renameSync(path.join(run, 'utterances.jsonl'), path.join(run, 'moved.jsonl'));
    mkdirSync(path.join(run, 'utterances.jsonl'));
    const file = path.join(run, 'utterances.jsonl');
    for (const argv of [
      ['report', run],
      ['scores', run],
      ['review', run, '--port', '0'],
    ]) {
      expectOneLine(await runCli(argv), file, /: is a folder, not a file/);
    }
  });

  it('review export --out a folder', async () => {
    const run = writeFixtureRun(sampleRun());
    writeFileSync(
      path.join(run, 'reviews.jsonl'),
      JSON.stringify({ id: 'KEN_1990.txt:1', decision: 'accept', proposed_label: 'denial', label: 'denial', timestamp: '2024-01-01T00:00:00Z' }) + '\n',
    );
    const target = path.join(run, 'gold');
    mkdirSync(target);
    expectOneLine(await runCli(['review', 'export', run, '--out', target]), target, /: cannot write: is a folder, not a file \(EISDIR\)$/);
  });
});
