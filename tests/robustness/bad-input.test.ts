// Folders nobody cleaned: every kind of bad input file next to a good one,
// classified by the real CLI. For each case the run continues, the good file
// is classified, the bad file is in documents.jsonl as ok (decoded correctly:
// known characters survive) or skipped/failed with a specific reason, and the
// exit code follows the documented rule: 0; --strict turns any skip into 1;
// a failed file gives 1.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classify, noStackTrace, tempDir, textOf, writeFiles, type ClassifyRun } from './helpers.js';

const isRoot = process.getuid?.() === 0;

/** Known characters that a wrong decoding would mangle (quotes, accents, dashes, ellipsis). */
const ACCENTED = 'Côte d’Ivoire “rejects” the allegations — they are baseless… We respect human rights, naïvely or not, in Curaçao.';
const ACCENTED_PIECES = ['Côte d’Ivoire', '“rejects”', '—', 'baseless…', 'naïvely', 'Curaçao'];
const GOOD = 'We respect human rights. The allegations of torture are baseless.';

type Expected = { status: 'ok'; encoding?: string; contains?: string[]; warning?: RegExp } | { status: 'skipped' | 'failed'; reason: string | RegExp };

interface Case {
  name: string;
  /** Create the bad file(s) in `dir`. */
  make: (dir: string) => void;
  /** The documents.jsonl id to check. */
  id: string;
  expected: Expected;
}

const bytes = (...parts: Array<string | number[] | Buffer>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const CASES: Case[] = [
  { name: 'an empty file', id: 'empty.txt', make: (d) => writeFiles(d, { 'empty.txt': '' }), expected: { status: 'skipped', reason: 'empty file' } },
  {
    name: 'a file of white space only',
    id: 'blank.txt',
    make: (d) => writeFiles(d, { 'blank.txt': ' \n\t\r\n  \n' }),
    expected: { status: 'skipped', reason: 'no text (empty or only white space)' },
  },
  {
    name: 'a binary file with NUL bytes named .txt',
    id: 'blob.txt',
    make: (d) => writeFiles(d, { 'blob.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) }),
    expected: { status: 'skipped', reason: 'binary content (NUL bytes)' },
  },
  {
    name: 'text with NUL bytes in the middle',
    id: 'nul-middle.txt',
    make: (d) => writeFiles(d, { 'nul-middle.txt': bytes('We respect human rights.', [0, 0, 0, 0x01, 0x02, 0], 'Baseless allegations.') }),
    expected: { status: 'skipped', reason: 'binary content (NUL bytes)' },
  },
  {
    name: 'a half-written file padded with NUL bytes',
    id: 'padded.txt',
    make: (d) => writeFiles(d, { 'padded.txt': Buffer.concat([Buffer.from(ACCENTED), Buffer.alloc(8192)]) }),
    expected: {
      status: 'ok',
      encoding: 'utf-8',
      contains: ACCENTED_PIECES,
      warning: /^8192 NUL bytes at the end ignored \(a file not completely written\?\)$/,
    },
  },
  {
    name: 'nothing but NUL bytes',
    id: 'zeros.txt',
    make: (d) => writeFiles(d, { 'zeros.txt': Buffer.alloc(4096) }),
    expected: { status: 'skipped', reason: 'binary content (NUL bytes)' },
  },
  {
    name: 'binary without NUL bytes (control characters)',
    id: 'controls.txt',
    make: (d) => writeFiles(d, { 'controls.txt': Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26)))) }),
    expected: { status: 'skipped', reason: 'binary content (control characters)' },
  },
  {
    name: 'an image named by its own extension',
    id: 'photo.png',
    make: (d) => writeFiles(d, { 'photo.png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]) }),
    expected: { status: 'skipped', reason: 'unsupported format (.png)' },
  },
  {
    name: 'UTF-16 LE without BOM',
    id: 'utf16le.txt',
    make: (d) => writeFiles(d, { 'utf16le.txt': Buffer.from(ACCENTED, 'utf16le') }),
    expected: { status: 'ok', encoding: 'utf-16le', contains: ACCENTED_PIECES },
  },
  {
    name: 'UTF-16 BE without BOM',
    id: 'utf16be.txt',
    make: (d) => writeFiles(d, { 'utf16be.txt': Buffer.from(ACCENTED, 'utf16le').swap16() }),
    expected: { status: 'ok', encoding: 'utf-16be', contains: ACCENTED_PIECES },
  },
  {
    name: 'UTF-16 with a BOM and an odd byte count (a truncated file)',
    id: 'utf16-cut.txt',
    make: (d) => writeFiles(d, { 'utf16-cut.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ACCENTED, 'utf16le').subarray(0, 41)]) }),
    expected: { status: 'failed', reason: 'invalid UTF-16LE text (odd length or unpaired surrogate)' },
  },
  {
    name: 'Windows-1252 text',
    id: 'cp1252.txt',
    make: (d) => writeFiles(d, { 'cp1252.txt': iconv.encode(ACCENTED, 'windows-1252') }),
    expected: { status: 'ok', encoding: 'windows-1252', contains: ACCENTED_PIECES },
  },
  {
    name: 'Mac Roman text',
    id: 'macroman.txt',
    make: (d) => writeFiles(d, { 'macroman.txt': iconv.encode(ACCENTED, 'macintosh') }),
    expected: { status: 'ok', encoding: 'macintosh', contains: ACCENTED_PIECES },
  },
  {
    name: 'invalid UTF-8 (Latin-1 accents in ASCII text)',
    id: 'latin1.txt',
    make: (d) => writeFiles(d, { 'latin1.txt': iconv.encode('The Government of Curaçao rejects the “report”. We respect human rights.', 'windows-1252') }),
    expected: { status: 'ok', encoding: 'windows-1252', contains: ['Curaçao', '“report”'] },
  },
  {
    name: 'UTF-8 with a stray Windows-1252 byte (mixed encodings)',
    id: 'mixed-1252.txt',
    make: (d) => writeFiles(d, { 'mixed-1252.txt': bytes(ACCENTED, ' The d', [0xe9], 'l', [0xe9], 'gation agreed.') }),
    expected: {
      status: 'ok',
      encoding: 'utf-8+windows-1252',
      contains: [...ACCENTED_PIECES, 'délégation'],
      warning: /^not valid UTF-8 throughout: 2 stray bytes read as windows-1252 \(mixed encodings\)$/,
    },
  },
  {
    name: 'UTF-8 with a stray Mac Roman apostrophe (mixed encodings)',
    id: 'mixed-mac.txt',
    make: (d) => writeFiles(d, { 'mixed-mac.txt': bytes(ACCENTED, ' Kenya', [0xd5], 's delegation agreed.') }),
    expected: {
      status: 'ok',
      encoding: 'utf-8+macintosh',
      contains: [...ACCENTED_PIECES, 'Kenya’s delegation'],
      warning: /^not valid UTF-8 throughout: 1 stray byte read as macintosh/,
    },
  },
  {
    name: 'UTF-8 text with a BOM that is not valid UTF-8 after it',
    id: 'bom-latin1.txt',
    make: (d) =>
      writeFiles(d, { 'bom-latin1.txt': bytes([0xef, 0xbb, 0xbf], iconv.encode('The Government of Curaçao rejects the “report”.', 'windows-1252')) }),
    expected: { status: 'ok', encoding: 'windows-1252', contains: ['Curaçao', '“report”'], warning: /byte-order mark but is not valid UTF-8/ },
  },
  {
    name: 'CR-only line endings (classic Mac)',
    id: 'cr-only.txt',
    make: (d) => writeFiles(d, { 'cr-only.txt': 'We respect human rights\r\rThe allegations of torture are baseless\rand fabricated.\r' }),
    expected: { status: 'ok', encoding: 'utf-8', contains: ['We respect human rights', 'The allegations of torture are baseless\rand fabricated.'] },
  },
  {
    name: 'a document with no sentence terminators at all',
    id: 'no-terminators.txt',
    make: (d) => writeFiles(d, { 'no-terminators.txt': Array.from({ length: 1500 }, (_, i) => (i % 50 === 49 ? 'human rights\n' : 'word')).join(' ') }),
    expected: { status: 'ok', encoding: 'utf-8', contains: ['human rights'] },
  },
  {
    name: 'front matter that is not YAML',
    id: 'bad-yaml.md',
    make: (d) => writeFiles(d, { 'bad-yaml.md': '---\ncountry: [Kenya\ndate: : :\n---\nWe respect human rights.\n' }),
    expected: { status: 'ok', contains: ['We respect human rights.'], warning: /^front matter is not valid YAML \(line \d+: .+\); metadata ignored$/ },
  },
  {
    name: 'front matter with a YAML alias bomb ("billion laughs")',
    id: 'laughs.md',
    make: (d) => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (const [prev, next] of [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'f'],
        ['f', 'g'],
        ['g', 'h'],
        ['h', 'i'],
      ]) {
        levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      writeFiles(d, { 'laughs.md': `---\n${levels.join('\n')}\ncountry: Kenya\n---\nWe respect human rights.\n` });
    },
    expected: {
      status: 'ok',
      contains: ['We respect human rights.'],
      warning: /^front matter could not be read \(Excessive alias count .*\); metadata ignored$/,
    },
  },
  {
    name: 'front matter that is a list, not a mapping',
    id: 'list.md',
    make: (d) => writeFiles(d, { 'list.md': '---\n- Kenya\n- 1990\n---\nWe respect human rights.\n' }),
    expected: { status: 'ok', contains: ['We respect human rights.'], warning: /^front matter is not a YAML mapping; metadata ignored$/ },
  },
  {
    name: 'front matter with values of the wrong type',
    id: 'types.md',
    make: (d) => writeFiles(d, { 'types.md': '---\ncountry: [1, 2]\nyear: {a: 1}\ndate: true\naudience: 7\n---\nWe respect human rights.\n' }),
    expected: { status: 'ok', contains: ['We respect human rights.'], warning: /^front matter: country \[1,2\] is not text; ignored$/ },
  },
  {
    name: 'front matter without a closing line',
    id: 'unclosed.md',
    make: (d) => writeFiles(d, { 'unclosed.md': '---\ncountry: Kenya\nWe respect human rights.\n' }),
    expected: { status: 'ok', contains: ['We respect human rights.'], warning: /^front matter has no closing "---" line; read as text$/ },
  },
  {
    name: 'front matter and nothing after it',
    id: 'only-fm.md',
    make: (d) => writeFiles(d, { 'only-fm.md': '---\ncountry: Kenya\n---\n\n' }),
    expected: { status: 'skipped', reason: 'no text after the front matter' },
  },
  {
    name: 'an unknown country name',
    id: 'atlantis.md',
    make: (d) => writeFiles(d, { 'atlantis.md': '---\ncountry: Atlantis\nyear: 1990\n---\nWe respect human rights.\n' }),
    expected: { status: 'ok', warning: /^front matter: unknown country "Atlantis"; ignored$/ },
  },
  {
    name: 'an impossible date',
    id: 'feb30.md',
    make: (d) => writeFiles(d, { 'feb30.md': '---\ncountry: Kenya\ndate: "1990-02-30"\n---\nWe respect human rights.\n' }),
    expected: { status: 'ok', warning: /^front matter: impossible date "1990-02-30" \(day 30\); ignored$/ },
  },
  {
    name: 'a year out of range in a JSONL record',
    id: 'records.jsonl#1',
    make: (d) => writeFiles(d, { 'records.jsonl': '{"text":"We respect human rights.","year":30000,"country":"Narnia"}\n' }),
    expected: { status: 'ok', warning: /^record: unknown country "Narnia"; ignored$/ },
  },
  {
    name: 'a truncated JSONL file (half-written last line)',
    id: 'cut.jsonl#2',
    make: (d) => writeFiles(d, { 'cut.jsonl': '{"text":"We respect human rights."}\n{"text":"The allegations are bas' }),
    expected: { status: 'failed', reason: /^invalid JSON at line 2: / },
  },
  {
    name: 'a .json file of white space and a byte-order mark',
    id: 'blank.json',
    make: (d) => writeFiles(d, { 'blank.json': bytes([0xef, 0xbb, 0xbf], ' \n\t\n') }),
    expected: { status: 'skipped', reason: 'no records (only white space)' },
  },
  {
    name: 'a truncated JSON file',
    id: 'cut.json',
    make: (d) => writeFiles(d, { 'cut.json': '[{"text":"We respect human rights."},\n{"text":"The allegations' }),
    expected: { status: 'failed', reason: /^invalid JSON at line 2: / },
  },
  {
    name: 'a half-written PDF',
    id: 'cut.pdf',
    make: (d) => writeFiles(d, { 'cut.pdf': '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa' }),
    expected: { status: 'failed', reason: /^invalid PDF: / },
  },
  {
    name: 'a text file named .docx',
    id: 'fake.docx',
    make: (d) => writeFiles(d, { 'fake.docx': 'This is not a zip archive.' }),
    expected: { status: 'failed', reason: /^invalid DOCX: / },
  },
  {
    name: 'HTML that never closes its tags',
    id: 'broken.html',
    make: (d) => writeFiles(d, { 'broken.html': '<html><head><title>T</title><body><p>We respect human rights.<div><script>alert(1)' }),
    expected: { status: 'ok', contains: ['We respect human rights.'] },
  },
  {
    name: 'a symbolic link loop',
    id: 'loop-a.txt',
    make: (d) => {
      symlinkSync('loop-b.txt', path.join(d, 'loop-a.txt'));
      symlinkSync('loop-a.txt', path.join(d, 'loop-b.txt'));
    },
    expected: { status: 'failed', reason: 'unreadable: ELOOP (symbolic link loop)' },
  },
  {
    name: 'a link to a folder above it (a walk loop)',
    id: 'sub/up',
    make: (d) => {
      mkdirSync(path.join(d, 'sub'));
      symlinkSync('..', path.join(d, 'sub/up'));
    },
    expected: { status: 'skipped', reason: 'symbolic link to a folder (not followed)' },
  },
  {
    name: 'a dangling symbolic link',
    id: 'dangling.txt',
    make: (d) => symlinkSync('gone.txt', path.join(d, 'dangling.txt')),
    expected: { status: 'failed', reason: 'broken symbolic link' },
  },
  {
    name: 'a FIFO (a reader that would block forever)',
    id: 'pipe.txt',
    make: (d) => execFileSync('mkfifo', [path.join(d, 'pipe.txt')]),
    expected: { status: 'skipped', reason: 'not a regular file (FIFO)' },
  },
  {
    name: 'a file name that is not valid UTF-8',
    id: 'd%E9claration.txt',
    make: (d) => writeFileSync(Buffer.concat([Buffer.from(`${d}/`), Buffer.from('d\xe9claration.txt', 'latin1')]), ACCENTED),
    expected: { status: 'ok', encoding: 'utf-8', contains: ACCENTED_PIECES },
  },
  {
    name: 'a file name with a line break',
    id: 'line\nbreak.txt',
    make: (d) => writeFiles(d, { 'line\nbreak.txt': ACCENTED }),
    expected: { status: 'ok', encoding: 'utf-8', contains: ACCENTED_PIECES },
  },
  {
    name: 'a folder name with a line break',
    id: 'two\nlines/in.txt',
    make: (d) => writeFiles(d, { 'two\nlines/in.txt': ACCENTED }),
    expected: { status: 'ok', encoding: 'utf-8', contains: ACCENTED_PIECES },
  },
  {
    name: 'a folder name that is not valid UTF-8',
    id: 'r%EF%BF%BDpertoire/',
    make: (d) => {
      const folder = Buffer.concat([Buffer.from(`${d}/`), Buffer.from('r\xe9pertoire', 'latin1')]);
      mkdirSync(folder);
      writeFileSync(Buffer.concat([folder, Buffer.from('/in.txt')]), GOOD);
    },
    expected: { status: 'failed', reason: 'folder name is not valid UTF-8 (its files could not be listed)' },
  },
  {
    name: 'a README beside the statements',
    id: 'README.md',
    make: (d) => writeFiles(d, { 'README.md': '# Corpus\n\nWe respect human rights.' }),
    expected: { status: 'skipped', reason: 'documentation file (README.md), not a statement' },
  },
];

function expectCase(run: ClassifyRun, c: Case): void {
  expect(noStackTrace(run.stderr), run.stderr).toBe(true);
  // The run continued: the good file beside the bad one was classified.
  expect(run.byId.get('good.txt')).toMatchObject({ status: 'ok', utterances: 2 });
  const doc = run.byId.get(c.id);
  expect(doc, `${c.id} in documents.jsonl: ${JSON.stringify(run.docs.map((d) => d.id))}`).toBeDefined();
  const e = c.expected;
  expect(doc!.status).toBe(e.status);
  if (e.status === 'ok') {
    if (e.encoding) expect(doc!.encoding).toBe(e.encoding);
    expect(doc!.utterances).toBeGreaterThan(0);
    const text = textOf(run, c.id);
    for (const piece of e.contains ?? []) expect(text).toContain(piece);
    expect(text).not.toContain('\uFFFD');
    if (e.warning) expect(doc!.warnings ?? []).toContainEqual(expect.stringMatching(e.warning));
  } else if (typeof e.reason === 'string') {
    expect(doc!.reason).toBe(e.reason);
  } else {
    expect(doc!.reason).toMatch(e.reason);
  }
}

describe('classify on a folder nobody cleaned', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.expected.status}${'reason' in c.expected ? ` (${c.expected.reason})` : ''}; exit code by the rule`, async () => {
      const dir = tempDir();
      writeFiles(dir, { 'good.txt': GOOD });
      c.make(dir);
      const run = await classify([dir]);
      expectCase(run, c);
      expect(run.code).toBe(c.expected.status === 'failed' ? 1 : 0);
      const strict = await classify([dir], ['--strict']);
      expectCase(strict, c);
      expect(strict.code).toBe(c.expected.status === 'ok' ? 0 : 1);
    });
  }

  it('reads every bad file of one messy folder in one run and accounts for each', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'good.txt': GOOD });
    for (const c of CASES) {
      const sub = path.join(dir, c.name.replace(/[^a-z0-9]+/gi, '-'));
      mkdirSync(sub);
      c.make(sub);
    }
    const run = await classify([dir]);
    expect(noStackTrace(run.stderr), run.stderr).toBe(true);
    expect(run.code).toBe(1); // some files failed
    for (const c of CASES) {
      const id = `${c.name.replace(/[^a-z0-9]+/gi, '-')}/${c.id}`;
      expect(run.byId.get(id)?.status, id).toBe(c.expected.status);
    }
    const counts = run.docs.reduce((n, d) => ({ ...n, [d.status]: (n[d.status] ?? 0) + 1 }), {} as Record<string, number>);
    expect(run.stdout).toContain(`documents ok: ${counts.ok}, skipped: ${counts.skipped}, failed: ${counts.failed}`);
  });

  it.skipIf(isRoot)('fails a file the user may not read (chmod 000) with EACCES and exit 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'good.txt': GOOD, 'secret.txt': GOOD });
    chmodSync(path.join(dir, 'secret.txt'), 0o000);
    const run = await classify([dir]);
    expect(run.byId.get('secret.txt')).toMatchObject({ status: 'failed', reason: 'unreadable: EACCES' });
    expect(run.byId.get('good.txt')?.status).toBe('ok');
    expect(run.code).toBe(1);
  });
});

describe('a manifest that names files that do not exist', () => {
  it('warns with file:line, keeps the rows that match, and the run exits 0', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'KEN_speech.txt': GOOD,
      'manifest.yaml': 'KEN_speech.txt: {country: Kenya, date: 1991-10-02}\nghost.txt: {country: Chile}\n',
      'sub/a.txt': GOOD,
      'sub/manifest.csv': 'file,country,date\na.txt,Atlantis,1990-13-01\nmissing.txt,Chile,1990\n',
    });
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(run.byId.get('KEN_speech.txt')).toMatchObject({ status: 'ok', meta: { country: 'KEN', date: '1991-10-02', year: 1991 } });
    expect(run.byId.get('sub/a.txt')?.meta).toEqual({});
    expect(run.byId.get('sub/a.txt')?.warnings).toEqual([
      'sub/manifest.csv:2: unknown country "Atlantis"; ignored',
      'sub/manifest.csv:2: impossible date "1990-13-01" (month 13); ignored',
    ]);
    const runJson = JSON.parse(readFileSync(path.join(run.out, 'run.json'), 'utf8')) as { warnings: string[] };
    expect(runJson.warnings).toEqual(
      expect.arrayContaining([
        'manifest.yaml:2: names a file that does not exist: "ghost.txt"',
        'sub/manifest.csv:3: names a file that does not exist: "missing.txt"',
      ]),
    );
    expect((await classify([dir], ['--strict'])).code).toBe(0);
  });

  it('ignores a manifest that is not valid YAML, with a warning, and still reads the files', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': GOOD, 'manifest.yaml': 'a.txt: {country: Kenya\n  - : [\n' });
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get('a.txt')).toMatchObject({ status: 'ok', meta: {} });
    const runJson = JSON.parse(readFileSync(path.join(run.out, 'run.json'), 'utf8')) as { warnings: string[] };
    expect(runJson.warnings).toContainEqual(expect.stringMatching(/^manifest\.yaml:\d+: invalid YAML: .+; manifest ignored$/));
  });

  const runWarnings = (run: ClassifyRun): string[] => (JSON.parse(readFileSync(path.join(run.out, 'run.json'), 'utf8')) as { warnings: string[] }).warnings;

  it('does not wait on a FIFO named manifest.yaml: ignored with a warning', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': GOOD });
    const fifo = path.join(dir, 'manifest.yaml');
    execFileSync('mkfifo', [fifo]);
    try {
      const run = await classify([dir]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.byId.get('a.txt')?.status).toBe('ok');
      expect(runWarnings(run)).toContain('manifest.yaml: not a regular file; manifest ignored');
    } finally {
      releaseFifoReaders(fifo);
    }
  }, 20_000);

  it('ignores a folder named manifest.csv and a YAML alias bomb, with warnings', async () => {
    const dir = tempDir();
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    writeFiles(dir, { 'csv/manifest.csv/inner.txt': GOOD, 'csv/a.txt': GOOD, 'bomb/manifest.yaml': `${bomb}\na.txt: {country: Kenya}\n`, 'bomb/a.txt': GOOD });
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get('csv/a.txt')?.status).toBe('ok');
    expect(run.byId.get('bomb/a.txt')).toMatchObject({ status: 'ok', meta: {} });
    expect(runWarnings(run)).toEqual(
      expect.arrayContaining([
        'csv/manifest.csv: is a folder; manifest ignored',
        expect.stringMatching(/^bomb\/manifest\.yaml:1: invalid YAML: Excessive alias count .*; manifest ignored$/),
      ]),
    );
  });

  it('reads a manifest whatever the case of its name, and resolves YAML aliases', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'upper/MANIFEST.YAML': 'a.txt: {country: Kenya}\n',
      'upper/a.txt': GOOD,
      'alias/manifest.yaml': 'defaults: &chile {country: Chile, year: 1990}\na.txt: *chile\n',
      'alias/a.txt': GOOD,
    });
    const run = await classify([dir]);
    expect(run.docs.map((d) => d.id)).toEqual(['alias/a.txt', 'upper/a.txt']); // manifests are not documents
    expect(run.byId.get('upper/a.txt')?.meta).toEqual({ country: 'KEN' });
    expect(run.byId.get('alias/a.txt')?.meta).toEqual({ country: 'CHL', year: 1990 });
  });
});

/** Open the FIFO's write end without blocking and close it, so a reader stuck on it (a regression) gets end-of-file. */
function releaseFifoReaders(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is reading it, as it should be
  }
}
