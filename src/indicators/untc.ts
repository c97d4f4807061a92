// Treaty actions from a UN Treaty Collection status table (the format of
// ../shared/data/treaties/un_hr_ratifications.csv): one row per State and
// instrument with the binding action (Ratification / Accession / Succession, or
// empty when only signed), its date, and the signature date. Pure: text in,
// facts out; names that cannot be mapped to ISO codes are returned, not dropped
// silently.
import { parse } from 'csv-parse/sync';
import { normaliseCountry } from '../countries.js';
import { checkFactDate } from './dates.js';
import { InputFileError, type Problem } from './errors.js';
import type { TreatyAction, TreatyFact } from './types.js';

const REQUIRED_COLUMNS = ['country_name', 'treaty_id', 'action_type', 'action_date', 'signature_date'];

/**
 * UNTC spellings that the shared country table does not know: "Bahamas (The)",
 * "St. Lucia", "Cabo Verde". Rewrites first, then the alias table.
 */
const UNTC_REWRITES: Array<[RegExp, string]> = [
  [/\s*\(the\)\s*$/i, ''],
  [/^St\.\s+/, 'Saint '],
];
const UNTC_ALIASES: Record<string, string> = { 'cabo verde': 'CPV' };

/** ISO3 of a UNTC participant name, or undefined. */
export function untcCountry(name: string): string | undefined {
  const direct = normaliseCountry(name);
  if (direct) return direct;
  let rewritten = name.trim();
  for (const [pattern, replacement] of UNTC_REWRITES) rewritten = rewritten.replace(pattern, replacement);
  return normaliseCountry(rewritten) ?? UNTC_ALIASES[rewritten.toLowerCase()];
}

const ACTION_TYPES: Record<string, TreatyAction> = {
  ratification: 'ratification',
  accession: 'accession',
  succession: 'succession',
};

export interface UntcRow {
  line: number;
  country: string; // ISO3
  name: string; // as written in the table
  instrument: string;
  source: string; // the row's source_url (or file:line)
  actions: TreatyFact[];
}

export interface UntcImport {
  rows: UntcRow[];
  /** Every instrument the table covers, sorted: its list of actions is exhaustive for them. */
  instruments: string[];
  /** Participant names with no ISO code, with the first line each appears on. */
  unmapped: Array<{ name: string; line: number }>;
}

function actionId(country: string, instrument: string, action: TreatyAction): string {
  return `${country}-${instrument}-${action}`;
}

function rowActions(row: Record<string, string>, country: string, source: string, file: string, line: number, problems: Problem[]): TreatyFact[] {
  const instrument = row.treaty_id.trim();
  const facts: TreatyFact[] = [];
  const signature = row.signature_date.trim();
  if (signature) {
    const wrong = checkFactDate(signature);
    if (wrong) problems.push({ file, line, message: `signature_date: ${wrong}` });
    else facts.push({ id: actionId(country, instrument, 'signature'), instrument, action: 'signature', date: signature, source });
  }
  const type = row.action_type.trim().toLowerCase();
  if (type) {
    const action = ACTION_TYPES[type];
    const date = row.action_date.trim();
    const wrong = checkFactDate(date);
    if (!action) problems.push({ file, line, message: `action_type "${row.action_type}" is not Ratification, Accession or Succession` });
    else if (wrong) problems.push({ file, line, message: `action_date: ${wrong}` });
    else facts.push({ id: actionId(country, instrument, action), instrument, action, date, source });
  }
  return facts;
}

/** Parse a UNTC status table. Throws InputFileError (file:line) for malformed rows. */
export function parseUntcTable(text: string, file: string): UntcImport {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputFileError([{ file, line, message: `not a CSV table: ${(err as Error).message}` }]);
  }
  const header = records[0]?.record ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new InputFileError([{ file, line: 1, message: `missing columns: ${missing.join(', ')} (UNTC status format)` }]);
  const problems: Problem[] = [];
  const rows: UntcRow[] = [];
  const unmapped = new Map<string, number>();
  const instruments = new Set<string>();
  const seen = new Map<string, number>();
  records.slice(1).forEach(({ record: cells, info }) => {
    const line = info.lines;
    const row = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
    const instrument = row.treaty_id.trim();
    if (!instrument) {
      problems.push({ file, line, message: 'empty treaty_id' });
      return;
    }
    instruments.add(instrument);
    const country = untcCountry(row.country_name);
    if (!country) {
      if (!unmapped.has(row.country_name)) unmapped.set(row.country_name, line);
      return;
    }
    const key = `${country}|${instrument}`;
    if (seen.has(key)) {
      problems.push({ file, line, message: `second row for ${row.country_name} / ${instrument} (first at line ${seen.get(key)})` });
      return;
    }
    seen.set(key, line);
    const source = row.source_url?.trim() || `${file}:${line}`;
    rows.push({ line, country, name: row.country_name, instrument, source, actions: rowActions(row, country, source, file, line, problems) });
  });
  if (problems.length > 0) throw new InputFileError(problems);
  return {
    rows,
    instruments: [...instruments].sort(),
    unmapped: [...unmapped].map(([name, line]) => ({ name, line })).sort((a, b) => a.line - b.line),
  };
}
