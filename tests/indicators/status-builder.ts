// Facts and runs for status tests: a facts folder written from small YAML
// strings, and scores aggregated from hand-built utterances.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aggregator } from '../../src/aggregate/index.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import type { AggregateOptions } from '../../src/aggregate/options.js';
import type { DeedsTable } from '../../src/indicators/deeds.js';
import { parseDeeds } from '../../src/indicators/deeds.js';
import { loadFactsDir } from '../../src/indicators/load-facts.js';
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

export function status(
  records: Array<Record<string, unknown>>,
  facts: Record<string, string>,
  deeds: DeedsTable | null = null,
  options: Partial<AggregateOptions> = {},
): StatusFile {
  const a = new Aggregator({ resamples: 50, ...options });
  for (const r of records) a.add(readUtteranceLine(r));
  const dir = factsDir(facts);
  return buildStatus({ scores: a.finish('run'), facts: loadFactsDir(dir), factsDir: dir, deeds, deedsFile: deeds ? 'fariss.csv' : null });
}
