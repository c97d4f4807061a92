import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { chi2Yates, g2Williams, logRatio, pChiSquare1 } from '../../src/keyness/index.js';
import { runCli } from '../helpers/cli.js';
import { writeFixtureRun } from '../report/run-fixture.js';

describe('keyness statistics', () => {
  // quanteda's own test table: d1 = "b b b b b b b a a a" (target), d2 = "a a a a a a a b b"; feature "a".
  const t = { a: 3, b: 7, c: 7, d: 2 };

  it('chi2 equals R chisq.test(correct = TRUE), signed by the target side', () => {
    // (|3 − 100/19| − 0.5)² · 19 · (1/100 + 2/90 + 1/81) = 2.632438, R's chisq.test(matrix(c(3, 7, 7, 2), 2))$statistic; a is below its expected count.
    expect(chi2Yates(t)).toBeCloseTo(-2.632438, 5);
    expect(chi2Yates({ a: 7, b: 2, c: 3, d: 7 })).toBeCloseTo(2.632438, 5);
  });

  it('G2 with Williams correction matches the hand computation', () => {
    const n = 19;
    const e = [(10 * 10) / n, (10 * 9) / n, (9 * 10) / n, (9 * 9) / n];
    const g2 = 2 * [3, 7, 7, 2].reduce((s, x, i) => s + x * Math.log(x / e[i]), 0);
    const q = 1 + ((n / 10 + n / 9 - 1) * (n / 10 + n / 9 - 1)) / (6 * n);
    expect(g2Williams(t)).toBeCloseTo(-g2 / q, 10);
  });

  it('p-values of chi-square with one degree of freedom', () => {
    expect(pChiSquare1(3.841459)).toBeCloseTo(0.05, 6);
    expect(pChiSquare1(6.634897)).toBeCloseTo(0.01, 6);
    expect(pChiSquare1(0)).toBeCloseTo(1, 6);
  });

  it('log ratio: log2 of the ratio of relative frequencies, zero counted as 0.5', () => {
    expect(logRatio({ a: 10, b: 5, c: 990, d: 995 })).toBeCloseTo(1, 10);
    expect(logRatio({ a: 4, b: 0, c: 96, d: 100 })).toBeCloseTo(3, 10);
  });
});

describe('spiral keyness', () => {
  const run = () =>
    writeFixtureRun({
      utterances: [
        ...Array.from({ length: 6 }, (_, n) => ({ doc: `k${n}`, n: 0, text: 'Interference in internal affairs is a pretext.', country: 'KEN' })),
        ...Array.from({ length: 6 }, (_, n) => ({ doc: `c${n}`, n: 0, text: 'We ratified the covenant and welcome the rapporteur.', country: 'CHL' })),
        ...Array.from({ length: 6 }, (_, n) => ({ doc: `p${n}`, n: 0, text: 'We welcome the covenant; internal reform goes on.', country: 'POL' })),
      ],
    });

  it('ranks the target group’s words first and the reference’s last, the same every time', async () => {
    const dir = run();
    const r = await runCli(['keyness', dir, '--target', 'KEN', '--reference', 'all', '--csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    // Kenya's six words tie on chi2: broken by the word.
    expect(rows.slice(0, 6).map((x) => x.feature)).toEqual(['a', 'affairs', 'in', 'interference', 'is', 'pretext']);
    expect(Number(rows[0].chi2)).toBeGreaterThan(0);
    expect(rows.at(-1)!.feature).toBe('the');
    expect(Number(rows.at(-1)!.chi2)).toBeLessThan(0);
    expect(r.stderr).toMatch(/^target: 6 documents, 42 words; reference: 12 documents, 96 words/);
    expect((await runCli(['keyness', dir, '--target', 'KEN', '--reference', 'all', '--csv'])).stdout).toBe(r.stdout);
    const table = await runCli(['keyness', dir, '--target', 'KEN', '--reference', 'CHL', '--measure', 'lr', '--top', '2', '--min-count', '6']);
    expect(table.stdout.split('\n')[0]).toMatch(/^\s+feature\s+G2\s+p/);
    expect(table.stdout).toMatch(/target\s+affairs/);
    expect(table.stdout).toMatch(/reference\s+the/);
  });

  it('refuses a country in both groups and a group without words', async () => {
    const dir = run();
    expect((await runCli(['keyness', dir, '--target', 'KEN', '--reference', 'KEN,CHL'])).code).toBe(2);
    expect((await runCli(['keyness', dir, '--target', 'ZZZ'])).code).toBe(2);
  });
});

describe('spiral scores --by document', () => {
  it('counts labels and their rate per 1,000 words for each document', async () => {
    const dir = writeFixtureRun({
      utterances: [
        { doc: 'a', n: 0, text: 'one two three four', label: 'denial' },
        { doc: 'a', n: 1, text: 'five six', label: 'none' },
        { doc: 'a', n: 2, text: 'said by others here', label: 'denial', speaker_role: 'other_state' },
        { doc: 'b', n: 0, text: 'seven eight nine ten', label: 'norm_acknowledgment', country: 'CHL', year: 1991 },
      ],
    });
    const r = await runCli(['scores', dir, '--by', 'document']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a\s+KEN\s+1990\s+6\s+1\s+166\.67/m);
    const rows = parse(readFileSync(join(dir, 'scores', 'document.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.doc, x.n_words, x.n_utterances, x.count_denial, x.per_1000_denial, x.per_1000_norm_acknowledgment])).toEqual([
      ['a', '6', '2', '1', '166.6667', '0'],
      ['b', '4', '1', '0', '0', '250'],
    ]);
    const json = JSON.parse(readFileSync(join(dir, 'scores', 'document.json'), 'utf8'));
    expect(json).toMatchObject({ schema: 'spiral.documents/1', params: { by: 'document', speakers: 'self' } });
    const all = await runCli(['scores', dir, '--by', 'document', '--speakers', 'all']);
    expect(all.code).toBe(0);
    const allRows = parse(readFileSync(join(dir, 'scores', 'document-all.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(allRows[0]).toMatchObject({ doc: 'a', n_words: '10', count_denial: '2' });
  });
});
