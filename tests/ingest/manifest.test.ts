import { describe, expect, it } from 'vitest';
import { parseManifestCsv, parseManifestYaml } from '../../src/ingest/manifest.js';
import { createIngestContext, discoverFiles, ingestFile } from '../../src/ingest/index.js';
import type { SourceDocument } from '../../src/types.js';
import { cp1252, tempDir, writeFiles } from './fixtures.js';

describe('parseManifestYaml', () => {
  it('reads a mapping of file names to fields, with line numbers', () => {
    const m = parseManifestYaml('a.txt:\n  country: Kenya\n  year: 1990\nb.txt: {venue: parliament, contry: KEN}\n', 'x/manifest.yaml');
    expect(m.rows).toEqual([
      { file: 'a.txt', fields: { country: 'Kenya', year: 1990 }, where: 'x/manifest.yaml:1' },
      { file: 'b.txt', fields: { venue: 'parliament', contry: 'KEN' }, where: 'x/manifest.yaml:4' },
    ]);
    expect(m.warnings).toEqual([expect.stringMatching(/^x\/manifest\.yaml:4: unknown field "contry"/)]);
  });

  it('reads a list of entries with `file`', () => {
    const m = parseManifestYaml('- file: a.txt\n  country: CHL\n- country: PER\n', 'manifest.yaml');
    expect(m.rows).toEqual([{ file: 'a.txt', fields: { file: 'a.txt', country: 'CHL' }, where: 'manifest.yaml:1' }]);
    expect(m.warnings).toEqual(['manifest.yaml:3: entry has no file name; ignored']);
  });

  it('reports invalid YAML with its line and ignores the manifest', () => {
    const m = parseManifestYaml('a.txt:\n  country: KEN\n  year: [1990\nb.txt: {}\n', 'manifest.yaml');
    expect(m.rows).toEqual([]);
    expect(m.warnings).toEqual([expect.stringMatching(/^manifest\.yaml:\d+: invalid YAML: .+; manifest ignored$/)]);
    expect(parseManifestYaml('just a string', 'manifest.yaml').warnings).toEqual([
      'manifest.yaml:1: expected a mapping of file names to metadata, or a list of entries with "file"; manifest ignored',
    ]);
  });
});

describe('parseManifestCsv', () => {
  it('reads rows by header, CR-only line endings included; empty cells are absent', () => {
    const m = parseManifestCsv('file,country,year,venue,notes\r"a.txt",Kenya,1990,,x\rb.txt,,,parliament,\r', 'sub/manifest.csv');
    expect(m.rows).toEqual([
      { file: 'a.txt', fields: { country: 'Kenya', year: '1990' }, where: 'sub/manifest.csv:2' },
      { file: 'b.txt', fields: { venue: 'parliament' }, where: 'sub/manifest.csv:3' },
    ]);
    expect(m.warnings).toEqual([expect.stringMatching(/^sub\/manifest\.csv:1: unknown column "notes"/)]);
  });

  it('reports a missing file column and broken CSV with lines', () => {
    expect(parseManifestCsv('name,country\na.txt,KEN\n', 'manifest.csv').warnings).toEqual(['manifest.csv:1: header has no "file" column; manifest ignored']);
    expect(parseManifestCsv('file,country\na.txt,"Ken\nb.txt,KEN\n', 'manifest.csv').warnings).toEqual([
      expect.stringMatching(/^manifest\.csv:\d+: invalid CSV: .*; manifest ignored$/),
    ]);
    expect(parseManifestCsv('file,country\na.txt,KEN,extra\n', 'manifest.csv').warnings).toEqual([expect.stringMatching(/^manifest\.csv:2: invalid CSV/)]);
  });
});

async function ingestAll(dir: string, opts = {}) {
  const ctx = createIngestContext(opts);
  const docs = new Map<string, SourceDocument>();
  for (const file of await discoverFiles([dir])) {
    for (const item of await ingestFile(file, ctx)) if (item.kind === 'document') docs.set(item.doc.id, item.doc);
  }
  return { ctx, docs };
}

describe('manifests in folders', () => {
  it('apply to files in their own folder, below front matter and above the file name', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'manifest.yaml': 'KEN_45_1990.txt:\n  speaker: Foreign Minister\n  year: 1991\nnote.md:\n  country: Kenya\n  venue: parliament\n',
      'KEN_45_1990.txt': 'Text.',
      'note.md': '---\nvenue: press conference\n---\nText.',
      'sub/manifest.csv': cp1252('file,country,date,speaker\nc.txt,Chile,1978-09-11,José Pérez\n'),
      'sub/c.txt': 'Text.',
      'sub/KEN_45_1990.txt': 'Text.',
    });
    const { docs, ctx } = await ingestAll(dir);
    expect(docs.get('KEN_45_1990.txt')).toMatchObject({
      meta: { country: 'KEN', year: 1991, speaker: 'Foreign Minister', venue: 'UN General Assembly' },
      metaSources: { country: 'file_name', year: 'manifest', speaker: 'manifest' },
    });
    expect(docs.get('note.md')).toMatchObject({
      meta: { country: 'KEN', venue: 'press conference', audience: 'domestic' },
      metaSources: { country: 'manifest', venue: 'front_matter', audience: 'implied' },
    });
    expect(docs.get('sub/c.txt')?.meta).toEqual({ country: 'CHL', date: '1978-09-11', year: 1978, speaker: 'José Pérez' });
    // The yaml in the parent folder does not reach into sub/.
    expect(docs.get('sub/KEN_45_1990.txt')?.meta.speaker).toBeUndefined();
    expect(ctx.manifestWarnings()).toEqual([]);
  });

  it('collect warnings for rows naming missing files, once per manifest', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'manifest.csv': 'file,country\na.txt,KEN\ngone.txt,KEN\nb.txt,Atlantis\n',
      'a.txt': 'Text.',
      'b.txt': 'Text.',
    });
    const { docs, ctx } = await ingestAll(dir);
    expect(ctx.manifestWarnings()).toEqual(['manifest.csv:3: names a file that does not exist: "gone.txt"']);
    expect(docs.get('b.txt')?.warnings).toEqual(['manifest.csv:4: unknown country "Atlantis"; ignored']);
  });

  it('name their folder in warnings when several inputs are given', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'one/manifest.yaml': 'missing.txt: {country: KEN}\n', 'one/a.txt': 'Text.', 'two/b.txt': 'Text.' });
    const ctx = createIngestContext();
    for (const file of await discoverFiles([`${dir}/one`, `${dir}/two`])) await ingestFile(file, ctx);
    expect(ctx.manifestWarnings()).toEqual(['one/manifest.yaml:1: names a file that does not exist: "missing.txt"']);
  });
});
