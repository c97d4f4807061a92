import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../src/pipeline/run-index.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { fileName, readOutputs, runJson, Scratch, speech } from './corpus.js';

const scratch = new Scratch();

/** The file entries of a run's index.jsonl (its header left out). */
const indexEntries = (dir: string): IndexEntry[] =>
  readFileSync(path.join(dir, 'index.jsonl'), 'utf8')
    .split('\n')
    .slice(1, -1)
    .map((l) => JSON.parse(l) as IndexEntry);

/** Change one byte of an output in place (its length stays), as a stray edit or a bad disk would. */
function damageByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
  writeFileSync(file, bytes);
}
afterAll(() => scratch.cleanup());

async function classify(input: string, out: string, ...extra: string[]) {
  const r = await runCli(['classify', input, '--out', out, '-q', '--workers', '1', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return runJson(out).counts;
}

/** What a run from scratch gives, to compare a reusing run with. */
async function fresh(input: string, ...extra: string[]) {
  const out = path.join(scratch.dir(), 'fresh');
  await classify(input, out, '--no-cache', ...extra);
  return readOutputs(out);
}

describe('incremental re-runs', () => {
  it('re-tags only the file that changed, with outputs equal to a run from scratch', async () => {
    const input = scratch.corpus(20);
    const out = path.join(scratch.dir(), 'run');
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 0, files_tagged: 22 });
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 22, files_tagged: 0 });

    writeFileSync(path.join(input, fileName(3)), `${speech(3, 12)} We categorically deny these allegations of torture.`);
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 21, files_tagged: 1 });
    expect(readOutputs(out)).toEqual(await fresh(input, '--lexicons', MINI_LEXICONS));
  });

  it('handles added and removed files', async () => {
    const input = scratch.corpus(10);
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', MINI_LEXICONS);
    rmSync(path.join(input, fileName(2)));
    writeFileSync(path.join(input, 'AFG_99_2044.txt'), speech(99, 6));
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_discovered: 12, files_from_cache: 11, files_tagged: 1 });
    expect(readOutputs(out)).toEqual(await fresh(input, '--lexicons', MINI_LEXICONS));
  });

  it('re-tags everything when the lexicon or an output option changes, and nothing with --no-cache reused', async () => {
    const input = scratch.corpus(8);
    const lex = scratch.lexicons();
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', lex);
    const denial = path.join(lex, 'denial.yaml');
    writeFileSync(denial, readFileSync(denial, 'utf8').replace('weight: 2', 'weight: 3'));
    expect(await classify(input, out, '--lexicons', lex)).toMatchObject({ files_from_cache: 0, files_tagged: 10 });
    expect(readOutputs(out)).toEqual(await fresh(input, '--lexicons', lex));
    expect(await classify(input, out, '--lexicons', lex, '--country', 'Kenya')).toMatchObject({ files_from_cache: 0 });
    expect(await classify(input, out, '--lexicons', lex, '--country', 'Kenya', '--no-cache')).toMatchObject({ files_from_cache: 0, files_tagged: 10 });
  });

  it("re-tags only a country's files when its case overlay changes", async () => {
    const input = scratch.corpus(12);
    const lex = scratch.lexicons();
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', lex);
    mkdirSync(path.join(lex, 'cases'));
    const overlay = (weight: number) =>
      `country: KEN\ndescription: test overlay\nadjust:\n  - rule: denial.internal-affairs\n    weight: ${weight}\n    why: test\n`;
    writeFileSync(path.join(lex, 'cases/KEN.yaml'), overlay(5));
    const kenyan = 2; // files 0 and 6 of the generated corpus are KEN_...
    expect(await classify(input, out, '--lexicons', lex)).toMatchObject({ files_from_cache: 14 - kenyan, files_tagged: kenyan });
    expect(readOutputs(out)).toEqual(await fresh(input, '--lexicons', lex));
    writeFileSync(path.join(lex, 'cases/KEN.yaml'), overlay(6));
    expect(await classify(input, out, '--lexicons', lex)).toMatchObject({ files_tagged: kenyan });
  });

  it('re-tags a file whose reused lines were damaged, and ignores a damaged index line', async () => {
    const input = scratch.corpus(10);
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', MINI_LEXICONS);
    const expected = readOutputs(out);
    damageByte(path.join(out, 'utterances.jsonl'), 10); // inside the first file's first utterance
    const index = path.join(out, 'index.jsonl');
    const lines = readFileSync(index, 'utf8').split('\n');
    lines[5] = lines[5].slice(0, 40); // a line cut short
    writeFileSync(index, lines.join('\n'));
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 10, files_tagged: 2 });
    expect(readOutputs(out)).toEqual(expected);
  });

  it("copies an unchanged file's utterances.csv rows, and remakes rows that were damaged or deleted from the lines", async () => {
    const input = scratch.corpus(10);
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', MINI_LEXICONS);
    const expected = readOutputs(out);
    const csvFile = path.join(out, 'utterances.csv');
    const csv = readFileSync(csvFile);
    // Each entry says where its rows are: one row per utterance line, ending at a newline, hashing to csv_sha256.
    const entries = indexEntries(out);
    expect(entries.reduce((n, e) => n + e.csv[2], 0)).toBe(expected['utterances.csv'].split('\n').length - 2);
    for (const e of entries) {
      const rows = csv.subarray(e.csv[0], e.csv[0] + e.csv[1]);
      expect(rows.toString('utf8').split('\n').length - 1).toBe(e.utterances[2]);
      expect(createHash('sha256').update(rows).digest('hex')).toBe(e.csv_sha256);
    }
    // A row damaged in place: its file is still reused (its lines are fine) and its rows made again.
    const damaged = entries.find((e) => e.csv[1] > 0)!;
    damageByte(csvFile, damaged.csv[0] + 2);
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 12, files_tagged: 0 });
    expect(readOutputs(out)).toEqual(expected);
    // No utterances.csv at all: every file reused, every row made again.
    rmSync(csvFile);
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_from_cache: 12, files_tagged: 0 });
    expect(readOutputs(out)).toEqual(expected);
    expect(indexEntries(out)).toEqual(entries);
  });

  it('reuses a run in another folder with --cache', async () => {
    const input = scratch.corpus(6);
    const first = path.join(scratch.dir(), 'first');
    await classify(input, first, '--lexicons', MINI_LEXICONS);
    const second = path.join(scratch.dir(), 'second');
    expect(await classify(input, second, '--lexicons', MINI_LEXICONS, '--cache', first)).toMatchObject({ files_from_cache: 8 });
    expect(readOutputs(second)).toEqual(readOutputs(first));
  });

  it('re-tags a file whose manifest row changed, and only that file', async () => {
    const input = scratch.corpus(0);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(path.join(input, name), speech(name.charCodeAt(0), 8));
    const manifest = (country: string) => `file,country,year\na.txt,Kenya,1990\nb.txt,${country},1991\nc.txt,Chile,1992\n`;
    writeFileSync(path.join(input, 'manifest.csv'), manifest('Poland'));
    const out = path.join(scratch.dir(), 'run');
    await classify(input, out, '--lexicons', MINI_LEXICONS);
    writeFileSync(path.join(input, 'manifest.csv'), manifest('Indonesia'));
    expect(await classify(input, out, '--lexicons', MINI_LEXICONS)).toMatchObject({ files_tagged: 1 });
    expect(readOutputs(out)).toEqual(await fresh(input, '--lexicons', MINI_LEXICONS));
    expect(readOutputs(out)['documents.jsonl']).toContain('"country":"IDN"');
  });
});

describe('large files (issue 16, row 3): their lines are never held whole', () => {
  it('streams files above the large-file size and copies reused ones in chunks, with outputs equal to a run that holds them', async () => {
    const { classify: classifyRun } = await import('../../src/pipeline/classify.js');
    const input = scratch.corpus(12);
    const held = await fresh(input, '--lexicons', MINI_LEXICONS);
    const out = path.join(scratch.dir(), 'run');
    const small = { largeFileBytes: 300, largeEntryBytes: 2000 };
    const first = await classifyRun({ inputs: [input], outDir: out, lexiconDir: MINI_LEXICONS, workers: 1, ...small });
    expect(first.largeFilesInMainThread).toBeGreaterThan(5);
    expect(readOutputs(out)).toEqual(held);
    const index = readFileSync(path.join(out, 'index.jsonl'), 'utf8');
    // A re-run reuses every file; the large ones are checked and copied in chunks.
    const second = await classifyRun({ inputs: [input], outDir: out, lexiconDir: MINI_LEXICONS, workers: 1, ...small });
    expect(second.filesFromCache).toBe(14);
    expect(readOutputs(out)).toEqual(held);
    expect(readFileSync(path.join(out, 'index.jsonl'), 'utf8')).toBe(index);
    // A damaged large entry is re-tagged, not copied.
    damageByte(path.join(out, 'utterances.jsonl'), 10);
    const third = await classifyRun({ inputs: [input], outDir: out, lexiconDir: MINI_LEXICONS, workers: 1, ...small });
    expect(third.filesFromCache).toBe(13);
    expect(readOutputs(out)).toEqual(held);
    // Damaged CSV rows of a large entry are made again from its copied lines.
    const large = indexEntries(out).find((e) => e.utterances[1] + e.documents[1] > small.largeEntryBytes)!;
    damageByte(path.join(out, 'utterances.csv'), large.csv[0] + 2);
    const fourth = await classifyRun({ inputs: [input], outDir: out, lexiconDir: MINI_LEXICONS, workers: 1, ...small });
    expect(fourth.filesFromCache).toBe(14);
    expect(readOutputs(out)).toEqual(held);
  });
});
