// `spiral scores RUN`: per-country discourse scores from a classified run.
// Streams RUN/utterances.jsonl (runs can hold millions of lines), aggregates
// with src/aggregate, writes RUN/scores/<by>.{csv,json} and prints a table.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { recoverRunDir } from '../../pipeline/run-dir.js';
import { resolvePath as resolveRun } from '../options.js';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Aggregator, RecordError, toCountable, type AggregateOptions, type RecommendationFact } from '../../aggregate/index.js';
import { cellsCsv, cellsTable, pressureCsv, pressureTable } from '../../aggregate/format.js';
import { GROUP_BYS, SPEAKER_FILTERS, type GroupBy, type ScoresFile, type SpeakerFilter } from '../../aggregate/types.js';
import { normaliseCountry } from '../../meta/countries.js';
import { UsageError, type CliContext } from '../context.js';

/** Write a file through a temporary name and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}

/** Call `onLine` with every non-blank line of a text file and its 1-based line number. */
export async function forEachLine(file: string, onLine: (line: string, lineNo: number) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() !== '') onLine(line, lineNo);
  }
}

function parseJsonLine(file: string, line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError(`${file}:${lineNo}: not valid JSON (a truncated run? re-run spiral classify)`);
  }
}

/** Check the run folder and return the path of its utterances file. */
export function runUtterancesFile(runDir: string): string {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new UsageError(`run folder not found: ${runDir}`);
  const file = join(runDir, 'utterances.jsonl');
  if (!existsSync(file)) throw new UsageError(`${file}: missing — is ${runDir} a folder written by spiral classify?`);
  return file;
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) if (typeof record[k] === 'string' && record[k] !== '') return record[k] as string;
  return null;
}

/**
 * Read one line of recommendations.jsonl (src/pipeline/process.ts RecommendationRecord:
 * reviewed, recommending[], number, doc, year), leniently about field names.
 */
export function toRecommendation(value: unknown, fallbackId: string): RecommendationFact | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const rawCountry = firstString(r, ['reviewed', 'country', 'state_under_review', 'reviewed_state']);
  const country = rawCountry ? (normaliseCountry(rawCountry) ?? rawCountry) : null;
  if (!country) return null;
  const yearText = typeof r.year === 'number' ? String(r.year) : firstString(r, ['date', 'year']);
  const year = yearText && /^\d{4}/.test(yearText) ? Number(yearText.slice(0, 4)) : null;
  const fromField = r.recommending ?? r.recommending_states ?? r.from ?? r.speakers ?? r.speaker;
  const fromList = Array.isArray(fromField) ? fromField : typeof fromField === 'string' ? [fromField] : [];
  const from = fromList.filter((s): s is string => typeof s === 'string').map((s) => normaliseCountry(s) ?? s);
  const doc = firstString(r, ['doc']);
  const number = firstString(r, ['number']);
  const id = firstString(r, ['id']) ?? (doc && number ? `${doc}#${number}` : fallbackId);
  return { id, country, year, from };
}

/** Aggregate a run folder: stream utterances (and recommendations if present). */
export async function aggregateRun(runDir: string, options: Partial<AggregateOptions>): Promise<ScoresFile> {
  const file = runUtterancesFile(runDir);
  const aggregator = new Aggregator(options);
  await forEachLine(file, (line, lineNo) => {
    try {
      aggregator.add(toCountable(parseJsonLine(file, line, lineNo)));
    } catch (err) {
      if (err instanceof RecordError) throw new UsageError(`${file}:${lineNo}: ${err.message}`);
      throw err;
    }
  });
  const recsFile = join(runDir, 'recommendations.jsonl');
  if (existsSync(recsFile)) {
    let unreadable = 0;
    await forEachLine(recsFile, (line, lineNo) => {
      const rec = toRecommendation(parseJsonLine(recsFile, line, lineNo), `recommendations.jsonl:${lineNo}`);
      if (rec) aggregator.addRecommendation(rec);
      else unreadable++;
    });
    if (unreadable > 0) aggregator.warn(`${recsFile}: ${unreadable} recommendations without a reviewed State were not counted`);
  }
  return aggregator.finish(runDir);
}

function parseChoice<T extends string>(value: string, choices: readonly T[], option: string): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${choices.join(', ')} (got "${value}")`);
  return value as T;
}

export function parsePositiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} must be a positive integer (got "${value}")`);
  return Number(value);
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--seed must be a non-negative integer (got "${value}")`);
  return Number(value);
}

interface ScoresOptions {
  by: string;
  period: string;
  byAudience?: boolean;
  speakers: string;
  out?: string;
  seed?: string;
  bootstrap?: string;
  ids?: boolean;
}

/** The file stem of the outputs: the grouping, plus the speakers when not the default ("country-year-other"). */
export function outputStem(by: GroupBy, speakers: SpeakerFilter): string {
  return speakers === 'self' ? by : `${by}-${speakers}`;
}

async function runScores(runArg: string, opts: ScoresOptions, ctx: CliContext): Promise<void> {
  const runDir = resolve(ctx.cwd, runArg);
  const by = parseChoice(opts.by, GROUP_BYS, '--by');
  const period = parsePositiveInt(opts.period, '--period');
  const speakers: SpeakerFilter = parseChoice(opts.speakers, SPEAKER_FILTERS, '--speakers');
  const scores = await aggregateRun(runDir, {
    by,
    period,
    byAudience: Boolean(opts.byAudience),
    speakers,
    keepIds: Boolean(opts.ids),
    ...(opts.seed !== undefined ? { seed: parseSeed(opts.seed) } : {}),
    ...(opts.bootstrap !== undefined ? { resamples: parsePositiveInt(opts.bootstrap, '--bootstrap') } : {}),
  });
  scores.run = runArg;
  const outDir = opts.out ? resolve(ctx.cwd, opts.out) : join(runDir, 'scores');
  const stem = outputStem(by, speakers);
  await writeFileAtomic(join(outDir, `${stem}.json`), JSON.stringify(scores, null, 2) + '\n');
  await writeFileAtomic(join(outDir, `${stem}.csv`), cellsCsv(scores.cells));
  await writeFileAtomic(join(outDir, `${stem}-pressure.csv`), pressureCsv(scores.pressure));
  ctx.stdout(cellsTable(scores.cells));
  if (scores.pressure.length > 0) {
    ctx.stdout(`\npressure from other States (critical comments / recommendations):\n`);
    ctx.stdout(pressureTable(scores.pressure));
  }
  for (const w of scores.warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stderr(`wrote ${join(outDir, stem)}.{json,csv} and ${stem}-pressure.csv\n`);
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('scores')
    .description('Discourse scores per country (and year or period) from a classified run, with bootstrap intervals')
    .argument('<run>', 'run folder written by spiral classify')
    .option('--by <grouping>', `cells: ${GROUP_BYS.join(' | ')}`, 'country-year')
    .option('--period <years>', 'period length for --by country-period (aligned to multiples)', '5')
    .option('--by-audience', 'also report domestic and international cells separately')
    .option('--speakers <who>', 'whose utterances count: self (the State itself), other (other States), all', 'self')
    .option('--out <dir>', 'output folder (default RUN/scores)')
    .option('--seed <n>', 'bootstrap seed (default 1999)')
    .option('--bootstrap <n>', 'bootstrap resamples (default 1000)')
    .option('--ids', 'list every relevant utterance id per cell in the JSON')
    .action(async (run: string, opts: ScoresOptions) => {
      await recoverRunDir(resolveRun(ctx, run));
      return runScores(run, opts, ctx);
    });
}
