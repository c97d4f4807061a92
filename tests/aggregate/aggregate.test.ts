import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../src/aggregate/index.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import type { ScoreCell } from '../../src/aggregate/types.js';
import { docs, many, utt } from './run-builder.js';

function aggregate(records: Array<Record<string, unknown>>, options: ConstructorParameters<typeof Aggregator>[0] = {}) {
  const a = new Aggregator({ resamples: 200, ...options });
  for (const r of records) a.add(readUtteranceLine(r));
  return a.finish('test-run');
}

const cell = (cells: ScoreCell[], key: string): ScoreCell => {
  const c = cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key} in ${cells.map((x) => x.key).join(', ')}`);
  return c;
};

describe('cells', () => {
  it('counts labels and shares among relevant utterances only, per country-year', () => {
    const run = aggregate([
      ...docs('ken90', 2, { denial: 3, norm_acknowledgment: 5, none: 10 }),
      ...many(2, { doc: 'ken90-0', label: 'none', relevant: true }), // relevant but no move
      ...docs('ken91', 1, { argumentative_concession: 12 }, { year: 1991 }),
    ]);
    const c90 = cell(run.cells, 'KEN|1990');
    expect(c90.n_documents).toBe(2);
    expect(c90.n_utterances).toBe(38);
    expect(c90.n_relevant).toBe(18);
    expect(c90.counts.none).toBe(22);
    expect(c90.shares.denial).toBeCloseTo(6 / 18);
    expect(c90.indices.acceptance.value).toBeCloseTo(10 / 18);
    expect(c90.indices.net.value).toBeCloseTo(10 / 18 - 6 / 18);
    expect(c90.indices.net.ci95).not.toBeNull();
    const c91 = cell(run.cells, 'KEN|1991');
    expect(c91.indices.dialogue.value).toBe(1);
    expect(c91.indices.dialogue.ci95).toBeNull(); // one document: no interval
  });

  it('marks cells with too little evidence instead of hiding them', () => {
    const run = aggregate([...many(4, { doc: 'a', label: 'denial' }), ...many(30, { doc: 'a', label: 'none' })]);
    const c = cell(run.cells, 'KEN|1990');
    expect(c.insufficient_evidence).toBe(true);
    expect(c.insufficient_reasons).toEqual(['n_relevant 4 < 10']);
    expect(c.indices.rejection.value).toBe(1);
  });

  it('groups periods aligned to multiples of the period length', () => {
    const run = aggregate(
      [1984, 1985, 1989, 1990].flatMap((year) => many(10, { doc: `d${year}`, year, label: 'norm_acknowledgment' })),
      { by: 'country-period', period: 5 },
    );
    expect(run.cells.map((c) => [c.key, c.n_documents])).toEqual([
      ['KEN|1980-1984', 1],
      ['KEN|1985-1989', 2],
      ['KEN|1990-1994', 1],
    ]);
    expect(run.params.period).toBe(5);
  });

  it('keeps the first example ids per label, and every id only when asked', () => {
    const records = many(8, { doc: 'a', label: 'denial' });
    const run = aggregate(records, { by: 'country' });
    const c = cell(run.cells, 'KEN');
    expect(c.examples.denial).toEqual(records.slice(0, 5).map((r) => r.id));
    expect(c.utterance_ids).toBeUndefined();
    const withIds = aggregate(records, { by: 'country', keepIds: true });
    expect(cell(withIds.cells, 'KEN').utterance_ids).toEqual(records.map((r) => r.id));
  });

  it('splits by audience on request and always reports consistency on the whole cell', () => {
    const records = [
      ...docs('home', 2, { denial: 8 }, { audience: 'domestic' }),
      ...docs('un', 2, { norm_acknowledgment: 6, argumentative_concession: 2 }, { audience: 'international' }),
    ];
    const whole = aggregate(records);
    expect(whole.cells.map((c) => c.key)).toEqual(['KEN|1990']);
    const all = cell(whole.cells, 'KEN|1990');
    expect(all.consistency).toMatchObject({ comparable: true, audience_dependent: true, n_relevant_domestic: 16 });
    expect(all.consistency!.total_variation).toBeCloseTo(1);
    const split = aggregate(records, { byAudience: true });
    expect(split.cells.map((c) => c.key)).toEqual(['KEN|1990', 'KEN|1990|international', 'KEN|1990|domestic']);
    expect(cell(split.cells, 'KEN|1990|domestic').indices.rejection.value).toBe(1);
  });

  it('does not flag the audience when the two audiences agree', () => {
    const records = [
      ...docs('home', 2, { norm_acknowledgment: 7, argumentative_concession: 1 }, { audience: 'domestic' }),
      ...docs('un', 2, { norm_acknowledgment: 6, argumentative_concession: 2 }, { audience: 'international' }),
    ];
    expect(cell(aggregate(records).cells, 'KEN|1990').consistency!.audience_dependent).toBe(false);
  });

  it('reports persistence of an accepting stance across years', () => {
    const records = [1990, 1991, 1992].flatMap((year) => many(12, { doc: `d${year}`, year, label: 'norm_acknowledgment' }));
    const run = aggregate(records);
    expect(cell(run.cells, 'KEN|1992').persistence).toMatchObject({ accepting: true, streak: 3, persistent: true, min_units: 3 });
    expect(cell(run.cells, 'KEN|1991').persistence).toMatchObject({ streak: 2, persistent: false });
    expect(cell(aggregate(records, { by: 'country' }).cells, 'KEN').persistence).toBeUndefined();
  });

  it('skips utterances without a country or year and says so', () => {
    const run = aggregate([utt({ doc: 'x', label: 'denial', country: '' }), { ...utt({ doc: 'y', label: 'denial' }), year: undefined }]);
    expect(run.skipped).toMatchObject({ no_country: 1, no_year: 1 });
    expect(run.warnings.join(' ')).toMatch(/without a country/);
  });
});

describe('speakers', () => {
  const records = [
    ...many(10, { doc: 'upr', label: 'rhetorical_action', speaker_role: 'self', speaker: 'KEN' }),
    ...many(5, { doc: 'upr', label: 'argumentative_concession' }), // no speaker_role: counts as self
    ...many(20, { doc: 'upr', label: 'norm_acknowledgment', speaker_role: 'other_state', speaker: 'NOR', text: 'Norway expressed concern about torture.' }),
    ...many(3, { doc: 'upr', label: 'none', speaker_role: 'other_state', speaker: 'BRA', text: 'It recommended that Kenya ratify the Convention.' }),
    ...many(4, { doc: 'upr', label: 'none', speaker_role: 'procedural', speaker: 'procedural' }),
  ];

  it('counts only the State itself by default (missing speaker_role = self)', () => {
    const run = aggregate(records);
    const c = cell(run.cells, 'KEN|1990');
    expect(c.n_utterances).toBe(15);
    expect(c.counts.norm_acknowledgment).toBe(0);
    expect(c.indices.deflection.value).toBeCloseTo(10 / 15);
    expect(run.skipped.filtered_speaker).toBe(27);
  });

  it('counts other States with --speakers other and everyone with all', () => {
    expect(cell(aggregate(records, { speakers: 'other' }).cells, 'KEN|1990').n_utterances).toBe(23);
    expect(cell(aggregate(records, { speakers: 'all' }).cells, 'KEN|1990').n_utterances).toBe(42);
  });

  it('aggregates other States separately as pressure, per recommending State and year', () => {
    const run = aggregate(records);
    expect(run.pressure.map((p) => p.key)).toEqual(['KEN|1990', 'KEN|1990|BRA', 'KEN|1990|NOR']);
    const [total, bra, nor] = run.pressure;
    expect(total).toMatchObject({ speaker: null, n_utterances: 23, critical: 20, recommendations: 3, recommendations_source: 'utterances' });
    expect(bra).toMatchObject({ speaker: 'BRA', critical: 0, recommendations: 3 });
    expect(nor).toMatchObject({ speaker: 'NOR', critical: 20, recommendations: 0, n_relevant: 20 });
    expect(nor.examples.critical).toHaveLength(5);
  });

  it('takes recommendation counts from recommendations.jsonl when the run has one', () => {
    const a = new Aggregator({ resamples: 10 });
    for (const r of records) a.add(readUtteranceLine(r));
    a.addRecommendation({ id: 'r1', country: 'KEN', year: 1990, from: ['NOR', 'SWE'] });
    const run = a.finish('x');
    const byKey = new Map(run.pressure.map((p) => [p.key, p]));
    expect(byKey.get('KEN|1990')).toMatchObject({ recommendations: 1, recommendations_source: 'recommendations.jsonl' });
    expect(byKey.get('KEN|1990|SWE')).toMatchObject({ recommendations: 1, n_utterances: 0 });
    expect(byKey.get('KEN|1990|BRA')!.recommendations).toBe(0);
  });
});
