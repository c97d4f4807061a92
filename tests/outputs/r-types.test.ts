// The CSV outputs as R's read.csv() reads them: every column documented in
// docs/outputs.md, in order, and typed as documented once read with read.csv's
// type conversion (utils::type.convert): TRUE/FALSE columns logical, number
// columns numeric. csv-parse does the CSV; rCsvType() is type.convert's rule.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/lexicons.js';

type RType = 'logical' | 'integer' | 'numeric' | 'character';

/** What read.csv makes of a column's fields (blank = NA, as for every non-character column). */
function rCsvType(values: readonly string[]): RType {
  const present = values.filter((v) => v !== '' && v !== 'NA');
  if (present.every((v) => /^(T|F|TRUE|FALSE|true|false|True|False)$/.test(v))) return 'logical';
  if (present.every((v) => /^[-+]?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483647)) return 'integer';
  if (present.every((v) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) || /^[-+]?(Inf|NaN)$/.test(v))) return 'numeric';
  return 'character';
}

/** The types a documented type may be read as: whole numbers read as integer, an all-empty column as logical. */
const READ_AS: Record<RType, RType[]> = {
  logical: ['logical'],
  integer: ['integer', 'logical'],
  numeric: ['numeric', 'integer', 'logical'],
  character: ['character', 'logical', 'integer', 'numeric'],
};

/** The column table that follows `heading` in docs/outputs.md: [name, type] pairs. */
function documentedColumns(heading: string): Array<[string, RType]> {
  const doc = readFileSync(path.join(ROOT, 'docs', 'outputs.md'), 'utf8').split('\n');
  const at = doc.findIndex((l) => l.trim() === heading);
  if (at < 0) throw new Error(`docs/outputs.md has no heading ${heading}`);
  const rows: Array<[string, RType]> = [];
  let inTable = false;
  for (const line of doc.slice(at + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    const name = /^`([^`]+)`/.exec(cells[1]);
    if (!name) continue; // header and rule rows
    rows.push([name[1], cells[2] as RType]);
  }
  return rows;
}

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const records = parse(readFileSync(file, 'utf8'), { relax_quotes: false }) as string[][];
  return { header: records[0], rows: records.slice(1) };
}

function checkTable(file: string, heading: string, minRows = 1): Record<string, RType> {
  const { header, rows } = readCsv(file);
  const documented = documentedColumns(heading);
  expect(header).toEqual(documented.map(([name]) => name));
  expect(rows.length).toBeGreaterThanOrEqual(minRows);
  for (const r of rows) expect(r).toHaveLength(header.length);
  const read: Record<string, RType> = {};
  documented.forEach(([name, type], i) => {
    read[name] = rCsvType(rows.map((r) => r[i]));
    expect(READ_AS[type], `${path.basename(file)} column ${name}: documented ${type}, read as ${read[name]}`).toContain(read[name]);
  });
  return read;
}

describe('CSV outputs read with read.csv semantics', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'spiral-outputs-'));
  const run = path.join(work, 'run');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeAll(async () => {
    const r = await runCli(['classify', path.join(ROOT, 'corpus', 'sample'), '--out', run, '-q', '--workers', '1']);
    expect(r.code).toBe(0);
    for (const by of ['country-year', 'country-period', 'document']) expect((await runCli(['scores', run, '--by', by, '--bootstrap', '50'])).code).toBe(0);
    expect((await runCli(['status', run, '--facts', path.join(ROOT, 'corpus', 'facts'), '--world', '--bootstrap', '50'])).code).toBe(0);
  }, 60_000);

  it('reads type.convert’s rule like R does', () => {
    expect(rCsvType(['TRUE', 'FALSE', ''])).toBe('logical');
    expect(rCsvType(['true', 'false'])).toBe('logical');
    expect(rCsvType(['1', '', '-2'])).toBe('integer');
    expect(rCsvType(['1', '0.25', '1e-7'])).toBe('numeric');
    expect(rCsvType(['KEN', '1'])).toBe('character');
    expect(rCsvType(['', ''])).toBe('logical');
  });

  it('utterances.csv: one row per utterance, logical flags, numeric scores, no JSON in any cell', () => {
    const read = checkTable(path.join(run, 'utterances.csv'), '### `utterances.csv`', 100);
    expect(read.relevant).toBe('logical');
    expect(read.reported).toBe('logical');
    expect(read.confidence).toBe('numeric');
    expect(read.score_denial).toBe('numeric');
    expect(read.year).toBe('integer');
    const { header, rows } = readCsv(path.join(run, 'utterances.csv'));
    const jsonl = readFileSync(path.join(run, 'utterances.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(jsonl.length);
    const col = (name: string) => header.indexOf(name);
    rows.forEach((r, i) => {
      const u = jsonl[i];
      expect(r[col('id')]).toBe(u.id);
      expect(r[col('text')]).toBe(u.text);
      expect(r[col('relevant')]).toBe(u.relevant ? 'TRUE' : 'FALSE');
      expect(r[col('rules')]).toBe([...new Set(u.evidence.map((e: { rule: string }) => e.rule))].join(';'));
      expect(r[col('review_flags')]).toBe(u.flags.join(';'));
      expect(Number(r[col('score_norm_acknowledgment')])).toBe(u.scores.norm_acknowledgment);
      expect(r.some((cell) => /^[[{]/.test(cell))).toBe(false);
    });
    // A year-only document still dates its utterances (by the year).
    expect(jsonl.filter((u) => u.year !== undefined).every((u) => typeof u.date === 'string' && u.date.startsWith(String(u.year)))).toBe(true);
  });

  it('documents.jsonl: country and year at the top level, meta kept', () => {
    const docs = readFileSync(path.join(run, 'documents.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const d of docs.filter((x) => x.meta?.country)) {
      expect(d.country).toBe(d.meta.country);
      expect(d.year).toBe(d.meta.year);
    }
  });

  it('scores.csv and scores/<by>.csv: counts integer, shares and indices numeric, evidence flags logical', () => {
    const tally = checkTable(path.join(run, 'scores.csv'), '### `scores.csv`');
    expect(tally.n_documents).toBe('integer');
    expect(tally.share_denial).toBe('numeric');
    for (const by of ['country-year', 'country-period']) {
      const read = checkTable(path.join(run, 'scores', `${by}.csv`), '### `scores/<by>.csv`');
      expect(read.insufficient_evidence).toBe('logical');
      expect(read.net).toBe('numeric');
      expect(read.n_documents).toBe('integer');
      checkTable(path.join(run, 'scores', `${by}-pressure.csv`), '### `scores/<by>-pressure.csv`', 0);
    }
    const docs = checkTable(path.join(run, 'scores', 'document.csv'), '## `spiral scores RUN --by document`');
    expect(docs.n_words).toBe('integer');
    expect(docs.per_1000_none).toBe('numeric');
  });

  it('status/<by>.csv and world time: indicators as text, phases integer, flags logical', () => {
    const read = checkTable(path.join(run, 'status', 'country-year.csv'), '### `status/<by>.csv`');
    expect(read.insufficient_evidence).toBe('logical');
    expect(read.self_pooled).toBe('logical');
    expect(read.n_self).toBe('integer');
    expect(['character', 'logical']).toContain(read.discursive_practice);
    checkTable(path.join(run, 'world-time.csv'), '### `world-time.csv`');
    checkTable(path.join(run, 'world-net.csv'), '### `world-net.csv`');
  });

  it('kwic and keyness CSV as documented', async () => {
    const kwic = await runCli(['kwic', run, 'human right*', '--csv']);
    const kwicFile = path.join(work, 'kwic.csv');
    writeFileSync(kwicFile, kwic.stdout);
    checkTable(kwicFile, '## `spiral kwic RUN PATTERN --csv`');
    const keyness = await runCli(['keyness', run, '--target', 'KEN', '--csv']);
    const keynessFile = path.join(work, 'keyness.csv');
    writeFileSync(keynessFile, keyness.stdout);
    checkTable(keynessFile, '## `spiral keyness RUN --target ... --csv`');
  });
});
