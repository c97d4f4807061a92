// Unreadable files and folders, also when the tests run as root (where chmod
// 000 does not stop a read): the file system refuses through an injected
// failure of node:fs/promises for paths that contain a marker, and the real CLI
// must report the same reasons a permission error gives a normal user.
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { classify, noStackTrace, tempDir, writeFiles } from './helpers.js';

/** Paths with this marker cannot be read; folders with LOCKED cannot be listed; EIO fails like a bad disk. */
const DENIED = 'DENIED';
const LOCKED = 'LOCKED';
const BAD_SECTOR = 'BADSECTOR';
/** In a folder with this marker only the manifest cannot be read. */
const SECRET_MANIFEST = 'SECRETMANIFEST';

function fsError(code: string, syscall: string, p: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${String(p)}'`), { code, syscall, path: String(p) });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const has = (p: unknown, marker: string) => (Buffer.isBuffer(p) ? p.toString('latin1') : String(p)).includes(marker);
  const readFile = (async (p: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    if (has(p, DENIED) || (has(p, SECRET_MANIFEST) && has(p, 'manifest.'))) throw fsError('EACCES', 'open', p);
    if (has(p, BAD_SECTOR)) throw fsError('EIO', 'read', p);
    return (actual.readFile as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof actual.readFile;
  const access = (async (p: Parameters<typeof actual.access>[0], mode?: number) => {
    if (has(p, LOCKED)) throw fsError('EACCES', 'access', p);
    return actual.access(p, mode);
  }) as typeof actual.access;
  const readdir = (async (p: Parameters<typeof actual.readdir>[0], ...rest: unknown[]) => {
    if (has(p, LOCKED)) throw fsError('EACCES', 'scandir', p);
    return (actual.readdir as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof actual.readdir;
  const mocked = { ...actual, readFile, access, readdir };
  return { ...mocked, default: mocked };
});

const GOOD = 'We respect human rights. The allegations of torture are baseless.';

describe('unreadable files and folders (injected, so it also holds as root)', () => {
  it('fails a file whose read is refused (EACCES) or breaks (EIO), and the run goes on with exit 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'good.txt': GOOD, [`${DENIED}.txt`]: GOOD, [`${BAD_SECTOR}.md`]: GOOD });
    const run = await classify([dir]);
    expect(noStackTrace(run.stderr), run.stderr).toBe(true);
    expect(run.byId.get('good.txt')).toMatchObject({ status: 'ok', utterances: 2 });
    expect(run.byId.get(`${DENIED}.txt`)).toMatchObject({ status: 'failed', reason: 'unreadable: EACCES', bytes: GOOD.length });
    expect(run.byId.get(`${BAD_SECTOR}.md`)).toMatchObject({ status: 'failed', reason: 'unreadable: EIO' });
    expect(run.code).toBe(1);
  });

  it('fails a folder that cannot be listed as one entry ending in "/", and reads its siblings', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'good.txt': GOOD, [`${LOCKED}/inside.txt`]: GOOD, [`sub/${LOCKED}-too/x.txt`]: GOOD, 'sub/fine.txt': GOOD });
    const run = await classify([dir]);
    expect(run.docs.map((d) => [d.id, d.status, d.reason ?? ''])).toEqual([
      [`${LOCKED}/`, 'failed', 'unreadable folder (its files could not be listed)'],
      ['good.txt', 'ok', ''],
      [`sub/${LOCKED}-too/`, 'failed', 'unreadable folder (its files could not be listed)'], // code-point order: 'L' < 'f'
      ['sub/fine.txt', 'ok', ''],
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses an input folder it cannot list: exit 2 with the path, no stack trace', async () => {
    const dir = tempDir();
    writeFiles(dir, { [`${LOCKED}/a.txt`]: GOOD });
    const run = await classify([path.join(dir, LOCKED)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`spiral: input folder cannot be read: ${path.join(dir, LOCKED)}\n`);
  });

  it('ignores a manifest it cannot read, with a warning, and still reads the files', async () => {
    const dir = tempDir();
    writeFiles(dir, { [`${SECRET_MANIFEST}/manifest.csv`]: 'file,country\na.txt,Kenya\n', [`${SECRET_MANIFEST}/a.txt`]: GOOD });
    const run = await classify([dir]);
    expect(run.byId.get(`${SECRET_MANIFEST}/a.txt`)).toMatchObject({ status: 'ok', meta: {} });
    const runJson = JSON.parse(readFileSync(path.join(run.out, 'run.json'), 'utf8')) as { warnings: string[] };
    expect(runJson.warnings).toContain(`${SECRET_MANIFEST}/manifest.csv: unreadable: EACCES; manifest ignored`);
    expect(run.code).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('fails a chmod 000 file with the same reason as the injected one', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'good.txt': GOOD, 'secret.txt': GOOD });
    chmodSync(path.join(dir, 'secret.txt'), 0o000);
    const run = await classify([dir]);
    expect(run.byId.get('secret.txt')).toMatchObject({ status: 'failed', reason: 'unreadable: EACCES' });
    expect(run.code).toBe(1);
  });
});
