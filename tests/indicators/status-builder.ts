// Facts and runs for status tests: a facts folder written from small YAML
// strings, and scores aggregated from hand-built utterances.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aggregator } from '../../src/aggregate/index.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import type { DeedsTable } from '../../src/indicators/deeds.js';
import { parseDeeds } from '../../src/indicators/deeds.js';
import { loadFactsDir } from '../../src/indicators/load-facts.js';
import type { EraReference } from '../../src/indicators/era.js';
import { buildStatus } from '../../src/indicators/status.js';
import type { StatusFile } from '../../src/indicators/types.js';

/** Treaty actions with a completeness claim, plus optional hand-written sections. */
export function factsYaml(country: string, opts: { treaties?: Array<[string, string, string]>; institution?: string; mechanism?: string } = {}): string {
  const actions = (opts.treaties ?? [])
    .map(
      ([instrument, action, date]) =>
        `    - id: ${country}-${instrument}-${action}\n      instrument: ${instrument}\n      action: ${action}\n      date: ${date}\n      source: test\n`,
    )
    .join('');
  let text = `country: ${country}\ntreaties:\n  as_of: 2026-02-03\n  complete_for: [iccpr, iccpr_op1, cat]\n  actions:${actions ? '\n' + actions : ' []\n'}`;
  if (opts.institution)
    text += `institutionalisation:\n  entries:\n    - id: ${country}-const\n      what: constitution with a bill of rights\n      date: ${opts.institution}\n      source: test\n`;
  if (opts.mechanism)
    text += `complaint_mechanisms:\n  entries:\n    - id: ${country}-nhri\n      kind: nhri\n      what: commission\n      date: ${opts.mechanism}\n      source: test\n`;
  return text;
}

/** A country party to ICCPR, its first Optional Protocol and CAT since 1980, with a constitution since 1980. */
export const FULL_FACTS = (country: string): string =>
  factsYaml(country, {
    treaties: [
      ['iccpr', 'ratification', '1980-01-01'],
      ['iccpr_op1', 'accession', '1980-01-01'],
      ['cat', 'ratification', '1980-01-01'],
    ],
    institution: '1980',
  });

export function factsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiral-facts-'));
  for (const [country, text] of Object.entries(files)) writeFileSync(join(dir, `${country}.yaml`), text);
  return dir;
}

export function fariss(rows: Array<[number, number, number]>): DeedsTable {
  const text = '"","YEAR","COW","theta_mean"\n' + rows.map(([year, cow, theta], i) => `"${i + 1}",${year},${cow},${theta}`).join('\n') + '\n';
  return parseDeeds(text, 'fariss.csv');
}

/**
 * A test era: in every decade the self-rejecting share's quantiles (10, 25, 50,
 * 75, 90%) are 0, 5, 10, 30, 50% (so indicator 4 needs at most 10%, and 30% or more
 * is rejecting), and the human-rights share of speech's are 1, 2, 5, 10, 20% (so
 * silence is at most 2%); the 1970s are more rejecting (median 25%, upper quartile 40%).
 */
export const TEST_ERA: EraReference = {
  source: 'test',
  rows: [
    {
      decade: 1970,
      decades_used: [1970],
      n_countries: 30,
      rejecting: [0, 0.1, 0.25, 0.4, 0.6],
      net_median: 0.5,
      n_country_years: 100,
      relevant_share: [0.01, 0.02, 0.05, 0.1, 0.2],
    },
    {
      decade: 1980,
      decades_used: [1980],
      n_countries: 30,
      rejecting: [0, 0.05, 0.1, 0.3, 0.5],
      net_median: 0.7,
      n_country_years: 100,
      relevant_share: [0.01, 0.02, 0.05, 0.1, 0.2],
    },
    {
      decade: 1990,
      decades_used: [1990],
      n_countries: 30,
      rejecting: [0, 0.05, 0.1, 0.3, 0.5],
      net_median: 0.8,
      n_country_years: 100,
      relevant_share: [0.01, 0.02, 0.05, 0.1, 0.2],
    },
  ],
};

/** Moves without a target are about the speaker's own conduct (target self), as most test lines mean them. */
export function selfByDefault(records: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return records.map((r) => (r.target === undefined && r.label !== 'none' ? { ...r, target: 'self' } : r));
}

export function status(
  records: Array<Record<string, unknown>>,
  facts: Record<string, string>,
  deeds: DeedsTable | null = null,
  options: { by?: 'country-year' | 'country-period'; period?: number; era?: EraReference | null } = {},
): StatusFile {
  const a = new Aggregator({ resamples: 50, by: 'country-year', byAudience: true, target: 'self' });
  for (const r of selfByDefault(records)) a.add(readUtteranceLine(r));
  const dir = factsDir(facts);
  return buildStatus({
    scores: a.finish('run'),
    by: options.by ?? 'country-year',
    period: options.period,
    facts: loadFactsDir(dir),
    factsDir: dir,
    deeds,
    deedsFile: deeds ? 'fariss.csv' : null,
    era: options.era === undefined ? TEST_ERA : options.era,
    resamples: 50,
  });
}
