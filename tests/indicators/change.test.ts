import { describe, expect, it } from 'vitest';
import type { ScoreCell } from '../../src/aggregate/types.js';
import { rejectingChange, withSuccessors, yearMovesOf } from '../../src/indicators/change.js';

const year = (y: number, denial: number, rhetorical_action: number, norm_acknowledgment: number) => ({
  year: y,
  self: { denial, rhetorical_action, argumentative_concession: 0, norm_acknowledgment, relevant: denial + rhetorical_action + norm_acknowledgment },
});
const o = { resamples: 200, seed: 7 };

describe('the self-rejecting share before and after a change', () => {
  it('falls beyond noise when every year before rejects and none after does', () => {
    const years = [1985, 1986, 1987, 1988, 1989].map((y) => year(y, 2, 1, 1)).concat([1990, 1991, 1992, 1993].map((y) => year(y, 0, 0, 4)));
    const c = rejectingChange('X', years, 1990, o);
    expect(c.before).toMatchObject({ window: { start: 1975, end: 1989 }, n_years: 5, n_moves: 20, rejecting: 0.75 });
    expect(c.after).toMatchObject({ window: { start: 1990, end: 2004 }, n_years: 4, n_moves: 16, rejecting: 0 });
    expect(c).toMatchObject({ difference: -0.75, falls: true, falls_beyond_noise: true });
    expect(c.difference_ci95!.high).toBeLessThan(0);
  });

  it('widens a thin side five years at a time, up to thirty, and is not testable without the evidence', () => {
    const years = [year(1962, 3, 0, 2), year(1980, 1, 0, 1), year(1991, 0, 0, 12)];
    const c = rejectingChange('X', years, 1990, o);
    expect(c.before).toMatchObject({ window: { start: 1960, end: 1989 }, n_moves: 7 });
    expect(c).toMatchObject({ falls: null, falls_beyond_noise: null, difference: null });
    const enough = rejectingChange('X', [...years, year(1970, 2, 1, 0)], 1990, o);
    expect(enough.before).toMatchObject({ window: { start: 1960, end: 1989 }, n_moves: 10, rejecting: 0.7 });
    expect(enough.falls).toBe(true);
  });

  it('says within noise when the interval of the difference includes zero', () => {
    const years = [year(1985, 1, 0, 4), year(1986, 0, 0, 5), year(1990, 0, 0, 5), year(1991, 1, 0, 4), year(1992, 0, 0, 1)];
    const c = rejectingChange('X', years, 1990, o);
    expect(c.falls).toBe(true);
    expect(c.falls_beyond_noise).toBe(false);
  });
});

describe("a country's years with its successor States' (codebook §1: Czechoslovakia, CZE/SVK after 1993)", () => {
  const years: Record<string, ReturnType<typeof year>[]> = {
    CSK: [year(1989, 2, 0, 0), year(1992, 0, 0, 1)],
    CZE: [year(1992, 9, 9, 9), year(1993, 0, 0, 3), year(1995, 1, 0, 2)],
    SVK: [year(1993, 0, 1, 1)],
  };
  const of = (iso: string) => years[iso] ?? [];

  it('adds the successors from their first year on, per year, and nothing before it', () => {
    expect(withSuccessors('CSK', of)).toEqual([year(1989, 2, 0, 0), year(1992, 0, 0, 1), year(1993, 0, 1, 4), year(1995, 1, 0, 2)]);
  });

  it('leaves a country without successors as it was, and its inputs unchanged', () => {
    expect(withSuccessors('CZE', of)).toEqual(years.CZE);
    withSuccessors('CSK', of);
    expect(years.SVK).toEqual([year(1993, 0, 1, 1)]);
  });
});

describe('the moves by year of a country-year scores file', () => {
  it("takes a country's all-audience cells, its counts and relevant utterances", () => {
    const cell = (country: string, year: number, audience: string, denial: number) =>
      ({
        country,
        year,
        audience,
        n_relevant: 5,
        counts: { denial, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 2, none: 9 },
      }) as unknown as ScoreCell;
    const cells = [cell('KEN', 1990, 'all', 2), cell('KEN', 1990, 'domestic', 7), cell('CHL', 1990, 'all', 3), cell('KEN', 1991, 'all', 0)];
    expect(yearMovesOf(cells, 'KEN')).toEqual([
      { year: 1990, self: { denial: 2, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 2, relevant: 5 } },
      { year: 1991, self: { denial: 0, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 2, relevant: 5 } },
    ]);
  });
});
