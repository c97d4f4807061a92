// `spiral status RUN --facts DIR [--deeds FILE] [--era FILE] [--world]`: the four
// prescriptive-status indicators and a phase estimate per country and year (or
// period), read from the government's moves about its own conduct; with
// --world, countries per phase and the median self-referential net score by year.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import * as T from '../../aggregate/thresholds.js';
import { buildEraReference, type EraReference } from '../../indicators/era.js';
import { yearRecords } from '../../indicators/evidence.js';
import { onsetsTable, statusCsv, statusTable } from '../../indicators/format.js';
import { loadDeeds } from '../../indicators/load-deeds.js';
import { loadEra } from '../../indicators/load-era.js';
import { loadFactsDir } from '../../indicators/load-facts.js';
import { buildStatus, type StatusInputs } from '../../indicators/status.js';
import { buildWorld, worldNetCsv, worldTimeCsv } from '../../indicators/world.js';
import { aggregateRun, recoverRunDir, requireRun, runContentHash, stampRun, writeFileAtomic } from '../../run/index.js';
import { UsageError, type CliContext } from '../context.js';
import { parsePositiveInt, resolvePath as resolveRun } from '../options.js';
import type { ScoresFile } from '../../aggregate/types.js';

interface StatusOptions {
  facts: string;
  deeds?: string;
  era?: string;
  world?: boolean;
  by: string;
  period: string;
  out?: string;
  bootstrap?: string;
}

const STATUS_BYS = ['country-year', 'country-period'] as const;

/** The era table: --era FILE; else the run itself when it covers the world; else the bundled table. */
function chooseEra(scores: ScoresFile, file: string | undefined): { era: EraReference; note: string } {
  if (file) return { era: loadEra(file), note: `era reference: ${file}` };
  const years = [...yearRecords(scores).values()].flat();
  const countries = new Set(years.map((y) => y.country)).size;
  if (countries >= T.WORLD_MIN_COUNTRIES) return { era: buildEraReference(years, 'run'), note: `era reference: the run itself (${countries} countries)` };
  return { era: loadEra(), note: `era reference: the bundled table (the run has ${countries} countries < ${T.WORLD_MIN_COUNTRIES})` };
}

async function runStatus(runArg: string, opts: StatusOptions, ctx: CliContext): Promise<void> {
  if (!(STATUS_BYS as readonly string[]).includes(opts.by)) throw new UsageError(`--by must be one of ${STATUS_BYS.join(', ')} (got "${opts.by}")`);
  const by = opts.by as (typeof STATUS_BYS)[number];
  const period = parsePositiveInt(opts.period, '--period');
  const resamples = opts.bootstrap !== undefined ? parsePositiveInt(opts.bootstrap, '--bootstrap') : T.BOOTSTRAP_RESAMPLES;
  const runDir = resolve(ctx.cwd, runArg);
  const factsDir = resolve(ctx.cwd, opts.facts);
  const facts = loadFactsDir(factsDir);
  const deedsFile = opts.deeds ? resolve(ctx.cwd, opts.deeds) : null;
  const deeds = deedsFile ? loadDeeds(deedsFile) : null;
  const eraFile = opts.era ? resolve(ctx.cwd, opts.era) : undefined;
  requireRun(runDir);
  // Hashed before reading: the outputs record the run they were computed from.
  const runSha256 = await runContentHash(runDir);
  const scores = await aggregateRun(runDir, { by: 'country-year', byAudience: true, speakers: 'self', target: 'self', resamples });
  scores.run = runArg;
  const { era, note } = chooseEra(scores, eraFile);
  const inputs: StatusInputs = { scores, by, period, facts, factsDir: opts.facts, deeds, deedsFile: opts.deeds ?? null, era, resamples };
  const status = buildStatus(inputs);
  const outDir = opts.out ? resolve(ctx.cwd, opts.out) : join(runDir, 'status');
  await writeFileAtomic(join(outDir, `${by}.json`), JSON.stringify(stampRun(status, runSha256), null, 2) + '\n');
  await writeFileAtomic(join(outDir, `${by}.csv`), statusCsv(status.rows));
  ctx.stdout(statusTable(status.rows));
  ctx.stdout(onsetsTable(status.onsets));
  if (opts.world) {
    const yearly = by === 'country-year' ? status : buildStatus({ ...inputs, by: 'country-year' });
    const world = buildWorld(yearly.rows, { resamples, seed: T.BOOTSTRAP_SEED });
    const worldDir = opts.out ? outDir : runDir;
    await writeFileAtomic(
      join(outDir, 'world.json'),
      JSON.stringify(stampRun({ schema: 'spiral.world/1', run: runArg, era: era.source, years: world }, runSha256), null, 2) + '\n',
    );
    await writeFileAtomic(join(worldDir, 'world-time.csv'), worldTimeCsv(world));
    await writeFileAtomic(join(worldDir, 'world-net.csv'), worldNetCsv(world));
    ctx.stderr(`wrote ${join(worldDir, 'world-time.csv')}, world-net.csv and ${join(outDir, 'world.json')}\n`);
  }
  ctx.stderr(`${note}\n`);
  if (status.countries_without_facts.length > 0) {
    const list = status.countries_without_facts;
    ctx.stderr(`note: no facts for ${list.length > 20 ? `${list.length} countries` : list.join(', ')}: indicators 1-3 read unknown\n`);
  }
  if (deeds) ctx.stderr(`deeds: ${deeds.format} (${deeds.measure}), ${deeds.better === 'lower' ? '≤' : '≥'} ${deeds.threshold} meets phase 5\n`);
  for (const w of status.warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stderr(`wrote ${join(outDir, by)}.{json,csv}\n`);
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description("Prescriptive-status indicators 1-4 and a spiral-model phase per country and year or period, from the government's own record")
    .argument('<run>', 'run folder written by spiral classify')
    .requiredOption('--facts <dir>', 'facts folder (<ISO3>.yaml, see docs/facts-format.md), e.g. corpus/facts')
    .option('--deeds <file>', 'practice scores: Political Terror Scale, CIRIGHTS, CIRI or Fariss CSV')
    .option('--era <file>', 'era reference table (default: the run itself when it covers the world, else corpus/facts/era/self-reference.csv)')
    .option('--world', 'also write world time: countries per phase and the median self-referential net score by year (RUN/world-time.csv, RUN/world-net.csv)')
    .option('--by <grouping>', `units: ${STATUS_BYS.join(' | ')}`, 'country-year')
    .option('--period <years>', 'period length for --by country-period', '5')
    .option('--bootstrap <n>', 'bootstrap resamples of the intervals (default 1000)')
    .option('--out <dir>', 'output folder (default RUN/status)')
    .action(async (run: string, opts: StatusOptions) => {
      await recoverRunDir(resolveRun(ctx, run));
      return runStatus(run, opts, ctx);
    });
}
