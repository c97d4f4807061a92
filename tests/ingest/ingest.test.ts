import { createHash } from 'node:crypto';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIngestContext, discoverFiles, ingestFile, type IngestItem } from '../../src/ingest/index.js';
import { unreadableReason } from '../../src/ingest/read.js';
import { cp1252, macRoman, tempDir, utf16le, writeFiles } from './fixtures.js';

/** Discover and ingest a folder: id → status and reason (documents: 'ok'). */
async function outcomes(dir: string): Promise<Record<string, string>> {
  const ctx = createIngestContext();
  const out: Record<string, string> = {};
  for (const file of await discoverFiles([dir])) {
    const items = await ingestFile(file, ctx);
    expect(items.length).toBeGreaterThan(0); // every discovered file is accounted for
    for (const item of items) {
      if (item.kind === 'document') out[item.doc.id] = `ok ${item.doc.encoding}`;
      else out[item.record.id] = `${item.record.status}: ${item.record.reason}`;
    }
  }
  return out;
}

const isRoot = process.getuid?.() === 0;

describe('ingestFile outcomes', () => {
  it('reads every encoding and skips what is not text, each with a specific reason', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'utf8.txt': 'Plain text.',
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('With BOM.')]),
      'utf16.txt': utf16le('No BOM, UTF-16.'),
      'win.txt': cp1252('“Smart quotes” and café.'),
      'mac.txt': macRoman('“Smart quotes” and café.'),
      'cr.txt': 'One.\rTwo.\r',
      'empty.txt': '',
      'blank.txt': ' \n\t\r\n',
      'binary.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x41, 0x42, 0x00, 0x01]),
      'photo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      notes: 'no extension',
      LICENSE: 'MIT',
      'README.md': '# About this corpus',
    });
    expect(await outcomes(dir)).toEqual({
      LICENSE: 'skipped: documentation file (LICENSE), not a statement',
      'README.md': 'skipped: documentation file (README.md), not a statement',
      'binary.txt': 'skipped: binary content (NUL bytes)',
      'blank.txt': 'skipped: no text (empty or only white space)',
      'bom.txt': 'ok utf-8-bom',
      'cr.txt': 'ok utf-8',
      'empty.txt': 'skipped: empty file',
      'mac.txt': 'ok macintosh',
      notes: 'skipped: unsupported format (no extension)',
      'photo.jpg': 'skipped: unsupported format (.jpg)',
      'utf16.txt': 'ok utf-16le',
      'utf8.txt': 'ok utf-8',
      'win.txt': 'ok windows-1252',
    });
  });

  it('reports links, loops, FIFOs and unreadable names without crashing', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'x.txt': 'Target.', 'folder/y.txt': 'In folder.' });
    await symlink('x.txt', join(dir, 'link.txt'));
    await symlink('nowhere.txt', join(dir, 'broken.txt'));
    await symlink('self.txt', join(dir, 'self.txt'));
    await symlink('folder', join(dir, 'dirlink'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    await writeFile(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from('r\xe9sum\xe9.txt', 'latin1')]), 'Read through raw bytes.');
    expect(await outcomes(dir)).toEqual({
      'broken.txt': 'failed: broken symbolic link',
      dirlink: 'skipped: symbolic link to a folder (not followed)',
      'folder/y.txt': 'ok utf-8',
      'link.txt': 'ok utf-8',
      'pipe.txt': 'skipped: not a regular file (FIFO)',
      'r%E9sum%E9.txt': 'ok utf-8',
      'self.txt': 'failed: unreadable: ELOOP (symbolic link loop)',
      'x.txt': 'ok utf-8',
    });
  });

  it.skipIf(isRoot)('fails an unreadable file and an unreadable folder with their reasons', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'secret.txt': 'x', 'locked/inside.txt': 'x' });
    await chmod(join(dir, 'secret.txt'), 0o000);
    await chmod(join(dir, 'locked'), 0o000);
    try {
      expect(await outcomes(dir)).toEqual({
        'locked/': 'failed: unreadable folder (its files could not be listed)',
        'secret.txt': 'failed: unreadable: EACCES',
      });
    } finally {
      await chmod(join(dir, 'locked'), 0o755); // so the temp folder can be removed
    }
  });

  it('names fs error codes in reasons (also when tests run as root)', () => {
    expect(unreadableReason(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('unreadable: EACCES');
    expect(unreadableReason(Object.assign(new Error('x'), { code: 'ELOOP' }))).toBe('unreadable: ELOOP (symbolic link loop)');
  });

  it('records sha256 and size of the raw file on documents and records', async () => {
    const dir = await tempDir();
    const bytes = cp1252('Déclaration.');
    await writeFiles(dir, { 'a.txt': bytes, 'b.xyz': 'other', 'c.jsonl': '{"text":"a"}\n{"x":1}\n' });
    const hash = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    const ctx = createIngestContext();
    const all: IngestItem[] = [];
    for (const f of await discoverFiles([dir])) all.push(...(await ingestFile(f, ctx)));
    const facts = all.map((it) => (it.kind === 'document' ? [it.doc.id, it.doc.sha256, it.doc.bytes] : [it.record.id, it.record.sha256, it.record.bytes]));
    expect(facts).toEqual([
      ['a.txt', hash(bytes), bytes.length],
      ['b.xyz', hash('other'), 5],
      ['c.jsonl#1', hash('{"text":"a"}\n{"x":1}\n'), 21],
      ['c.jsonl#2', hash('{"text":"a"}\n{"x":1}\n'), 21],
    ]);
  });

  it('keeps metadata from the file name and manifest on skipped records', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'KEN_45_1990.txt': '', 'manifest.yaml': 'KEN_45_1990.txt: {speaker: Minister}\n' });
    const [item] = await ingestFile((await discoverFiles([dir]))[0], createIngestContext());
    expect(item).toEqual({
      kind: 'record',
      record: {
        id: 'KEN_45_1990.txt',
        path: 'KEN_45_1990.txt',
        status: 'skipped',
        reason: 'empty file',
        format: 'txt',
        sha256: createHash('sha256').update('').digest('hex'),
        bytes: 0,
        meta: { country: 'KEN', year: 1990, speaker: 'Minister', venue: 'UN General Assembly', audience: 'international', type: 'speech' },
        meta_sources: { country: 'file_name', year: 'file_name', speaker: 'manifest', venue: 'file_name', audience: 'implied', type: 'file_name' },
        utterances: 0,
      },
    });
  });

  it('gives identical items on a second run (deterministic)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.md': '---\ncountry: CHL\n---\nText.', 'b.jsonl': '{"text":"x","year":1980}\n', 'manifest.csv': 'file,speaker\na.md,Someone\n' });
    const run = async () => {
      const ctx = createIngestContext({ defaults: { type: 'speech' } });
      const items: IngestItem[] = [];
      for (const f of await discoverFiles([dir])) items.push(...(await ingestFile(f, ctx)));
      return JSON.stringify(items);
    };
    expect(await run()).toBe(await run());
  });
});
