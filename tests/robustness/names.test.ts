// File and folder names judged on their raw bytes (issue 16, row 8). Found: a
// file named with an invalid UTF-8 byte (`r\xE9.txt`) beside one literally
// named `r%E9.txt` were both given the id `r%E9.txt` and one vanished without a
// record; a folder whose name holds a valid U+FFFD (the bytes EF BF BD) was
// reported "not valid UTF-8" and its files were not read.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, tempDir, textOf } from './helpers.js';

/** A path under `dir` whose last part is given as raw bytes (latin1: one byte a character). */
const rawPath = (dir: string, latin1Name: string) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(latin1Name, 'latin1')]);

describe('names that look alike once decoded', () => {
  it('keep one document each, under unique ids, each with its own text', async () => {
    const dir = tempDir();
    writeFileSync(rawPath(dir, 'r\xe9.txt'), 'We respect human rights.');
    writeFileSync(path.join(dir, 'r%E9.txt'), 'The allegations are baseless.');
    writeFileSync(path.join(dir, 'r%25.txt'), 'The government denies any torture.');
    writeFileSync(rawPath(dir, 'r%\xff.txt'), 'We invite the Special Rapporteur.');
    writeFileSync(path.join(dir, '50%.txt'), 'We accept the recommendation.');
    writeFileSync(path.join(dir, 'manifest.yaml'), '"r%E9.txt": {country: Kenya}\n'); // the file literally named so
    const run = await classify([dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.docs.map((d) => [d.id, d.status])).toEqual([
      ['50%.txt', 'ok'], // a name that cannot be mistaken for an escaped one is shown as it is
      ['r%25%FF.txt', 'ok'],
      ['r%2525.txt', 'ok'],
      ['r%25E9.txt', 'ok'],
      ['r%E9.txt', 'ok'],
    ]);
    expect(textOf(run, 'r%E9.txt')).toBe('We respect human rights.');
    expect(textOf(run, 'r%25E9.txt')).toBe('The allegations are baseless.');
    expect(textOf(run, 'r%2525.txt')).toBe('The government denies any torture.');
    expect(textOf(run, 'r%25%FF.txt')).toBe('We invite the Special Rapporteur.');
    expect(run.byId.get('r%25E9.txt')?.meta).toMatchObject({ country: 'KEN' });
    expect(run.byId.get('r%E9.txt')?.meta).not.toHaveProperty('country');
  });
});

describe('a name with a valid U+FFFD', () => {
  it('is an ordinary name: its folder is walked and its files read, beside a name that is not UTF-8', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'dossier\uFFFD'));
    writeFileSync(path.join(dir, 'dossier\uFFFD', 'in.txt'), 'We respect human rights.');
    writeFileSync(path.join(dir, 'note\uFFFD.txt'), 'The allegations are baseless.');
    writeFileSync(rawPath(dir, 'note\xe9.txt'), 'We accept the recommendation.'); // decodes lossily to the name above
    mkdirSync(rawPath(dir, 'd\xe9p\xf4t'));
    const run = await classify([dir]);
    expect(run.docs.map((d) => [d.id, d.status, d.reason ?? null])).toEqual([
      ['d%E9p%F4t/', 'failed', 'folder name is not valid UTF-8 (its files could not be listed)'],
      ['dossier\uFFFD/in.txt', 'ok', null],
      ['note%E9.txt', 'ok', null],
      ['note\uFFFD.txt', 'ok', null],
    ]);
    expect(textOf(run, 'dossier\uFFFD/in.txt')).toBe('We respect human rights.');
    expect(textOf(run, 'note\uFFFD.txt')).toBe('The allegations are baseless.');
    expect(textOf(run, 'note%E9.txt')).toBe('We accept the recommendation.');
  });
});
