// Issue 16, row 1: two review servers on one run, and a full disk, must not
// erase confirmed decisions. A second server is refused (a lock with the
// owner's pid; a stale lock is taken over), and a failed append removes only
// its own partial bytes, found at the end of the file as it is now, never by
// cutting the file back to a size remembered when it opened.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openReviewSession } from '../../src/review/index.js';
import { parseReviewLog, serialiseRecord, type ReviewRecord } from '../../src/review/log.js';
import { lockFileOf, ReviewLogFile } from '../../src/review/log-file.js';
import { runCli } from '../helpers/cli.js';
import { sampleRun, writeFixtureRun } from '../report/run-fixture.js';

function record(id: string): ReviewRecord {
  return { id, doc: 'd', text: `text ${id}`, proposed_label: 'denial', decision: 'accept', label: 'denial', timestamp: '2024-01-01T00:00:00.000Z' };
}

const ids = (file: string) => parseReviewLog(readFileSync(file), file).records.map((r) => r.id);

/** The pid of a process that has exited (not reused this soon). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

afterEach(() => vi.restoreAllMocks());

describe('one review server per run', () => {
  it('refuses a second server on the same run, naming the first one, and serves again once it has stopped', async () => {
    const dir = writeFixtureRun(sampleRun());
    const first = await openReviewSession(dir);
    await expect(openReviewSession(dir)).rejects.toThrow(
      new RegExp(`is already being reviewed: spiral review \\(pid ${process.pid}, since .*\\) is using it \\(lock file .*reviews\\.jsonl\\.lock`),
    );
    // The CLI says the same in one line, exit 2.
    const cli = await runCli(['review', dir, '--port', '0']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^spiral: .* is already being reviewed: spiral review \(pid \d+/);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    await first.session.decide({ id: first.session.queue[0].id, decision: 'accept' });
    await first.log.close();
    expect(existsSync(lockFileOf(join(dir, 'reviews.jsonl')))).toBe(false);
    const again = await openReviewSession(dir);
    expect(again.session.state().done).toBe(1);
    await again.log.close();
  });

  it('takes over a stale lock (its owner no longer runs), with a warning', async () => {
    const dir = writeFixtureRun(sampleRun());
    const pid = deadPid();
    const lock = lockFileOf(join(dir, 'reviews.jsonl'));
    writeFileSync(lock, JSON.stringify({ pid, host: hostname(), command: 'spiral review', started: '2024-01-01T00:00:00.000Z', token: 'old' }) + '\n');
    const opened = await openReviewSession(dir);
    expect(opened.warnings).toContainEqual(expect.stringMatching(new RegExp(`stale lock of spiral review \\(pid ${pid}, .*no longer running\\) removed`)));
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await opened.log.close();
  });
});

describe('a failed append', () => {
  it('removes only its own partial bytes: lines another writer appended meanwhile survive (disk full mid-line)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'spiral-reviews-')), 'reviews.jsonl');
    const a = await ReviewLogFile.open(file);
    await a.log.append(record('a1'));
    // Another writer (a server of an older spiral, an editor) confirms six decisions.
    for (let i = 1; i <= 6; i++) appendFileSync(file, serialiseRecord(record(`b${i}`)));
    // Server A's next append: the disk fills after half the line.
    const probe = await open(join(file, '..', 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
    await probe.close();
    const realWrite = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      calls++;
      if (calls === 1) {
        const [buffer, offset, length] = args as [Buffer, number, number];
        return realWrite.call(this, buffer, offset, Math.floor(length / 2));
      }
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    });
    await expect(a.log.append(record('a2'))).rejects.toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(calls).toBe(2);
    const parsed = parseReviewLog(readFileSync(file), file);
    expect(parsed.truncated).toBe(false);
    expect(parsed.records.map((r) => r.id)).toEqual(['a1', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    // The log still works after the failure.
    await a.log.append(record('a3'));
    await a.log.close();
    expect(ids(file)).toEqual(['a1', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'a3']);
  });

  it('removes the whole line when the write succeeded but fsync failed (the decision was never confirmed)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'spiral-reviews-')), 'reviews.jsonl');
    const a = await ReviewLogFile.open(file);
    await a.log.append(record('a1'));
    const probe = await open(join(file, '..', 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    vi.spyOn(proto, 'sync').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expect(a.log.append(record('a2'))).rejects.toThrow(/EIO/);
    vi.restoreAllMocks();
    expect(ids(file)).toEqual(['a1']);
    await a.log.close();
  });
});
