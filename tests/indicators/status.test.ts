import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../../src/indicators/types.js';
import { docs, many } from '../aggregate/run-builder.js';
import { FULL_FACTS, factsYaml, fariss, status } from './status-builder.js';

/** An accepting, dialogical year: acknowledgment with some concessions, in two documents. */
const accepting = (year: number, country = 'KEN') =>
  docs(`${country}${year}`, 2, { norm_acknowledgment: 6, argumentative_concession: 2, none: 5 }, { year, country });

const row = (rows: StatusRow[], key: string): StatusRow => {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe('indicators 1-3 from facts', () => {
  it('reads ratification, institutionalisation and petition as of the end of the year, with fact ids', () => {
    const s = status(accepting(1990), { KEN: FULL_FACTS('KEN') });
    const r = row(s.rows, 'KEN|1990');
    expect(r.as_of).toBe('1990-12-31');
    expect(r.indicators.ratification).toMatchObject({ value: 'true', fact_ids: ['KEN-iccpr-ratification', 'KEN-iccpr_op1-accession', 'KEN-cat-ratification'] });
    expect(r.indicators.institutionalisation).toMatchObject({ value: 'true', fact_ids: ['KEN-const'] });
    expect(r.indicators.complaint_mechanism).toMatchObject({ value: 'true', fact_ids: ['KEN-iccpr_op1-accession'] });
  });

  it('reads false when a complete treaty list lacks an instrument, or has it only later', () => {
    const facts = factsYaml('KEN', {
      treaties: [
        ['iccpr', 'accession', '1972-05-01'],
        ['cat', 'accession', '1997-02-21'],
      ],
    });
    const r = row(status([...accepting(1990), ...accepting(1998)], { KEN: facts }).rows, 'KEN|1990');
    expect(r.indicators.ratification).toMatchObject({ value: 'false', missing: ['iccpr_op1', 'cat'], fact_ids: ['KEN-iccpr-accession'] });
    expect(r.indicators.ratification.reason).toMatch(/not party to iccpr_op1, cat by 1990-12-31/);
  });

  it('reads unknown for missing facts, never false', () => {
    const s = status([...accepting(1990, 'KEN'), ...accepting(1990, 'UGA')], { UGA: 'country: UGA\n' });
    const ken = row(s.rows, 'KEN|1990');
    expect(ken.indicators.ratification).toMatchObject({ value: 'unknown', reason: 'no facts file for KEN' });
    expect(ken.indicators.institutionalisation.value).toBe('unknown');
    expect(s.countries_without_facts).toEqual(['KEN']);
    const uga = row(s.rows, 'UGA|1990');
    expect(uga.indicators.ratification).toMatchObject({ value: 'unknown', missing: ['iccpr', 'iccpr_op1', 'cat'] });
    expect(uga.indicators.institutionalisation.reason).toMatch(/not declared complete/);
    expect(uga.indicators.complaint_mechanism.value).toBe('unknown');
  });

  it('counts a fact known only to its year from the end of that year', () => {
    const facts = factsYaml('KEN', { mechanism: '1991' });
    const s = status([...accepting(1990), ...accepting(1991)], { KEN: facts });
    expect(row(s.rows, 'KEN|1990').indicators.complaint_mechanism.value).toBe('unknown');
    expect(row(s.rows, 'KEN|1991').indicators.complaint_mechanism).toMatchObject({ value: 'true', fact_ids: ['KEN-nhri'] });
  });
});

describe("indicator 4 from the government's own record", () => {
  it('is unknown with too little self-referential talk, even pooled, and says why', () => {
    const r = row(status(many(4, { doc: 'a', label: 'norm_acknowledgment' }), {}).rows, 'KEN|1990');
    expect(r.insufficient_evidence).toBe(true);
    expect(r.indicators.discursive_practice).toMatchObject({
      value: 'unknown',
      reason: 'too little self-referential talk: 4 moves about its own conduct < 10',
    });
    expect(r.phase).toMatchObject({ phase: null, rule: 'insufficient_evidence' });
  });

  it('reads only moves about its own conduct: talk about others and the norms is reported beside it, not mixed in', () => {
    const records = [
      ...accepting(1990),
      ...docs('un', 2, { denial: 10 }, { year: 1990, target: 'other' }),
      ...docs('gen', 1, { norm_acknowledgment: 6 }, { year: 1990, target: 'general' }),
    ];
    const r = row(status(records, {}).rows, 'KEN|1990');
    expect(r.self).toMatchObject({ n_moves: 16, rejecting: 0, pooled: false });
    expect(r.indicators.discursive_practice.value).toBe('true');
    expect(r.self.promotion).toMatchObject({ n_moves: 26, acceptance: 6 / 26 });
    expect(r.self.promotion!.net).toBeCloseTo((6 - 20) / 26);
  });

  it('is false when the stance about its own record depends on the audience, with the distance and threshold', () => {
    const records = [
      ...docs('home', 2, { rhetorical_action: 8, norm_acknowledgment: 2 }, { audience: 'domestic' }),
      ...docs('un', 2, { norm_acknowledgment: 10, argumentative_concession: 2 }, { audience: 'international' }),
    ];
    const r = row(status(records, { KEN: FULL_FACTS('KEN') }).rows, 'KEN|1990');
    const i4 = r.indicators.discursive_practice;
    expect(i4.value).toBe('false');
    expect(i4.reason).toMatch(/stance depends on the audience \(TV 0\.\d\d > 0\.3\)/);
    expect(i4.scores).toMatchObject({ audience_dependent: true });
    expect(r.self.consistency).toMatchObject({ comparable: true, n_relevant_domestic: 20, n_relevant_international: 24 });
  });

  it('is true for consistent, accepting, dialogical talk, and notes when consistency cannot be tested', () => {
    const r = row(status(accepting(1990), {}).rows, 'KEN|1990');
    expect(r.indicators.discursive_practice.value).toBe('true');
    expect(r.indicators.discursive_practice.reason).toMatch(/at or below the 1990s median 0\.10.*audience consistency not testable/);
    expect(r.examples.length).toBeGreaterThan(0);
  });

  it('judges the self-rejecting share against its era: the same talk passes in the 1970s and fails in the 1990s', () => {
    const talk = (year: number) => docs(`d${year}`, 2, { rhetorical_action: 2, norm_acknowledgment: 6, argumentative_concession: 2 }, { year });
    const s = status([...talk(1975), ...talk(1995)], {});
    expect(row(s.rows, 'KEN|1975').indicators.discursive_practice.value).toBe('true');
    expect(row(s.rows, 'KEN|1995').indicators.discursive_practice).toMatchObject({
      value: 'false',
      reason: expect.stringMatching(/above the 1990s median 0\.10/),
    });
    expect(row(s.rows, 'KEN|1975').era).toMatchObject({ decade: 1970, accept_at: 0.25, reject_at: 0.4 });
  });

  it('is unknown without an era table', () => {
    const s = status(accepting(1990), {}, null, { era: null });
    expect(row(s.rows, 'KEN|1990').indicators.discursive_practice.value).toBe('unknown');
    expect(s.warnings).toContain('no era reference: indicator 4 and the discursive phases are unknown');
  });
});

describe('pooling thin units', () => {
  it('takes in the following years first, and reports the window and its interval', () => {
    const records = [
      ...docs('a', 1, { norm_acknowledgment: 3, argumentative_concession: 1 }, { year: 1990 }),
      ...docs('b', 1, { norm_acknowledgment: 5, argumentative_concession: 1 }, { year: 1992 }),
      ...docs('c', 1, { denial: 9 }, { year: 1988 }),
    ];
    const s = status(records, {});
    const r = row(s.rows, 'KEN|1990');
    expect(r.self).toMatchObject({ n_own: 4, pooled: true, window: { start: 1990, end: 1992 }, n_moves: 10, rejecting: 0, n_years: 2 });
    expect(r.self.rejecting_ci95).toEqual({ low: 0, high: 0 });
    expect(r.indicators.discursive_practice.value).toBe('true');
    // 1992 alone is thin and nothing follows it: the years before fill the window.
    expect(row(s.rows, 'KEN|1992').self).toMatchObject({ pooled: true, window: { start: 1990, end: 1992 }, n_moves: 10 });
  });

  it('never reaches further than the window allows', () => {
    const records = [...docs('a', 1, { norm_acknowledgment: 4 }, { year: 1990 }), ...docs('b', 1, { norm_acknowledgment: 8 }, { year: 2000 })];
    const r = row(status(records, {}).rows, 'KEN|1990');
    expect(r.self).toMatchObject({ n_moves: 4, window: { start: 1990, end: 1990 } });
    expect(r.phase.rule).toBe('insufficient_evidence');
  });

  it('pools periods with at most two more periods', () => {
    const records = [
      ...docs('a', 1, { norm_acknowledgment: 4, argumentative_concession: 1 }, { year: 1986 }),
      ...docs('b', 1, { norm_acknowledgment: 5 }, { year: 1996 }),
    ];
    const s = status(records, {}, null, { by: 'country-period', period: 5 });
    expect(row(s.rows, 'KEN|1985-1989').self).toMatchObject({ pooled: true, window: { start: 1985, end: 1999 }, n_moves: 10 });
  });
});

describe('phase rules', () => {
  const phaseOf = (records: Array<Record<string, unknown>>, facts: Record<string, string> = {}, key = 'KEN|1990') =>
    row(status(records, facts).rows, key).phase;

  it('1 silence: many sentences, almost none about human rights, nothing about its own record', () => {
    expect(phaseOf([...many(80, { doc: 'a', label: 'none' }), ...many(1, { doc: 'a', label: 'denial' })])).toMatchObject({ phase: 1, rule: 'silence' });
  });

  it('too little self-referential talk amid plenty of human-rights talk is unknown, never phase 3 by default', () => {
    const records = [
      ...docs('d', 2, { none: 40 }),
      ...docs('d', 2, { norm_acknowledgment: 10 }, { target: 'other' }),
      ...docs('d', 1, { norm_acknowledgment: 3 }),
    ];
    const p = phaseOf(records);
    expect(p).toMatchObject({ phase: null, rule: 'insufficient_evidence' });
    expect(p.reason).toMatch(/3 self-referential moves/);
  });

  it('a long text with enough self-referential moves is not silent, however low their share', () => {
    const records = [...docs('d', 5, { none: 200 }), ...docs('d', 2, { norm_acknowledgment: 6, argumentative_concession: 1 })];
    expect(phaseOf(records).rule).not.toBe('silence');
  });

  it('2 self denial: rejecting at or above the era upper quartile, led by denial', () => {
    expect(phaseOf(docs('d', 2, { denial: 4, norm_acknowledgment: 2, rhetorical_action: 1 }))).toMatchObject({ phase: 2, rule: 'self_denial' });
  });

  it('3 rhetorical action: rejecting at or above the era upper quartile, led by rhetorical action', () => {
    expect(phaseOf(docs('d', 2, { rhetorical_action: 4, norm_acknowledgment: 2, denial: 1 }))).toMatchObject({ phase: 3, rule: 'self_rhetorical_action' });
  });

  it('3 tactical concessions: rejecting between the era median and upper quartile', () => {
    const p = phaseOf(docs('d', 2, { norm_acknowledgment: 8, argumentative_concession: 1, rhetorical_action: 2 }));
    expect(p).toMatchObject({ phase: 3, rule: 'tactical_concessions' });
    expect(p.reason).toMatch(/between the 1990s' median 10% and upper quartile 30%/);
  });

  it('3 acceptance talk without dialogue', () => {
    const p = phaseOf(docs('d', 2, { norm_acknowledgment: 10 }), { KEN: FULL_FACTS('KEN') });
    expect(p).toMatchObject({ phase: 3, rule: 'acceptance_talk' });
    expect(p.reason).toMatch(/dialogue about its own record 0\.00 < 0\.05/);
  });

  it('3 talk without institutions when a fact indicator is false', () => {
    const facts = factsYaml('KEN', { treaties: [['iccpr', 'accession', '1972-05-01']] });
    expect(phaseOf(accepting(1990), { KEN: facts })).toMatchObject({ phase: 3, rule: 'talk_without_institutions' });
  });

  it('3 or 4 when fact indicators are unknown; the discourse alone supports 4', () => {
    const r = row(status(accepting(1990), {}).rows, 'KEN|1990');
    expect(r.phase).toMatchObject({ phase: 3, possible: [3, 4], rule: 'status_unconfirmed' });
    expect(r.discursive_phase).toMatchObject({ phase: 4, rule: 'discursive_practice' });
  });

  it('4 prescriptive status when all four indicators hold', () => {
    const p = phaseOf(accepting(1990), { KEN: FULL_FACTS('KEN') });
    expect(p).toMatchObject({ phase: 4, rule: 'prescriptive_status' });
    expect(p.reason).toMatch(/not yet sustained/);
  });

  it('5 when phase 4 is sustained over three years and deeds meet the threshold; 4 without deeds', () => {
    const records = [1990, 1991, 1992].flatMap((y) => accepting(y));
    const good = fariss([
      [1990, 501, 1.5],
      [1991, 501, 1.5],
      [1992, 501, 1.5],
    ]);
    const s = status(records, { KEN: FULL_FACTS('KEN') }, good);
    expect(s.rows.map((r) => [r.key, r.phase.phase, r.phase.rule])).toEqual([
      ['KEN|1990', 4, 'prescriptive_status'],
      ['KEN|1991', 4, 'prescriptive_status'],
      ['KEN|1992', 5, 'sustained_with_deeds'],
    ]);
    expect(row(s.rows, 'KEN|1992').deeds).toMatchObject([{ year: 1992, value: 1.5, meets: true }]);
    const bad = status(records, { KEN: FULL_FACTS('KEN') }, fariss([[1992, 501, -0.5]]));
    expect(row(bad.rows, 'KEN|1992').phase).toMatchObject({ phase: 4, reason: expect.stringMatching(/deeds below the threshold/) });
    const none = status(records, { KEN: FULL_FACTS('KEN') });
    expect(row(none.rows, 'KEN|1992').phase.reason).toMatch(/no deeds score/);
    expect(row(none.rows, 'KEN|1992').deeds).toBeNull();
  });

  it('works by period: facts as of the last day of the period, deeds averaged over its years', () => {
    const records = [1985, 1987, 1990, 1992].flatMap((y) => accepting(y));
    const s = status(
      records,
      { KEN: FULL_FACTS('KEN') },
      fariss([
        [1990, 501, 0.8],
        [1991, 501, 1.4],
      ]),
      { by: 'country-period', period: 5 },
    );
    expect(s.by).toBe('country-period');
    expect(s.rows.map((r) => [r.key, r.as_of, r.phase.phase])).toEqual([
      ['KEN|1985-1989', '1989-12-31', 4],
      ['KEN|1990-1994', '1994-12-31', 5],
    ]);
  });

  it('records every threshold it used, and the era table', () => {
    const s = status(accepting(1990), {});
    expect(s.thresholds).toMatchObject({
      MIN_SELF_MOVES: 10,
      ERA_ACCEPT_QUANTILE: 0.5,
      RATIFICATION_INSTRUMENTS: ['iccpr', 'iccpr_op1', 'cat'],
      PTS_MAX_SCORE: 2,
    });
    expect(s.era?.source).toBe('test');
    expect(s.target).toBe('self');
  });
});

describe('onset of prescriptive status', () => {
  it('is the first unit of the first run of phase 4 that persists; indicator 4 alone is dated beside it', () => {
    const denying = (year: number) => docs(`k${year}`, 2, { denial: 6, norm_acknowledgment: 2 }, { year });
    const records = [1986, 1987, 1988, 1989].flatMap(denying).concat([1990, 1991, 1992, 1993].flatMap((y) => accepting(y)));
    const facts = factsYaml('KEN', {
      treaties: [
        ['iccpr', 'ratification', '1980-01-01'],
        ['iccpr_op1', 'accession', '1991-06-01'],
        ['cat', 'ratification', '1980-01-01'],
      ],
      institution: '1980',
    });
    const s = status(records, { KEN: facts });
    expect(s.rows.map((r) => r.phase.phase)).toEqual([2, 2, 2, 2, 3, 4, 4, 4]);
    expect(s.onsets).toEqual([{ country: 'KEN', prescriptive: { unit: '1991', year: 1991 }, discursive: { unit: '1990', year: 1990 }, min_units: 3 }]);
  });

  it('is null when phase 4 never persists', () => {
    const records = [1990, 1992].flatMap((y) => accepting(y)).concat(docs('x', 2, { denial: 8 }, { year: 1991 }));
    const s = status(records, { KEN: FULL_FACTS('KEN') });
    expect(s.onsets[0]).toMatchObject({ prescriptive: null, discursive: null });
  });
});
