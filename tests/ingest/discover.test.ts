import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/ingest/index.js';
import { InputPathError } from '../../src/ingest/errors.js';
import { tempDir, writeFiles } from './fixtures.js';

const ids = async (paths: string[], opts = {}) => (await discoverFiles(paths, opts)).map((f) => f.id);

describe('discoverFiles', () => {
  it('leaves out the output folder and any run folder (run.json and index.jsonl), with a warning each (issue 16, row 4)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.txt': 'x',
      'run/documents.jsonl': '{}',
      'run/utterances.jsonl': '{}',
      'old/sub/run.json': '{}',
      'old/sub/index.jsonl': '{}',
      'old/sub/documents.jsonl': '{}',
      'old/b.txt': 'x',
      'notes/run.json': '{"a run.json alone is an input"}',
    });
    const warnings: string[] = [];
    expect(await ids([dir], { outputDir: join(dir, 'run'), warn: (w: string) => warnings.push(w) })).toEqual(['a.txt', 'notes/run.json', 'old/b.txt']);
    expect(warnings.sort()).toEqual([
      `folder ${join(dir, 'old/sub')} not read as input: it holds a spiral run (run.json and index.jsonl)`,
      `folder ${join(dir, 'run')} not read as input: it is the output folder (--out)`,
    ]);
  });

  it('walks a folder, sorted by id, ignoring dotfiles and manifests but keeping unsupported files', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'b.txt': 'x',
      'a.MD': 'x',
      'sub/c.json': '[]',
      'sub/Z.html': 'x',
      'sub/image.png': 'x',
      noext: 'x',
      'manifest.yaml': 'x',
      'sub/manifest.csv': 'x',
      '.hidden.txt': 'x',
      '.git/config.txt': 'x',
      'ünïcode.txt': 'x',
    });
    expect(await ids([dir])).toEqual(['a.MD', 'b.txt', 'noext', 'sub/Z.html', 'sub/c.json', 'sub/image.png', 'ünïcode.txt']);
  });

  it('gives the same order whatever order the files were created in', async () => {
    const names = ['k.txt', 'B.txt', 'a.txt', 'sub/a.txt', 'é.txt', '𝒜.txt', 'ﬀ.txt', '10.txt', '9.txt'];
    const one = await tempDir();
    const two = await tempDir();
    for (const n of names) await writeFiles(one, { [n]: 'x' });
    for (const n of [...names].reverse()) await writeFiles(two, { [n]: 'x' });
    const first = await ids([one]);
    expect(await ids([two])).toEqual(first);
    // code-point order: U+FB00 (ﬀ) before U+1D49C (𝒜), which UTF-16 order would reverse
    expect(first).toEqual(['10.txt', '9.txt', 'B.txt', 'a.txt', 'k.txt', 'sub/a.txt', 'é.txt', 'ﬀ.txt', '𝒜.txt']);
  });

  it('applies include and exclude globs relative to the folder, case-insensitively', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'x', 'b.TXT': 'x', 'c.md': 'x', 'drafts/d.txt': 'x', 'e.csv': 'x' });
    expect(await ids([dir], { include: ['**/*.txt'] })).toEqual(['a.txt', 'b.TXT', 'drafts/d.txt']);
    expect(await ids([dir], { exclude: ['drafts/**', '*.csv'] })).toEqual(['a.txt', 'b.TXT', 'c.md']);
    // A user include may name an unsupported format: it is discovered (and ingest reports it).
    expect(await ids([dir], { include: ['*.csv'] })).toEqual(['e.csv']);
  });

  it('takes a file given directly by its name, and prefixes ids with each input name when several are given', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'corpus/a.txt': 'x', 'corpus/sub/b.txt': 'x', 'other/corpus/a.txt': 'x', 'single.md': 'x' });
    const single = await discoverFiles([join(dir, 'single.md')]);
    expect(single).toEqual([{ root: dir, abs: join(dir, 'single.md'), rel: 'single.md', id: 'single.md' }]);
    expect(await ids([join(dir, 'corpus'), join(dir, 'other/corpus'), join(dir, 'single.md')])).toEqual([
      'corpus/a.txt',
      'corpus/sub/b.txt',
      'corpus~2/a.txt',
      'single.md',
    ]);
  });

  it('lists a file once when inputs overlap', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'x', 'sub/b.txt': 'x' });
    const files = await discoverFiles([dir, join(dir, 'sub'), join(dir, 'sub/b.txt')]);
    expect(files.map((f) => f.abs).sort()).toEqual([join(dir, 'a.txt'), join(dir, 'sub/b.txt')]);
  });

  it('throws a user-facing error for an input path that does not exist', async () => {
    await expect(discoverFiles(['/nonexistent/spiral/input'])).rejects.toThrow(InputPathError);
    await expect(discoverFiles(['/nonexistent/spiral/input'])).rejects.toThrow('input path not found: /nonexistent/spiral/input');
  });

  it('survives symbolic-link loops, broken links and FIFOs, and reports them', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a/x.txt': 'x' });
    await symlink('..', join(dir, 'a/loop'));
    await symlink('loop2', join(dir, 'a/loop1'));
    await symlink('loop1', join(dir, 'a/loop2'));
    await symlink('x.txt', join(dir, 'a/link.txt'));
    await symlink('nowhere.txt', join(dir, 'a/broken.txt'));
    await mkfifo(join(dir, 'a/pipe.txt'));
    expect(await ids([dir])).toEqual(['a/broken.txt', 'a/link.txt', 'a/loop', 'a/loop1', 'a/loop2', 'a/pipe.txt', 'a/x.txt']);
  });

  it('escapes file names that are not valid UTF-8 and reports unwalkable folders', async () => {
    const dir = await tempDir();
    const raw = (name: string) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name, 'latin1')]);
    await writeFile(raw('caf\xe9.txt'), 'x');
    await writeFile(raw('caf\xe8.txt'), 'y'); // looks the same as the first once decoded lossily
    await mkdir(raw('d\xfe'));
    await writeFile(Buffer.concat([raw('d\xfe'), Buffer.from('/in.txt')]), 'z');
    expect(await ids([dir])).toEqual(['caf%E8.txt', 'caf%E9.txt', 'd%FE/']);
  });
});

// Node has no mkfifo; the coreutils one is everywhere these tests run.
async function mkfifo(path: string): Promise<void> {
  execFileSync('mkfifo', [path]);
}
