// Read a run folder into ReportData: the edge where the report touches files.
// utterances.jsonl and documents.jsonl are streamed; scores and status files
// are read when the run has them, and scores are computed otherwise.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ScoreCell, ScoresFile } from '../aggregate/types.js';
import type { StatusFile, StatusRow } from '../indicators/types.js';
import { aggregateRun } from '../run/aggregate.js';
import { jsonProvenance, provenanceText, runContentHash } from '../run/derived.js';
import { DOCUMENTS_FILE, requireRun, RUN_FILE } from '../run/folder.js';
import { forEachJsonLine } from '../run/jsonl.js';
import { readDocumentLine } from '../run/lines.js';
import { LABELS, type Label } from '../types.js';
import { forEachTargetedUtterance, TARGETS, type Target, type TargetedUtterance } from '../kwic/lines.js';
import { BrowseCollector, DEFAULT_MAX_BROWSE } from './browse-data.js';
import { ReportError } from './errors.js';
import { FlaggedCollector, DEFAULT_FLAGGED_PER_GROUP } from './flagged.js';
import type { DocumentSummary, ReportData, RunSummary, UtteranceSummary, WorldLinePoint, WorldNetRow, WorldTimeRow } from './model.js';
import { buildCountries } from './trajectory.js';

/** Skipped/failed documents listed by name; the rest are counted. */
export const DOCUMENT_PROBLEMS_CAP = 1000;

/** Years per time unit of the charts by default (`spiral report --period`). */
export const DEFAULT_REPORT_PERIOD = 5;

/** The scores file of the charts' grouping, used when the run has one (written by `spiral scores`, default speakers). */
export function scoresFileFor(period: number): string {
  return join('scores', period === 1 ? 'country-year-target-all.json' : 'country-period-target-all.json');
}

/** Status files looked for (written by `spiral status`): the one of the charts' grouping first, then any. */
export function statusFilesFor(period: number): string[] {
  const own = join('status', period === 1 ? 'country-year.json' : 'country-period.json');
  return [own, 'status.json', ...[join('status', 'country-year.json'), join('status', 'country-period.json')].filter((f) => f !== own)];
}

/** World-time inputs looked for in the run folder when --world is not given. */
export const WORLD_FILES = ['world-time.csv', 'world-time.json'];

export interface LoadOptions {
  /** Quoted flagged utterances per flag and country (the Markdown summary). */
  maxFlagged?: number;
  /** The run folder as the user named it (for the report's text); defaults to the path. */
  displayName?: string;
  /** Years per time unit of the charts (1: yearly); default DEFAULT_REPORT_PERIOD. */
  period?: number;
  /** Utterances the browse view holds at most. */
  maxBrowse?: number;
  /** Countries per phase and year for the world-time chart (CSV or JSON: year, phase, n_countries). */
  worldFile?: string;
}

async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function readLexicon(value: unknown): RunSummary['lexicon'] {
  const l = asRecord(value);
  if (typeof l.name !== 'string') return null;
  return { name: l.name, version: String(l.version ?? ''), hash: String(l.hash ?? '') };
}

/** run.json is read leniently: a run without it (or an older one) still gets a report. */
async function readRunSummary(runDir: string, displayName: string, warnings: string[]): Promise<RunSummary> {
  const file = join(runDir, RUN_FILE);
  if (!existsSync(file)) {
    warnings.push(`${file}: missing; the run summary is incomplete`);
    return { dir: displayName, lexicon: null, inputs: [], counts: {}, warnings: [], elapsedMs: null };
  }
  const run = asRecord(await readJsonFile(file));
  const options = asRecord(run.options);
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(asRecord(run.counts))) if (typeof v === 'number') counts[k] = v;
  const elapsed = asRecord(run.timings).elapsed_ms;
  return {
    dir: displayName,
    lexicon: readLexicon(run.lexicon),
    inputs: Array.isArray(options.inputs) ? options.inputs.map(String) : [],
    counts,
    warnings: Array.isArray(run.warnings) ? run.warnings.map(String) : [],
    elapsedMs: typeof elapsed === 'number' ? elapsed : null,
  };
}

async function readDocuments(runDir: string, warnings: string[]): Promise<DocumentSummary> {
  const summary: DocumentSummary = { ok: 0, skipped: 0, failed: 0, problems: [], problemsLeftOut: 0 };
  const file = join(runDir, DOCUMENTS_FILE);
  if (!existsSync(file)) {
    warnings.push(`${file}: missing; skipped and failed files are not listed`);
    return summary;
  }
  await forEachJsonLine(file, (value) => {
    const d = readDocumentLine(value);
    summary[d.status]++;
    if (d.status === 'ok') return;
    if (summary.problems.length >= DOCUMENT_PROBLEMS_CAP) {
      summary.problemsLeftOut++;
      return;
    }
    summary.problems.push({ id: d.id, path: d.path, status: d.status, reason: d.reason });
  });
  return summary;
}

function isScoresFile(value: unknown): value is ScoresFile {
  const v = asRecord(value);
  return v.schema === 'spiral.scores/1' && Array.isArray(v.cells);
}

function isStatusFile(value: unknown): value is StatusFile {
  const v = asRecord(value);
  return v.schema === 'spiral.status/1' && Array.isArray(v.rows);
}

/**
 * Whether a scores or status file may be shown with this run: one made from
 * another run is not (the caller says what it does instead); one that does
 * not say which run it came from is, with a warning.
 */
function fromThisRun(file: string, value: unknown, runSha256: string, instead: string, warnings: string[]): boolean {
  const p = jsonProvenance(value, runSha256);
  if (p.kind === 'this-run') return true;
  if (p.kind === 'other-run') {
    warnings.push(`${file}: ${provenanceText(p, runSha256)}; ${instead}`);
    return false;
  }
  warnings.push(`${file}: ${provenanceText(p, runSha256)}; shown, but it may be stale — ${instead.replace(/^.*?(run spiral)/, '$1')}`);
  return true;
}

/** The run's scores file of the charts' grouping, when it is one (same period, the State's own utterances, every target) and of this run. */
async function readScores(runDir: string, period: number, runSha256: string, warnings: string[]): Promise<ScoresFile | null> {
  const name = scoresFileFor(period);
  const file = join(runDir, name);
  if (!existsSync(file)) return null;
  const value = await readJsonFile(file);
  if (!isScoresFile(value)) {
    warnings.push(`${file}: not a spiral.scores/1 file; scores computed from the utterances instead`);
    return null;
  }
  const p = value.params;
  const matches = period === 1 ? p?.by === 'country-year' : p?.by === 'country-period' && p.period === period;
  // The charts show all of a State's relevant talk: a scores file over one target (spiral scores' default, self) is not theirs.
  if (!matches || (p.speakers ?? 'self') !== 'self' || (p.target ?? 'all') !== 'all') return null;
  return fromThisRun(file, value, runSha256, 'scores computed from the utterances instead (run spiral scores again to refresh it)', warnings) ? value : null;
}

async function readStatus(runDir: string, period: number, runSha256: string, warnings: string[]): Promise<{ file: string; rows: StatusRow[] } | null> {
  for (const name of statusFilesFor(period)) {
    const file = join(runDir, name);
    if (!existsSync(file)) continue;
    const value = await readJsonFile(file);
    if (!isStatusFile(value)) {
      warnings.push(`${file}: not a spiral.status/1 file; ignored`);
      continue;
    }
    if (!fromThisRun(file, value, runSha256, 'phases and indicators not shown (run spiral status again)', warnings)) continue;
    const unit = value.by === 'country-year' ? 1 : value.period;
    if (unit !== null && unit !== undefined && unit !== period)
      warnings.push(
        `${name} is by ${unit === 1 ? 'year' : `${unit}-year period`}; the phase bands show its units (run spiral status --by ${period === 1 ? 'country-year' : `country-period --period ${period}`} for the charts' own)`,
      );
    return { file: name, rows: value.rows };
  }
  return null;
}

function worldRow(r: Record<string, unknown>, where: string): WorldTimeRow {
  const year = Number(r.year);
  const n = Number(r.n_countries);
  const phase = String(r.phase ?? '').trim();
  if (!Number.isInteger(year) || !Number.isFinite(n) || phase === '') throw new ReportError(`${where}: needs year (integer), phase and n_countries (number)`);
  return { year, phase, n_countries: n };
}

/** The world-time input: CSV with a header (year, phase, n_countries), or JSON (an array of such objects, or {rows: [...]}). */
export async function readWorldTime(file: string): Promise<WorldTimeRow[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new ReportError(`${file}: cannot read the world-time file (${err.code ?? err.message})`);
  });
  if (/\.json$/i.test(file)) {
    const value = asRecord(JSON.parse(text)).rows ?? JSON.parse(text);
    if (!Array.isArray(value)) throw new ReportError(`${file}: expected an array of {year, phase, n_countries}`);
    return value.map((r, i) => worldRow(asRecord(r), `${file}: row ${i + 1}`));
  }
  let records: Array<Record<string, unknown>>;
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, unknown>>;
  } catch (err) {
    throw new ReportError(`${file}: not a readable CSV (${(err as Error).message})`);
  }
  return records.map((r, i) => worldRow(r, `${file}:${i + 2}`));
}

/** The median self-referential net score by year: world-net.csv beside the world-time file, when there is one. */
export async function readWorldNet(worldFile: string): Promise<WorldNetRow[]> {
  const file = join(dirname(worldFile), 'world-net.csv');
  if (!existsSync(file)) return [];
  const records = parseCsv(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, string>>;
  const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
  return records
    .map((r) => ({ year: Number(r.year), median_net: num(r.median_net), low: num(r.median_net_low), high: num(r.median_net_high) }))
    .filter((r): r is WorldNetRow => Number.isInteger(r.year) && r.median_net !== null);
}

/** The book's eleven countries (codebook §1): their lines are drawn over the world when the run has many countries. */
export const BOOK_COUNTRIES = ['CHL', 'CSK', 'GTM', 'IDN', 'KEN', 'MAR', 'PHL', 'POL', 'TUN', 'UGA', 'ZAF'];
/** Runs with at most this many countries draw every country's line; larger ones the book countries'. */
export const WORLD_LINES_MAX_COUNTRIES = 12;

/** The run's countries' self-referential net score by year, from status/country-year.json (rows with enough evidence). */
async function readWorldLines(runDir: string): Promise<WorldLinePoint[]> {
  const file = join(runDir, 'status', 'country-year.json');
  if (!existsSync(file)) return [];
  const value = await readJsonFile(file);
  if (!isStatusFile(value)) return [];
  const rows = value.rows.filter((r) => r.year !== null && r.self && !r.insufficient_evidence && r.self.net !== null);
  const countries = new Set(rows.map((r) => r.country));
  const keep = countries.size <= WORLD_LINES_MAX_COUNTRIES ? countries : new Set(BOOK_COUNTRIES);
  return rows.filter((r) => keep.has(r.country)).map((r) => ({ country: r.country, year: r.year!, net: r.self.net! }));
}

async function readWorld(runDir: string, worldFile: string | undefined): Promise<ReportData['world']> {
  const file = worldFile ?? WORLD_FILES.map((f) => join(runDir, f)).find((f) => existsSync(f));
  if (!file) return null;
  return { source: file, rows: await readWorldTime(file), net: await readWorldNet(file), lines: await readWorldLines(runDir) };
}

function emptyLabelCounts(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
}

interface UtterancePass {
  summary: UtteranceSummary;
  flagged: FlaggedCollector;
  browse: BrowseCollector;
  /** Relevant utterances of each country's own speakers, by target; only when some line has a target. */
  targets: Map<string, Record<Target, number>>;
  cells: ScoreCell[] | null;
  notCharted: { noCountry: number; noYear: number };
}

interface PassOptions {
  maxFlagged: number;
  maxBrowse: number;
  period: number;
  computeScores: boolean;
}

/** One pass over utterances.jsonl: counts, flagged selection, browse data, targets and (when the run has no scores file) the scores. */
async function readUtterances(runDir: string, file: string, o: PassOptions): Promise<UtterancePass> {
  const summary: UtteranceSummary = { total: 0, relevant: 0, byLabel: emptyLabelCounts() };
  const flagged = new FlaggedCollector(o.maxFlagged);
  const browse = new BrowseCollector(o.period, o.maxBrowse);
  const targets = new Map<string, Record<Target, number>>();
  const visit = (u: TargetedUtterance) => {
    summary.total++;
    summary.byLabel[u.label]++;
    if (u.relevant) summary.relevant++;
    flagged.add(u);
    browse.add(u);
    if (u.target !== null && u.relevant && u.country !== null && u.speaker_role === 'self') {
      let t = targets.get(u.country);
      if (!t) targets.set(u.country, (t = Object.fromEntries(TARGETS.map((x) => [x, 0])) as Record<Target, number>));
      t[u.target]++;
    }
  };
  const pass = { summary, flagged, browse, targets };
  if (!o.computeScores) {
    await forEachTargetedUtterance(file, visit);
    return { ...pass, cells: null, notCharted: { noCountry: 0, noYear: 0 } };
  }
  const grouping = o.period === 1 ? { by: 'country-year' as const } : { by: 'country-period' as const, period: o.period };
  const scores = await aggregateRun(runDir, { ...grouping, target: 'all' }, visit);
  return { ...pass, cells: scores.cells, notCharted: { noCountry: scores.skipped.no_country, noYear: scores.skipped.no_year } };
}

export async function loadReportData(runDir: string, options: LoadOptions = {}): Promise<ReportData> {
  const utterancesFile = requireRun(runDir);
  const warnings: string[] = [];
  const runSha256 = await runContentHash(runDir);
  const run = { ...(await readRunSummary(runDir, options.displayName ?? runDir, warnings)), contentSha256: runSha256 };
  const period = options.period ?? DEFAULT_REPORT_PERIOD;
  const documents = await readDocuments(runDir, warnings);
  const scores = await readScores(runDir, period, runSha256, warnings);
  const status = await readStatus(runDir, period, runSha256, warnings);
  const world = await readWorld(runDir, options.worldFile);
  const pass = await readUtterances(runDir, utterancesFile, {
    maxFlagged: options.maxFlagged ?? DEFAULT_FLAGGED_PER_GROUP,
    maxBrowse: options.maxBrowse ?? DEFAULT_MAX_BROWSE,
    period,
    computeScores: scores === null,
  });
  const cells = scores?.cells ?? pass.cells ?? [];
  const notCharted = scores ? { noCountry: scores.skipped.no_country, noYear: scores.skipped.no_year } : pass.notCharted;
  const unit = period === 1 ? 'country-year' : `country-period, ${period} years`;
  return {
    run,
    documents,
    utterances: pass.summary,
    countries: buildCountries(cells, status?.rows ?? [], pass.targets),
    scoresSource: scores ? scoresFileFor(period) : `computed from utterances.jsonl (${unit}, the State's own utterances)`,
    statusSource: status?.file ?? null,
    notCharted,
    flagged: pass.flagged.finish(),
    period,
    browse: pass.browse.finish(),
    world,
    warnings,
  };
}
