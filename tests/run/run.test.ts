// src/run/: the one schema per run line, the streaming reader, the atomic writer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachJsonLine } from '../../src/run/jsonl.js';
import { readDocumentLine, readRecommendationLine, readUtteranceLine } from '../../src/run/lines.js';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/run/atomic.js';
import { requireRun } from '../../src/run/folder.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-run-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const line = (extra: Record<string, unknown> = {}) => ({ doc: 'a', id: 'a:0', n: 0, text: 'We reject it.', label: 'none', ...extra });

describe('utterance lines', () => {
  it('rejects a line that is not an utterance, naming what is wrong', () => {
    expect(() => readUtteranceLine([1])).toThrow('not a JSON object');
    expect(() => readUtteranceLine(line({ id: '' }))).toThrow('missing "id"');
    expect(() => readUtteranceLine(line({ doc: undefined }))).toThrow('missing "doc"');
    expect(() => readUtteranceLine(line({ n: 1.5 }))).toThrow('missing integer "n"');
    expect(() => readUtteranceLine(line({ text: 3 }))).toThrow('missing "text"');
    expect(() => readUtteranceLine(line({ label: 'maybe' }))).toThrow('unknown label "maybe"');
    expect(() => readUtteranceLine(line({ speaker_role: 'ngo' }))).toThrow('unknown speaker_role "ngo"');
    expect(() => readUtteranceLine(line({ flags: ['odd'] }))).toThrow('unknown flag "odd"');
    expect(() => readUtteranceLine(line({ evidence: [{ rule: 'r', start: 0 }] }))).toThrow('evidence[0] ("r") has no integer start/end');
  });

  it('reads the year from the date, defaults the speaker role to self and orders the flags', () => {
    const u = readUtteranceLine(line({ date: '1987-09-30', flags: ['negated', 'conflict', 'negated'], country: '', label: 'denial' }));
    expect(u).toMatchObject({ year: 1987, speaker_role: 'self', flags: ['conflict', 'negated'], country: null, relevant: true, confidence: null });
    expect(readUtteranceLine(line({ year: 1990, date: '1987-01-01' })).year).toBe(1990);
    expect(readUtteranceLine(line({ relevant: true })).relevant).toBe(true);
    expect(readUtteranceLine(line()).relevant).toBe(false);
  });
});

describe('document and recommendation lines', () => {
  it('reads a document line leniently but for its status', () => {
    expect(readDocumentLine({ id: 'x.txt', status: 'skipped' })).toEqual({ id: 'x.txt', path: 'x.txt', status: 'skipped', reason: '(no reason given)' });
    expect(() => readDocumentLine({ id: 'x.txt', status: 'done' })).toThrow('unknown document status "done"');
  });

  it('reads a recommendation line under any of its field names; null without a reviewed State', () => {
    expect(readRecommendationLine({ reviewed: 'Kenya', recommending: ['Norway'], doc: 'd', number: '90.1', year: 2010 }, 'x')).toEqual({
      id: 'd#90.1',
      country: 'KEN',
      year: 2010,
      from: ['NOR'],
    });
    expect(readRecommendationLine({ state_under_review: 'KEN', from: 'SWE', date: '2015-05-01' }, 'recs:3')).toEqual({
      id: 'recs:3',
      country: 'KEN',
      year: 2015,
      from: ['SWE'],
    });
    expect(readRecommendationLine({ recommending: ['NOR'] }, 'x')).toBeNull();
  });
});

describe('forEachJsonLine', () => {
  it('streams the lines with their numbers, skipping blank ones', async () => {
    const file = path.join(tempDir(), 'a.jsonl');
    writeFileSync(file, '{"a":1}\n\n{"a":2}\r\n');
    const seen: Array<[unknown, number]> = [];
    await forEachJsonLine(file, (value, lineNo) => seen.push([value, lineNo]));
    expect(seen).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 3],
    ]);
  });

  it('names file:line for a line that is not JSON or that the reader rejects', async () => {
    const file = path.join(tempDir(), 'u.jsonl');
    writeFileSync(file, `${JSON.stringify(line())}\n{"doc":\n`);
    await expect(forEachJsonLine(file, () => {})).rejects.toThrow(`${file}:2: not valid JSON`);
    writeFileSync(file, `${JSON.stringify(line())}\n${JSON.stringify(line({ label: 'x' }))}\n`);
    await expect(forEachJsonLine(file, readUtteranceLine)).rejects.toThrow(`${file}:2: unknown label "x"`);
  });
});

describe('requireRun', () => {
  it('names a missing folder and a folder without utterances.jsonl', () => {
    const dir = tempDir();
    expect(() => requireRun(path.join(dir, 'nope'))).toThrow(`run folder not found: ${path.join(dir, 'nope')}`);
    expect(() => requireRun(dir)).toThrow(/utterances\.jsonl: missing — is .* a folder written by spiral classify\?/);
    writeFileSync(path.join(dir, 'utterances.jsonl'), '');
    expect(requireRun(dir)).toBe(path.join(dir, 'utterances.jsonl'));
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole file into new folders and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'new', 'deeper', 'out.csv');
    await writeFileAtomic(file, 'a,b\n');
    writeFileAtomicSync(path.join(dir, 'sync', 'out.txt'), 'x\n');
    expect(readFileSync(file, 'utf8')).toBe('a,b\n');
    expect(readFileSync(path.join(dir, 'sync', 'out.txt'), 'utf8')).toBe('x\n');
    await writeFileAtomic(file, 'c\n');
    expect(readFileSync(file, 'utf8')).toBe('c\n');
    expect(readdirSync(path.dirname(file))).toEqual(['out.csv']);
  });

  it('keeps the old file and removes its temporary file when the rename fails', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'target');
    // A folder with something in it cannot be replaced by a file.
    writeFileAtomicSync(path.join(target, 'inside.txt'), 'old\n');
    await expect(writeFileAtomic(target, 'new\n')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'new\n')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('old\n');
  });
});

describe('the run staging (what a streamed large file needs)', () => {
  it('knows each output size, takes back what was written after a mark (buffered or on disk), and reads it back', async () => {
    const { RunStaging, WRITE_BUFFER_BYTES } = await import('../../src/run/staging.js');
    const out = path.join(tempDir(), 'run');
    const staging = await RunStaging.open(out);
    await staging.write('u.jsonl', 'a\n');
    const mark = await staging.size('u.jsonl');
    await staging.write('u.jsonl', 'x'.repeat(WRITE_BUFFER_BYTES + 10)); // past the buffer: on disk
    await staging.rewind('u.jsonl', mark);
    await staging.write('u.jsonl', 'b\n');
    await staging.write('u.jsonl', 'c\n');
    await staging.rewind('u.jsonl', mark + 2); // within the buffer
    await staging.write('u.jsonl', 'd\n');
    expect(await staging.size('u.jsonl')).toBe(6);
    const back: Buffer[] = [];
    await staging.readBack('u.jsonl', 2, 4, (chunk) => back.push(Buffer.from(chunk)));
    expect(Buffer.concat(back).toString()).toBe('b\nd\n');
    await staging.commit();
    expect(readFileSync(path.join(out, 'u.jsonl'), 'utf8')).toBe('a\nb\nd\n');
  });
});
