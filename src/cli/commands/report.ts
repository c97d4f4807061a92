// `spiral report RUN`: a self-contained HTML report and a Markdown summary of a run.
import { resolve } from 'node:path';
import { recoverRunDir } from '../../run/staging.js';
import type { Command } from 'commander';
import { DEFAULT_FLAGGED_PER_GROUP, DEFAULT_MAX_BROWSE, DEFAULT_REPORT_PERIOD, writeReport } from '../../report/index.js';
import type { CliContext } from '../context.js';
import { positiveInt } from '../options.js';

interface ReportFlags {
  out?: string;
  maxFlagged?: string;
  period?: string;
  maxBrowse?: string;
  world?: string;
}

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('Write RUN/report.html (self-contained, opens from disk: charts, every utterance to browse, search and export) and RUN/report.md')
    .argument('<run>', 'run folder written by spiral classify')
    .option('--out <dir>', 'output folder (default: the run folder)')
    .option('--period <years>', `years per time unit of the charts (default ${DEFAULT_REPORT_PERIOD}; 1 for yearly)`)
    .option(
      '--world <file>',
      'countries per phase and year for the world-time chart (CSV or JSON: year, phase, n_countries; default RUN/world-time.csv when present)',
    )
    .option('--max-browse <n>', `utterances the browse view holds at most (default ${DEFAULT_MAX_BROWSE}; beyond it, relevant and flagged ones)`)
    .option('--max-flagged <n>', `flagged utterances quoted per flag and country in report.md (default ${DEFAULT_FLAGGED_PER_GROUP})`)
    .action(async (run: string, flags: ReportFlags) => {
      const runDir = resolve(ctx.cwd, run);
      await recoverRunDir(runDir);
      const outDir = flags.out ? resolve(ctx.cwd, flags.out) : runDir;
      const written = await writeReport(runDir, outDir, {
        maxFlagged: positiveInt('--max-flagged', flags.maxFlagged),
        period: positiveInt('--period', flags.period),
        maxBrowse: positiveInt('--max-browse', flags.maxBrowse),
        worldFile: flags.world ? resolve(ctx.cwd, flags.world) : undefined,
        displayName: run,
      });
      for (const w of written.data.warnings) ctx.stderr(`warning: ${w}\n`);
      const { browse, countries, flagged } = written.data;
      ctx.stderr(`${countries.length} countries, ${browse.held} of ${browse.total} utterances to browse, ${flagged.total} flagged\n`);
      ctx.stdout(`${written.html}\n${written.markdown}\n`);
    });
}
