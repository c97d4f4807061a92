import { describe, expect, it } from 'vitest';
import * as T from '../../src/aggregate/thresholds.js';
import {
  buildEraReference,
  eraCsv,
  eraQuantile,
  eraRowFor,
  ERA_QUANTILES,
  netScore,
  parseEraCsv,
  rejectingShare,
  type YearEvidence,
} from '../../src/indicators/era.js';
import { BUNDLED_ERA_FILE, loadEra } from '../../src/indicators/load-era.js';
import { buildWorld, worldNetCsv, worldTimeCsv } from '../../src/indicators/world.js';
import { selfEvidenceFixture, statusRow } from '../report/run-fixture.js';

const moves = (denial: number, rhetorical_action: number, argumentative_concession: number, norm_acknowledgment: number) => ({
  denial,
  rhetorical_action,
  argumentative_concession,
  norm_acknowledgment,
  relevant: denial + rhetorical_action + argumentative_concession + norm_acknowledgment,
});

/** `n` countries in a decade, each one year with the given self-referential moves and human-rights share. */
function decade(start: number, n: number, rejecting: (i: number) => number, relevantShare = 0.05): YearEvidence[] {
  return Array.from({ length: n }, (_, i) => ({
    country: `C${String(i).padStart(2, '0')}`,
    year: start + (i % 10),
    n_documents: 1,
    n_utterances: 100,
    n_relevant_all: Math.round(100 * relevantShare),
    self: moves(rejecting(i), 0, 0, 10 - rejecting(i)),
  }));
}

describe('era reference', () => {
  it('computes the self-rejecting share and net score of a set of moves', () => {
    expect(rejectingShare(moves(1, 1, 2, 6))).toBeCloseTo(0.2);
    expect(netScore(moves(1, 1, 2, 6))).toBeCloseTo(0.6);
    expect(rejectingShare(moves(0, 0, 0, 0))).toBeNull();
  });

  it('takes one value per country and decade, only with enough self-referential moves, and widens thin decades', () => {
    const years = [
      ...decade(1970, 25, (i) => i % 5), // shares 0, .1, .2, .3, .4
      ...decade(1980, 5, () => 9), // too few countries: borrows the 1970s
      { country: 'THIN', year: 1975, n_documents: 1, n_utterances: 100, n_relevant_all: 1, self: moves(5, 0, 0, 0) }, // 5 moves < MIN_SELF_MOVES
    ];
    const ref = buildEraReference(years, 'test');
    const r70 = eraRowFor(ref, 1975)!;
    expect(r70).toMatchObject({ decade: 1970, decades_used: [1970], n_countries: 25, n_country_years: 26 });
    expect(eraQuantile(r70.rejecting, 0.5)).toBeCloseTo(0.2);
    const r80 = eraRowFor(ref, 1984)!;
    expect(r80).toMatchObject({ decade: 1980, decades_used: [1970, 1980], n_countries: 30 });
    expect(eraQuantile(r80.rejecting, 0.9)).toBeCloseTo(0.9);
    // Years beyond the table take the nearest decade.
    expect(eraRowFor(ref, 2011)!.decade).toBe(1980);
    expect(eraRowFor(ref, 1950)!.decade).toBe(1970);
  });

  it('keeps the quantiles the thresholds name', () => {
    for (const q of [T.ERA_ACCEPT_QUANTILE, T.ERA_REJECT_QUANTILE, T.SILENCE_ERA_QUANTILE]) expect(ERA_QUANTILES).toContain(q);
    expect(() => eraQuantile([0, 0, 0, 0, 0], 0.6)).toThrow(/keeps quantiles/);
  });

  it('round-trips through CSV and names the line of a bad row', () => {
    const ref = buildEraReference(
      decade(1990, 30, (i) => i % 4),
      'test',
    );
    const again = parseEraCsv(eraCsv(ref), 'era.csv');
    expect(again.rows).toHaveLength(1);
    expect(again.rows[0].decade).toBe(1990);
    expect(again.rows[0].rejecting.map((v) => Number(v.toFixed(4)))).toEqual(ref.rows[0].rejecting.map((v) => Number(v.toFixed(4))));
    expect(() => parseEraCsv('decade\n', 'era.csv')).toThrow(/era\.csv:1: expected the header/);
    const bad = eraCsv(ref).replace(/\n1990,/, '\nx,');
    expect(() => parseEraCsv(bad, 'era.csv')).toThrow(/era\.csv:2: decade is not a number/);
  });

  it('the bundled table covers 1940–2020 and agrees with the thresholds', () => {
    const ref = loadEra();
    expect(ref.source).toBe(BUNDLED_ERA_FILE);
    expect(ref.rows.map((r) => r.decade)).toEqual([1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]);
    for (const r of ref.rows) {
      expect(r.n_countries).toBeGreaterThanOrEqual(T.ERA_MIN_COUNTRIES);
      expect(eraQuantile(r.rejecting, T.ERA_ACCEPT_QUANTILE)).toBeLessThanOrEqual(eraQuantile(r.rejecting, T.ERA_REJECT_QUANTILE));
    }
  });
});

describe('world time', () => {
  const row = (country: string, year: number, phase: 1 | 2 | 3 | 4 | 5 | null, net: number | null, n: number) => {
    const r = statusRow(country, year, phase);
    return { ...r, discursive_phase: { phase, rule: 'x', reason: '' }, self: { ...selfEvidenceFixture(year), n_moves: n, net } };
  };

  it('counts countries per discursive phase and takes the median self-referential net score of those with evidence', () => {
    const rows = [
      row('A', 1990, 2, -0.5, 12),
      row('B', 1990, 4, 0.8, 20),
      row('C', 1990, null, 0.9, 3),
      row('D', 1990, 4, 0.6, 10),
      row('A', 1991, 3, 0.2, 15),
    ];
    const world = buildWorld(rows, { resamples: 200, seed: 1 });
    expect(world.map((w) => [w.year, w.n_countries, w.n_with_evidence, w.median_net])).toEqual([
      [1990, 4, 3, 0.6],
      [1991, 1, 1, 0.2],
    ]);
    expect(world[0].phases).toEqual({ 1: 0, 2: 1, 3: 0, 4: 2, 5: 0, unknown: 1 });
    expect(world[0].median_net_ci95!.low).toBeGreaterThanOrEqual(-0.5);
    expect(world[0].median_net_ci95!.high).toBeLessThanOrEqual(0.8);
    expect(world[1].median_net_ci95).toBeNull();
    expect(buildWorld(rows, { resamples: 200, seed: 1 })).toEqual(world);
    expect(worldTimeCsv(world).split('\n').slice(0, 3)).toEqual(['year,phase,n_countries', '1990,1,0', '1990,2,1']);
    expect(worldNetCsv(world).split('\n')[2]).toBe('1991,1,1,0.2,,');
  });

  it('needs rows by country-year', () => {
    const r = { ...row('A', 1990, 2, 0, 12), year: null, period: { start: 1990, end: 1994, label: '1990-1994' } };
    expect(() => buildWorld([r], { resamples: 10, seed: 1 })).toThrow(/country-year/);
  });
});
