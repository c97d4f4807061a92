// `spiral scores RUN`: per-country discourse scores from a classified run.
// Streams RUN/utterances.jsonl (runs can hold millions of lines), aggregates
// with src/aggregate, writes RUN/scores/<by>.{csv,json} and prints a table.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { cellsCsv, cellsTable, pressureCsv, pressureTable } from '../../aggregate/format.js';
import { GROUP_BYS, SPEAKER_FILTERS, TARGET_FILTERS, type GroupBy, type SpeakerFilter, type TargetFilter } from '../../aggregate/types.js';
import { aggregateRun, forEachUtterance, recoverRunDir, requireRun, runContentHash, stampRun, writeFileAtomic } from '../../run/index.js';
import { DocumentAccumulator, documentsCsv, documentsTable } from '../../aggregate/documents.js';
import { UsageError, type CliContext } from '../context.js';
import { parsePositiveInt, resolvePath as resolveRun } from '../options.js';

function parseChoice<T extends string>(value: string, choices: readonly T[], option: string): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${[...choices, ...(option === '--by' ? [BY_DOCUMENT] : [])].join(', ')} (got "${value}")`);
  return value as T;
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
  target: string;
  out?: string;
  seed?: string;
  bootstrap?: string;
  ids?: boolean;
}

/**
 * The file stem of the outputs: the grouping, plus the speakers and the target
 * when not the defaults ("country-year-other", "country-period-target-all").
 */
export function outputStem(by: GroupBy, speakers: SpeakerFilter, target: TargetFilter = 'self'): string {
  return [by, ...(speakers === 'self' ? [] : [speakers]), ...(target === 'self' ? [] : [`target-${target}`])].join('-');
}

/** `--by document`: the per-document table (counts and rates per 1,000 words per label), not cells. */
export const BY_DOCUMENT = 'document';

async function runDocumentScores(runArg: string, opts: ScoresOptions, ctx: CliContext): Promise<void> {
  const runDir = resolve(ctx.cwd, runArg);
  const speakers: SpeakerFilter = parseChoice(opts.speakers, SPEAKER_FILTERS, '--speakers');
  const table = new DocumentAccumulator(speakers);
  await forEachUtterance(requireRun(runDir), (u) => table.add(u));
  const rows = table.finish();
  const outDir = opts.out ? resolve(ctx.cwd, opts.out) : join(runDir, 'scores');
  const stem = speakers === 'self' ? BY_DOCUMENT : `${BY_DOCUMENT}-${speakers}`;
  const json = { schema: 'spiral.documents/1', run: runArg, params: { by: BY_DOCUMENT, speakers }, rows };
  await writeFileAtomic(join(outDir, `${stem}.json`), JSON.stringify(json, null, 2) + '\n');
  await writeFileAtomic(join(outDir, `${stem}.csv`), documentsCsv(rows));
  ctx.stdout(documentsTable(rows));
  ctx.stderr(`wrote ${join(outDir, stem)}.{json,csv}\n`);
}

async function runScores(runArg: string, opts: ScoresOptions, ctx: CliContext): Promise<void> {
  if (opts.by === BY_DOCUMENT) return runDocumentScores(runArg, opts, ctx);
  const runDir = resolve(ctx.cwd, runArg);
  const by = parseChoice(opts.by, GROUP_BYS, '--by');
  const period = parsePositiveInt(opts.period, '--period');
  const speakers: SpeakerFilter = parseChoice(opts.speakers, SPEAKER_FILTERS, '--speakers');
  const target: TargetFilter = parseChoice(opts.target, TARGET_FILTERS, '--target');
  requireRun(runDir);
  // Hashed before reading: the outputs record the run they were computed from.
  const runSha256 = await runContentHash(runDir);
  const scores = await aggregateRun(runDir, {
    by,
    period,
    byAudience: Boolean(opts.byAudience),
    speakers,
    target,
    keepIds: Boolean(opts.ids),
    ...(opts.seed !== undefined ? { seed: parseSeed(opts.seed) } : {}),
    ...(opts.bootstrap !== undefined ? { resamples: parsePositiveInt(opts.bootstrap, '--bootstrap') } : {}),
  });
  scores.run = runArg;
  const outDir = opts.out ? resolve(ctx.cwd, opts.out) : join(runDir, 'scores');
  const stem = outputStem(by, speakers, target);
  const stamped = stampRun(scores, runSha256);
  await writeFileAtomic(join(outDir, `${stem}.json`), JSON.stringify(stamped, null, 2) + '\n');
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
    .option(
      '--by <grouping>',
      `cells: ${GROUP_BYS.join(' | ')}; or ${BY_DOCUMENT}: counts and rates per 1,000 words per label for each document`,
      'country-year',
    )
    .option('--period <years>', 'period length for --by country-period (aligned to multiples)', '5')
    .option('--by-audience', 'also report domestic and international cells separately')
    .option('--speakers <who>', 'whose utterances count: self (the State itself), other (other States), all', 'self')
    .option(
      '--target <target>',
      "whose conduct the shares and indices are about: self (the government's own record), other, general (the norms, the UN system), all",
      'self',
    )
    .option('--out <dir>', 'output folder (default RUN/scores)')
    .option('--seed <n>', 'bootstrap seed (default 1999)')
    .option('--bootstrap <n>', 'bootstrap resamples (default 1000)')
    .option('--ids', 'list every relevant utterance id per cell in the JSON')
    .action(async (run: string, opts: ScoresOptions) => {
      await recoverRunDir(resolveRun(ctx, run));
      return runScores(run, opts, ctx);
    });
}
