// Deeds: country-year practice scores that judge phase 5 (words matched by
// behaviour). Four formats, recognised by their header:
//   PTS      Political Terror Scale: PTS_A, PTS_H, PTS_S (1 best – 5 worst), COW_Code_N
//   CIRIGHTS physint_sum (0 worst – 8 best), cow, iso_a3
//   CIRI     legacy CIRI: DISAP, KILL, POLPRIS, TORT (0–2 each), COW, CTRY
//   Fariss   latent protection scores: theta_mean (higher = more respect), COW
// Pure: takes decoded text (the loader handles Latin-1, BOMs and CR endings).
import { parse } from 'csv-parse/sync';
import { normaliseCountry } from '../countries.js';
import * as T from '../aggregate/thresholds.js';
import { cowToIso3 } from './cow.js';
import { InputFileError } from './errors.js';
import type { DeedsFormat, DeedsScore } from './types.js';

type Row = Record<string, string>;

interface FormatSpec {
  format: DeedsFormat;
  detect: (header: readonly string[]) => boolean;
  measure: string;
  better: 'lower' | 'higher';
  threshold: number;
  yearColumn: string;
  /** Columns that identify the country, for reporting rows that cannot be mapped. */
  idColumns: string[];
  value: (row: Row) => number | null;
  country: (row: Row, year: number) => string | undefined;
}

/** A number, or null for the missing-value codes these data sets use (NA, empty, negative CIRI codes like -77, -999). */
function numberOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === '' || /^(NA|N\/A|\.)$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** CIRI items score 0 (frequent violations) to 2 (none); other values (-77, -66, -999) are missing-data codes. */
const CIRI_ITEM_RANGE = [0, 2] as const;

function validCiriItem(text: string | undefined): number | null {
  const n = numberOrNull(text);
  return n !== null && n >= CIRI_ITEM_RANGE[0] && n <= CIRI_ITEM_RANGE[1] ? n : null;
}

function mean(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** COW code first (year-aware), then an ISO-like code column, then the name. */
function countryFrom(row: Row, year: number, cowColumn: string, codeColumn: string | null, nameColumn: string | null): string | undefined {
  const cow = numberOrNull(row[cowColumn]);
  if (cow !== null) {
    const iso = cowToIso3(cow, year);
    if (iso) return iso;
  }
  if (codeColumn && row[codeColumn] && row[codeColumn] !== 'NA') {
    const iso = normaliseCountry(row[codeColumn]);
    if (iso) return iso;
  }
  return nameColumn && row[nameColumn] ? normaliseCountry(row[nameColumn]) : undefined;
}

const FORMATS: FormatSpec[] = [
  {
    format: 'fariss',
    detect: (h) => h.includes('theta_mean'),
    measure: 'Fariss latent protection theta_mean (higher = more respect)',
    better: 'higher',
    threshold: T.FARISS_MIN_THETA,
    yearColumn: 'YEAR',
    idColumns: ['COW', 'country_name'],
    value: (r) => numberOrNull(r.theta_mean),
    country: (r, y) => countryFrom(r, y, 'COW', null, 'country_name'),
  },
  {
    format: 'cirights',
    detect: (h) => h.includes('physint_sum'),
    measure: 'CIRIGHTS physint_sum (0 worst - 8 best)',
    better: 'higher',
    threshold: T.CIRIGHTS_MIN_PHYSINT,
    yearColumn: 'year',
    idColumns: ['cow', 'iso_a3', 'country'],
    value: (r) => numberOrNull(r.physint_sum),
    country: (r, y) => countryFrom(r, y, 'cow', 'iso_a3', 'country'),
  },
  {
    format: 'pts',
    detect: (h) => h.includes('PTS_A') || h.includes('PTS_S'),
    measure: 'PTS mean of Amnesty/HRW/State Dept scores (1 best - 5 worst)',
    better: 'lower',
    threshold: T.PTS_MAX_SCORE,
    yearColumn: 'Year',
    idColumns: ['COW_Code_N', 'WordBank_Code_A', 'Country'],
    value: (r) => mean([numberOrNull(r.PTS_A), numberOrNull(r.PTS_H), numberOrNull(r.PTS_S)]),
    country: (r, y) => countryFrom(r, y, 'COW_Code_N', 'WordBank_Code_A', 'Country'),
  },
  {
    format: 'ciri',
    detect: (h) => ['DISAP', 'KILL', 'POLPRIS', 'TORT'].every((c) => h.includes(c)) && h.includes('CTRY'),
    measure: 'CIRI DISAP+KILL+POLPRIS+TORT (0 worst - 8 best)',
    better: 'higher',
    threshold: T.CIRI_MIN_PHYSINT,
    yearColumn: 'YEAR',
    idColumns: ['COW', 'CTRY'],
    value: (r) => {
      const items = [r.DISAP, r.KILL, r.POLPRIS, r.TORT].map(validCiriItem);
      return items.every((v) => v !== null) ? (items as number[]).reduce((a, b) => a + b, 0) : null;
    },
    country: (r, y) => countryFrom(r, y, 'COW', null, 'CTRY'),
  },
];

export interface DeedsTable {
  format: DeedsFormat;
  measure: string;
  better: 'lower' | 'higher';
  threshold: number;
  /** country → year → score. */
  scores: Map<string, Map<number, DeedsScore>>;
  /** Rows with a value whose country could not be identified (first line of each name). */
  unmapped: string[];
  warnings: string[];
}

/** Which format a header is, or null. */
export function detectDeedsFormat(header: readonly string[]): DeedsFormat | null {
  return FORMATS.find((f) => f.detect(header))?.format ?? null;
}

export function meetsThreshold(value: number, better: 'lower' | 'higher', threshold: number): boolean {
  return better === 'lower' ? value <= threshold : value >= threshold;
}

/** Parse a deeds table (decoded text, any line endings). Throws InputFileError naming the file. */
export function parseDeeds(text: string, file: string): DeedsTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      skip_empty_lines: true,
      info: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new InputFileError([{ file, line: (err as { lines?: number }).lines, message: `not a CSV table: ${(err as Error).message}` }]);
  }
  const header = (records[0]?.record ?? []).map((h) => h.trim());
  const spec = FORMATS.find((f) => f.detect(header));
  if (!spec) {
    throw new InputFileError([
      {
        file,
        line: 1,
        message:
          'unknown deeds format: expected PTS (PTS_A/PTS_S), CIRIGHTS (physint_sum), CIRI (CTRY, DISAP, KILL, POLPRIS, TORT) or Fariss (theta_mean) columns',
      },
    ]);
  }
  const table: DeedsTable = {
    format: spec.format,
    measure: spec.measure,
    better: spec.better,
    threshold: spec.threshold,
    scores: new Map(),
    unmapped: [],
    warnings: [],
  };
  const unmapped = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const row: Row = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
    const year = numberOrNull(row[spec.yearColumn]);
    const value = spec.value(row);
    if (year === null || value === null) continue;
    const country = spec.country(row, year);
    if (!country) {
      const name = spec.idColumns.map((c) => `${c} ${row[c] ?? ''}`.trim()).join(', ');
      if (!unmapped.has(name)) unmapped.set(name, info.lines);
      continue;
    }
    addScore(
      table,
      {
        country,
        year,
        format: spec.format,
        measure: spec.measure,
        value,
        meets: meetsThreshold(value, spec.better, spec.threshold),
        threshold: spec.threshold,
        better: spec.better,
        line: info.lines,
      },
      file,
    );
  }
  table.unmapped = [...unmapped].map(([name, line]) => `${file}:${line}: ${name}`);
  return table;
}

function addScore(table: DeedsTable, score: DeedsScore, file: string): void {
  let years = table.scores.get(score.country);
  if (!years) {
    years = new Map();
    table.scores.set(score.country, years);
  }
  const first = years.get(score.year);
  if (first) {
    table.warnings.push(`${file}:${score.line}: second score for ${score.country} ${score.year} ignored (first at line ${first.line})`);
    return;
  }
  years.set(score.year, score);
}
