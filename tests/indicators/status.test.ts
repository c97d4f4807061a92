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

describe('indicator 4 from discourse', () => {
  it('is unknown with too little evidence and says why', () => {
    const r = row(status(many(4, { doc: 'a', label: 'norm_acknowledgment' }), {}).rows, 'KEN|1990');
    expect(r.insufficient_evidence).toBe(true);
    expect(r.indicators.discursive_practice).toMatchObject({ value: 'unknown', reason: 'too little evidence (n_relevant 4 < 10)' });
    expect(r.phase).toMatchObject({ phase: null, rule: 'insufficient_evidence' });
  });

  it('is false when the stance depends on the audience, with the distance and threshold', () => {
    const records = [
      ...docs('home', 2, { rhetorical_action: 8, norm_acknowledgment: 2 }, { audience: 'domestic' }),
      ...docs('un', 2, { norm_acknowledgment: 10, argumentative_concession: 2 }, { audience: 'international' }),
    ];
    const r = row(status(records, { KEN: FULL_FACTS('KEN') }).rows, 'KEN|1990');
    const i4 = r.indicators.discursive_practice;
    expect(i4.value).toBe('false');
    expect(i4.reason).toMatch(/stance depends on the audience \(TV 0\.\d\d > 0\.3\)/);
    expect(i4.scores).toMatchObject({ audience_dependent: true });
    expect(i4.thresholds).toMatchObject({ AUDIENCE_TV_THRESHOLD: 0.3 });
    expect(r.phase.rule).toBe('tactical_concessions');
  });

  it('is true for consistent, accepting, dialogical talk, and notes when consistency cannot be tested', () => {
    const r = row(status(accepting(1990), {}).rows, 'KEN|1990');
    expect(r.indicators.discursive_practice.value).toBe('true');
    expect(r.indicators.discursive_practice.reason).toMatch(/audience consistency not testable/);
    expect(r.examples.length).toBeGreaterThan(0);
  });
});

describe('phase rules', () => {
  const phaseOf = (records: Array<Record<string, unknown>>, facts: Record<string, string> = {}, key = 'KEN|1990') =>
    row(status(records, facts).rows, key).phase;

  it('1 silence: many sentences, almost none about human rights', () => {
    expect(phaseOf([...many(80, { doc: 'a', label: 'none' }), ...many(1, { doc: 'a', label: 'denial' })])).toMatchObject({ phase: 1, rule: 'silence' });
  });

  it('a long text with enough relevant sentences is not silent, however low their share', () => {
    const records = [...docs('d', 5, { none: 200 }), ...docs('d', 2, { norm_acknowledgment: 6, argumentative_concession: 1 })];
    expect(phaseOf(records).rule).not.toBe('silence');
  });

  it('2 denial dominant', () => {
    expect(phaseOf(docs('d', 2, { denial: 4, norm_acknowledgment: 2, rhetorical_action: 1 }))).toMatchObject({ phase: 2, rule: 'denial_dominant' });
  });

  it('2 little acceptance: relevant talk that neither accepts nor deflects', () => {
    const records = [...docs('d', 2, { denial: 1, norm_acknowledgment: 1 }), ...many(10, { doc: 'd-0', label: 'none', relevant: true })];
    expect(phaseOf(records)).toMatchObject({ phase: 2, rule: 'little_acceptance' });
  });

  it('3 tactical concessions: acceptance talk while allegations are deflected', () => {
    expect(phaseOf(docs('d', 2, { norm_acknowledgment: 3, rhetorical_action: 2, denial: 1 }))).toMatchObject({ phase: 3, rule: 'tactical_concessions' });
  });

  it('3 acceptance talk without dialogue', () => {
    const p = phaseOf(docs('d', 2, { norm_acknowledgment: 8 }));
    expect(p).toMatchObject({ phase: 3, rule: 'acceptance_talk' });
    expect(p.reason).toMatch(/dialogue 0\.00 < 0\.05/);
  });

  it('3 rhetorical action with little acceptance', () => {
    expect(phaseOf(docs('d', 2, { rhetorical_action: 5, norm_acknowledgment: 1, argumentative_concession: 0 }))).toMatchObject({
      phase: 3,
      rule: 'rhetorical_action',
    });
  });

  it('3 talk without institutions when a fact indicator is false', () => {
    const facts = factsYaml('KEN', { treaties: [['iccpr', 'accession', '1972-05-01']], institution: '1963' });
    expect(phaseOf(accepting(1990), { KEN: facts })).toMatchObject({ phase: 3, rule: 'talk_without_institutions' });
  });

  it('3 or 4 when fact indicators are unknown', () => {
    expect(phaseOf(accepting(1990))).toMatchObject({ phase: 3, rule: 'status_unconfirmed', possible: [3, 4] });
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

  it('records every threshold it used', () => {
    const s = status(accepting(1990), {});
    expect(s.thresholds).toMatchObject({ MIN_RELEVANT_UTTERANCES: 10, RATIFICATION_INSTRUMENTS: ['iccpr', 'iccpr_op1', 'cat'], PTS_MAX_SCORE: 2 });
  });
});
