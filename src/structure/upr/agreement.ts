// Agreement of our recommendation positions with an independent parse of the
// same reports (Terman's recs-from-wg-reports CSVs: text, to, decision, From,
// year). Pure: callers read the files and pass their text.
import { parse } from 'csv-parse/sync';
import { normaliseCountry } from '../../countries.js';
import type { RecommendationPosition } from '../types.js';

export interface IndependentRecommendation {
  reviewed: string; // ISO3
  year: number;
  number: string; // "89.12"
  decision: string; // as written: support | consider | reject | noted | implemented | ...
  line: number; // 1-based record line in its file, for error messages and reports
}

export interface OurRecommendation {
  reviewed: string;
  year: number;
  number: string;
  position?: RecommendationPosition;
}

/** Thrown when the CSV lacks a column the comparison needs. */
export class IndependentCsvError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'IndependentCsvError';
  }
}

/** The independent parse's decisions in our terms; "unknown" and the like have none. */
const DECISION_POSITIONS: Record<string, RecommendationPosition> = {
  support: 'supported',
  implemented: 'supported', // "already implemented or in the process of implementation": accepted
  implement: 'supported',
  consider: 'to_be_examined',
  reject: 'rejected',
  noted: 'noted',
};

export function decisionPosition(decision: string): RecommendationPosition | undefined {
  return DECISION_POSITIONS[decision.trim().toLowerCase()];
}

const LEADING_NUMBER = /^\s*(\d{1,3})\s*\.\s*(\d{1,3})/;

/**
 * Rows of one independent CSV (any line endings). Rows without a recognisable
 * number, State or year are skipped and counted.
 */
export function readIndependentCsv(file: string, csvText: string): { rows: IndependentRecommendation[]; skipped: number } {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    // The files have stray quotes inside fields; relax them rather than reject the file.
    records = parse(csvText, { columns: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new IndependentCsvError(line ? `${file}:${line}` : file, (err as Error).message);
  }
  if (records.length && !('text' in records[0].record && 'to' in records[0].record && 'decision' in records[0].record)) {
    throw new IndependentCsvError(file, 'expected columns text, to, decision, year');
  }
  const rows: IndependentRecommendation[] = [];
  let skipped = 0;
  for (const { record, info } of records) {
    const number = LEADING_NUMBER.exec(record.text ?? '');
    const reviewed = normaliseCountry(record.to ?? '');
    const year = Number(record.year);
    if (!number || !reviewed || !Number.isInteger(year)) {
      skipped++;
      continue;
    }
    rows.push({ reviewed, year, number: `${Number(number[1])}.${Number(number[2])}`, decision: record.decision ?? '', line: info.lines });
  }
  return { rows, skipped };
}

export interface Disagreement {
  key: string; // "KEN 2010 101.3"
  ours?: RecommendationPosition;
  theirs: RecommendationPosition;
}

export interface AgreementReport {
  both: number; // recommendations both sides found (the independent side with a usable decision)
  agree: number;
  rate: number; // agree / both
  onlyOurs: number; // ours, in a report the independent parse covers, not found there
  onlyTheirs: number; // theirs, in a report we parsed, not found by us
  confusion: Record<string, number>; // "ours → theirs" counts of disagreements
  disagreements: Disagreement[];
}

const keyOf = (r: { reviewed: string; year: number; number: string }): string => `${r.reviewed} ${r.year} ${r.number}`;
const reportOf = (r: { reviewed: string; year: number }): string => `${r.reviewed} ${r.year}`;

/** Compare positions where both sides found the same recommendation (State, year, number). */
export function compareRecommendations(ours: readonly OurRecommendation[], theirs: readonly IndependentRecommendation[]): AgreementReport {
  const theirByKey = new Map<string, RecommendationPosition>();
  for (const r of theirs) {
    const position = decisionPosition(r.decision);
    if (position && !theirByKey.has(keyOf(r))) theirByKey.set(keyOf(r), position);
  }
  const ourReports = new Set(ours.map(reportOf));
  const theirReports = new Set(theirs.map(reportOf));
  const ourKeys = new Set(ours.map(keyOf));
  const report: AgreementReport = { both: 0, agree: 0, rate: 0, onlyOurs: 0, onlyTheirs: 0, confusion: {}, disagreements: [] };
  const seen = new Set<string>();
  for (const r of ours) {
    const key = keyOf(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const theirPosition = theirByKey.get(key);
    if (!theirPosition) {
      if (theirReports.has(reportOf(r))) report.onlyOurs++;
      continue;
    }
    report.both++;
    if (r.position === theirPosition) {
      report.agree++;
      continue;
    }
    const pair = `${r.position ?? 'none'} → ${theirPosition}`;
    report.confusion[pair] = (report.confusion[pair] ?? 0) + 1;
    report.disagreements.push({ key, ...(r.position ? { ours: r.position } : {}), theirs: theirPosition });
  }
  for (const key of theirByKey.keys()) {
    const [reviewed, year] = key.split(' ');
    if (!ourKeys.has(key) && ourReports.has(`${reviewed} ${year}`)) report.onlyTheirs++;
  }
  report.rate = report.both ? report.agree / report.both : 0;
  report.disagreements.sort((a, b) => a.key.localeCompare(b.key));
  return report;
}
