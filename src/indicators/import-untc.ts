// Combine a UNTC status table and (optionally) footnote facts of predecessor
// States into one treaty section per country. Pure.
import { HISTORICAL_CODES } from '../countries.js';
import type { TreatySection } from './facts-write.js';
import type { FootnoteFact } from './untc-footnotes.js';
import type { UntcImport } from './untc.js';
import type { TreatyFact } from './types.js';

export interface FootnotePage {
  instrument: string;
  file: string;
  facts: FootnoteFact[];
}

export interface ImportResult {
  sections: Map<string, TreatySection>;
  /** Messages about table rows replaced by footnotes, and predecessor States read from the table alone. */
  notes: string[];
}

function stripCountry(f: FootnoteFact): TreatyFact {
  return { id: f.id, instrument: f.instrument, action: f.action, date: f.date, source: f.source };
}

export function buildTreatySections(table: UntcImport, pages: readonly FootnotePage[], asOf: string, tableFile: string): ImportResult {
  const notes: string[] = [];
  const byCountry = new Map<string, TreatyFact[]>();
  for (const row of table.rows) byCountry.set(row.country, [...(byCountry.get(row.country) ?? []), ...row.actions]);

  const footnoteCountries = new Set<string>();
  for (const page of pages) {
    for (const [country, facts] of groupBy(page.facts, (f) => f.country)) {
      footnoteCountries.add(country);
      const tableRow = table.rows.find((r) => r.country === country && r.instrument === page.instrument);
      if (tableRow) {
        notes.push(
          `${country} ${page.instrument}: table row at ${tableFile}:${tableRow.line} (${tableRow.actions.map((a) => `${a.action} ${a.date}`).join(', ') || 'no action'}) replaced by the end note of ${page.file}`,
        );
      }
      const kept = (byCountry.get(country) ?? []).filter((a) => a.instrument !== page.instrument);
      byCountry.set(country, [...kept, ...facts.map(stripCountry)]);
    }
  }

  const scanned = [...new Set(pages.map((p) => p.instrument))].sort();
  const sections = new Map<string, TreatySection>();
  for (const [country, actions] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
    const fromFootnotes = footnoteCountries.has(country);
    if (!fromFootnotes && country in HISTORICAL_CODES) {
      notes.push(`${country} is a predecessor State: its table rows may be incomplete or wrong — give --footnotes with the UNTC status pages`);
    }
    sections.set(country, {
      source: fromFootnotes
        ? `UN Treaty Collection status pages, end notes on the predecessor State (${scanned.join(', ')}), with table ${tableFile}`
        : `UN Treaty Collection status table ${tableFile}`,
      as_of: asOf,
      complete_for: fromFootnotes ? scanned : table.instruments,
      actions,
    });
  }
  return { sections, notes };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
