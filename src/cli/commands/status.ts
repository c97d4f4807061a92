// `spiral status RUN --facts DIR [--deeds FILE]`: the four prescriptive-status
// indicators and a phase estimate per country and year (or period).
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { statusCsv, statusTable } from '../../indicators/format.js';
import { loadDeeds } from '../../indicators/load-deeds.js';
import { loadFactsDir } from '../../indicators/load-facts.js';
import { buildStatus } from '../../indicators/status.js';
import { aggregateRun, recoverRunDir, requireRun, runContentHash, stampRun, writeFileAtomic } from '../../run/index.js';
import { UsageError, type CliContext } from '../context.js';
import { parsePositiveInt, resolvePath as resolveRun } from '../options.js';

interface StatusOptions {
  facts: string;
  deeds?: string;
  by: string;
  period: string;
  out?: string;
}

const STATUS_BYS = ['country-year', 'country-period'] as const;

async function runStatus(runArg: string, opts: StatusOptions, ctx: CliContext): Promise<void> {
  if (!(STATUS_BYS as readonly string[]).includes(opts.by)) throw new UsageError(`--by must be one of ${STATUS_BYS.join(', ')} (got "${opts.by}")`);
  const by = opts.by as (typeof STATUS_BYS)[number];
  const period = parsePositiveInt(opts.period, '--period');
  const runDir = resolve(ctx.cwd, runArg);
  const factsDir = resolve(ctx.cwd, opts.facts);
  const facts = loadFactsDir(factsDir);
  const deedsFile = opts.deeds ? resolve(ctx.cwd, opts.deeds) : null;
  const deeds = deedsFile ? loadDeeds(deedsFile) : null;
  requireRun(runDir);
  // Hashed before reading: the outputs record the run they were computed from.
  const runSha256 = await runContentHash(runDir);
  const scores = await aggregateRun(runDir, { by, period, speakers: 'self' });
  scores.run = runArg;
  const status = buildStatus({ scores, facts, factsDir: opts.facts, deeds, deedsFile: opts.deeds ?? null });
  const outDir = opts.out ? resolve(ctx.cwd, opts.out) : join(runDir, 'status');
  await writeFileAtomic(join(outDir, `${by}.json`), JSON.stringify(stampRun(status, runSha256), null, 2) + '\n');
  await writeFileAtomic(join(outDir, `${by}.csv`), statusCsv(status.rows));
  ctx.stdout(statusTable(status.rows));
  if (status.countries_without_facts.length > 0) {
    ctx.stderr(`note: no facts for ${status.countries_without_facts.join(', ')}: indicators 1-3 read unknown\n`);
  }
  if (deeds) ctx.stderr(`deeds: ${deeds.format} (${deeds.measure}), ${deeds.better === 'lower' ? '≤' : '≥'} ${deeds.threshold} meets phase 5\n`);
  for (const w of status.warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stderr(`wrote ${join(outDir, by)}.{json,csv}\n`);
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('Prescriptive-status indicators 1-4 and a spiral-model phase per country and year or period')
    .argument('<run>', 'run folder written by spiral classify')
    .requiredOption('--facts <dir>', 'facts folder (<ISO3>.yaml, see docs/facts-format.md), e.g. corpus/facts')
    .option('--deeds <file>', 'practice scores: Political Terror Scale, CIRIGHTS, CIRI or Fariss CSV')
    .option('--by <grouping>', `units: ${STATUS_BYS.join(' | ')}`, 'country-year')
    .option('--period <years>', 'period length for --by country-period', '5')
    .option('--out <dir>', 'output folder (default RUN/status)')
    .action(async (run: string, opts: StatusOptions) => {
      await recoverRunDir(resolveRun(ctx, run));
      return runStatus(run, opts, ctx);
    });
}
