import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoresFile } from '../../src/aggregate/types.js';
import { runCli } from '../helpers/cli.js';
import { docs, many, writeRun } from './run-builder.js';

describe('spiral scores', () => {
  it('writes RUN/scores/<by>.{json,csv} and prints a table', async () => {
    const run = writeRun([...docs('ken', 3, { denial: 4, norm_acknowledgment: 4, none: 5 }), ...docs('ken89', 1, { denial: 2 }, { year: 1989 })]);
    const r = await runCli(['scores', run, '--bootstrap', '100']);
    expect(r.stderr).toMatch(/wrote/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/KEN\s+1990\s+all\s+3\s+24/);
    expect(r.stdout).toMatch(/KEN\s+1989.*!/); // insufficient mark
    const json = JSON.parse(readFileSync(join(run, 'scores', 'country-year.json'), 'utf8')) as ScoresFile;
    expect(json.schema).toBe('spiral.scores/1');
    expect(json.params.bootstrap).toMatchObject({ resamples: 100, seed: 1999, unit: 'document' });
    expect(json.cells.map((c) => c.key)).toEqual(['KEN|1989', 'KEN|1990']);
    const csv = readFileSync(join(run, 'scores', 'country-year.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/^key,country,year,period,audience,n_documents/);
    // A run without targets is read over all relevant utterances, with a warning.
    expect(csv[2]).toMatch(/^KEN\|1990,KEN,1990,,all,3,39,all,24,24,/);
    expect(r.stderr).toMatch(/carry no target/);
    expect(json.params).toMatchObject({ target: 'all', target_requested: 'self', targets_in_run: false });
    expect(existsSync(join(run, 'scores', 'country-year-pressure.csv'))).toBe(true);
  });

  it('computes shares and indices over the moves about one target (self by default), with every target beside them', async () => {
    const run = writeRun([
      ...docs('ken', 2, { denial: 2, norm_acknowledgment: 3 }, { target: 'self' }),
      ...docs('ken', 2, { norm_acknowledgment: 8, rhetorical_action: 2 }, { target: 'other' }),
      ...docs('ken', 2, { norm_acknowledgment: 5 }, { target: 'general' }),
      ...docs('ken', 2, { none: 4 }),
    ]);
    const r = await runCli(['scores', run, '--bootstrap', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/moves about: self/);
    const json = JSON.parse(readFileSync(join(run, 'scores', 'country-year.json'), 'utf8')) as ScoresFile;
    const cell = json.cells[0];
    expect(cell).toMatchObject({
      target: 'self',
      n_relevant: 10,
      n_relevant_all: 40,
      counts: { denial: 4, norm_acknowledgment: 6, rhetorical_action: 0, none: 8 },
    });
    expect(cell.indices.rejecting.value).toBeCloseTo(0.4);
    expect(cell.indices.net.value).toBeCloseTo(0.2);
    expect(cell.by_target).toMatchObject({
      self: { n_relevant: 10 },
      other: { n_relevant: 20, shares: { norm_acknowledgment: 0.8 } },
      general: { n_relevant: 10 },
    });
    expect(cell.promotion).toMatchObject({ n_relevant: 30 });
    expect(cell.promotion!.net.value).toBeCloseTo((26 - 4) / 30);
    const csv = readFileSync(join(run, 'scores', 'country-year.csv'), 'utf8').split('\n');
    const header = csv[0].split(',');
    const values = csv[1].split(',');
    const at = (name: string) => values[header.indexOf(name)];
    expect([
      at('target'),
      at('n_relevant'),
      at('n_relevant_self'),
      at('n_relevant_other'),
      at('share_norm_acknowledgment_other'),
      at('n_relevant_promotion'),
    ]).toEqual(['self', '10', '10', '20', '0.8', '30']);
    const all = await runCli(['scores', run, '--target', 'all', '--bootstrap', '50']);
    expect(all.code).toBe(0);
    const allJson = JSON.parse(readFileSync(join(run, 'scores', 'country-year-target-all.json'), 'utf8')) as ScoresFile;
    expect(allJson.cells[0]).toMatchObject({ target: 'all', n_relevant: 40 });
    const other = await runCli(['scores', run, '--target', 'other', '--by', 'country', '--bootstrap', '50']);
    expect(JSON.parse(readFileSync(join(run, 'scores', 'country-target-other.json'), 'utf8')).cells[0]).toMatchObject({ n_relevant: 20 });
    expect(other.code).toBe(0);
    const bad = await runCli(['scores', run, '--target', 'nobody']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target must be one of self, other, general, all/);
  });

  it('gives the same intervals on a second run (seeded bootstrap)', async () => {
    // Ten documents with different mixes, so resamples take many distinct values.
    const run = writeRun(
      Array.from({ length: 10 }, (_, d) => [
        ...many(d % 4, { doc: `d${d}`, label: 'denial' }),
        ...many((d * 3) % 5, { doc: `d${d}`, label: 'rhetorical_action' }),
        ...many(2 + ((d * 7) % 9), { doc: `d${d}`, label: 'norm_acknowledgment' }),
      ]).flat(),
    );
    await runCli(['scores', run, '--by', 'country', '--out', join(run, 'a')]);
    await runCli(['scores', run, '--by', 'country', '--out', join(run, 'b')]);
    const a = readFileSync(join(run, 'a', 'country.json'), 'utf8').replace(/"run": ".*"/, '');
    const b = readFileSync(join(run, 'b', 'country.json'), 'utf8').replace(/"run": ".*"/, '');
    expect(a).toBe(b);
    const c = await runCli(['scores', run, '--by', 'country', '--out', join(run, 'c'), '--seed', '5']);
    expect(c.code).toBe(0);
    expect(readFileSync(join(run, 'c', 'country.json'), 'utf8').replace(/"run": ".*"/, '')).not.toBe(a.replace('"seed": 1999', '"seed": 5'));
  });

  it('shows pressure from other States separately', async () => {
    const run = writeRun([
      ...many(12, { doc: 'upr', label: 'rhetorical_action', speaker_role: 'self', year: 2010 }),
      ...many(6, {
        doc: 'upr',
        label: 'norm_acknowledgment',
        speaker_role: 'other_state',
        speaker: 'NOR',
        year: 2010,
        text: 'Norway was concerned about impunity.',
      }),
      ...many(2, { doc: 'upr', label: 'none', speaker_role: 'other_state', speaker: 'BRA', year: 2010, text: 'Brazil recommended a moratorium.' }),
    ]);
    const r = await runCli(['scores', run, '--by', 'country-period', '--period', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pressure from other States/);
    expect(r.stdout).toMatch(/KEN\s+2010-2014\s+1\s+8\s+6\s+2\s+NOR 6\/0, BRA 0\/2/);
    const json = JSON.parse(readFileSync(join(run, 'scores', 'country-period.json'), 'utf8')) as ScoresFile;
    expect(json.cells[0].n_utterances).toBe(12);
    expect(json.pressure[0]).toMatchObject({ key: 'KEN|2010-2014', critical: 6, recommendations: 2 });
  });

  it('reads recommendations.jsonl when the run has it', async () => {
    const run = writeRun(many(3, { doc: 'upr', label: 'none', speaker_role: 'other_state', speaker: 'NOR', year: 2010 }), {
      'recommendations.jsonl':
        JSON.stringify({
          reviewed: 'KEN',
          recommending: ['NOR', 'Sweden'],
          number: '101.3',
          text: 'Ratify OP1.',
          position: 'supported',
          start: 0,
          end: 9,
          doc: 'kenya2010.txt',
          year: 2010,
        }) + '\n',
    });
    const r = await runCli(['scores', run]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(run, 'scores', 'country-year.json'), 'utf8')) as ScoresFile;
    expect(json.pressure.map((p) => [p.key, p.recommendations])).toEqual([
      ['KEN|2010', 1],
      ['KEN|2010|NOR', 1],
      ['KEN|2010|SWE', 1],
    ]);
    expect(json.pressure[0].examples.recommendations).toEqual(['kenya2010.txt#101.3']);
  });

  it('names the file and line of a bad utterance line', async () => {
    const run = writeRun(many(2, { doc: 'a', label: 'denial' }));
    appendFileSync(join(run, 'utterances.jsonl'), '{"doc": "a", "id": "a:9", "label": "denial"\n');
    const r = await runCli(['scores', run]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/utterances\.jsonl:3: not valid JSON/);
  });

  it('refuses a missing run and bad options', async () => {
    expect((await runCli(['scores', '/nonexistent/run'])).stderr).toMatch(/run folder not found/);
    const run = writeRun(many(1, { doc: 'a', label: 'none' }));
    const bad = await runCli(['scores', run, '--by', 'decade']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by must be one of country, country-year, country-period/);
    expect((await runCli(['scores', run, '--speakers', 'ngo'])).stderr).toMatch(/--speakers must be one of self, other, all/);
  });
});
