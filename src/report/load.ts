// Read a run folder into ReportData: the edge where the report touches files.
// utterances.jsonl and documents.jsonl are streamed; scores and status files
// are read when the run has them, and scores are computed otherwise.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScoreCell, ScoresFile } from '../aggregate/types.js';
import type { StatusFile, StatusRow } from '../indicators/types.js';
import { aggregateRun, forEachUtterance } from '../run/aggregate.js';
import { jsonProvenance, provenanceText, runContentHash } from '../run/derived.js';
import { DOCUMENTS_FILE, requireRun, RUN_FILE } from '../run/folder.js';
import { forEachJsonLine } from '../run/jsonl.js';
import { readDocumentLine, type UtteranceLine } from '../run/lines.js';
import { LABELS, type Label } from '../types.js';
import { ReportError } from './errors.js';
import { FlaggedCollector, DEFAULT_FLAGGED_PER_GROUP } from './flagged.js';
import type { DocumentSummary, ReportData, RunSummary, UtteranceSummary } from './model.js';
import { buildCountries } from './trajectory.js';

/** Skipped/failed documents listed by name; the rest are counted. */
export const DOCUMENT_PROBLEMS_CAP = 1000;

/** Scores file the charts use when the run has one (written by `spiral scores`, default grouping and speakers). */
export const SCORES_FILE = join('scores', 'country-year.json');

/** Status files looked for, first found wins (written by `spiral status`). */
export const STATUS_FILES = ['status.json', join('status', 'country-year.json'), join('status', 'country-period.json')];

export interface LoadOptions {
  /** Shown flagged utterances per flag and country. */
  maxFlagged?: number;
  /** The run folder as the user named it (for the report's text); defaults to the path. */
  displayName?: string;
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

async function readScores(runDir: string, runSha256: string, warnings: string[]): Promise<ScoresFile | null> {
  const file = join(runDir, SCORES_FILE);
  if (!existsSync(file)) return null;
  const value = await readJsonFile(file);
  if (!isScoresFile(value) || value.params?.by !== 'country-year') {
    warnings.push(`${file}: not a spiral.scores/1 country-year file; scores computed from the utterances instead`);
    return null;
  }
  return fromThisRun(file, value, runSha256, 'scores computed from the utterances instead (run spiral scores again to refresh it)', warnings) ? value : null;
}

async function readStatus(runDir: string, runSha256: string, warnings: string[]): Promise<{ file: string; rows: StatusRow[] } | null> {
  for (const name of STATUS_FILES) {
    const file = join(runDir, name);
    if (!existsSync(file)) continue;
    const value = await readJsonFile(file);
    if (!isStatusFile(value)) {
      warnings.push(`${file}: not a spiral.status/1 file; ignored`);
      continue;
    }
    if (fromThisRun(file, value, runSha256, 'phases and indicators not shown (run spiral status again)', warnings)) return { file: name, rows: value.rows };
  }
  return null;
}

function emptyLabelCounts(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
}

interface UtterancePass {
  summary: UtteranceSummary;
  flagged: FlaggedCollector;
  cells: ScoreCell[] | null;
  notCharted: { noCountry: number; noYear: number };
}

/** One pass over utterances.jsonl: counts, flagged selection and (when the run has no scores file) the scores. */
async function readUtterances(runDir: string, file: string, maxFlagged: number, computeScores: boolean): Promise<UtterancePass> {
  const summary: UtteranceSummary = { total: 0, relevant: 0, byLabel: emptyLabelCounts() };
  const flagged = new FlaggedCollector(maxFlagged);
  const visit = (u: UtteranceLine) => {
    summary.total++;
    summary.byLabel[u.label]++;
    if (u.relevant) summary.relevant++;
    flagged.add(u);
  };
  if (!computeScores) {
    await forEachUtterance(file, visit);
    return { summary, flagged, cells: null, notCharted: { noCountry: 0, noYear: 0 } };
  }
  const scores = await aggregateRun(runDir, { by: 'country-year' }, visit);
  return { summary, flagged, cells: scores.cells, notCharted: { noCountry: scores.skipped.no_country, noYear: scores.skipped.no_year } };
}

export async function loadReportData(runDir: string, options: LoadOptions = {}): Promise<ReportData> {
  const utterancesFile = requireRun(runDir);
  const warnings: string[] = [];
  const runSha256 = await runContentHash(runDir);
  const run = { ...(await readRunSummary(runDir, options.displayName ?? runDir, warnings)), contentSha256: runSha256 };
  const documents = await readDocuments(runDir, warnings);
  const scores = await readScores(runDir, runSha256, warnings);
  const status = await readStatus(runDir, runSha256, warnings);
  const pass = await readUtterances(runDir, utterancesFile, options.maxFlagged ?? DEFAULT_FLAGGED_PER_GROUP, scores === null);
  const cells = scores?.cells ?? pass.cells ?? [];
  const notCharted = scores ? { noCountry: scores.skipped.no_country, noYear: scores.skipped.no_year } : pass.notCharted;
  return {
    run,
    documents,
    utterances: pass.summary,
    countries: buildCountries(cells, status?.rows ?? []),
    scoresSource: scores ? SCORES_FILE : "computed from utterances.jsonl (country-year, the State's own utterances)",
    statusSource: status?.file ?? null,
    notCharted,
    flagged: pass.flagged.finish(),
    warnings,
  };
}
