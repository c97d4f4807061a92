// `spiral report RUN`: a self-contained HTML report and a Markdown summary of a run.
import { resolve } from 'node:path';
import { recoverRunDir } from '../../run/staging.js';
import type { Command } from 'commander';
import { DEFAULT_FLAGGED_PER_GROUP, writeReport } from '../../report/index.js';
import type { CliContext } from '../context.js';
import { positiveInt } from '../options.js';

interface ReportFlags {
  out?: string;
  maxFlagged?: string;
}

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('Write RUN/report.html (self-contained, opens from disk) and RUN/report.md')
    .argument('<run>', 'run folder written by spiral classify')
    .option('--out <dir>', 'output folder (default: the run folder)')
    .option('--max-flagged <n>', `flagged utterances shown per flag and country (default ${DEFAULT_FLAGGED_PER_GROUP})`)
    .action(async (run: string, flags: ReportFlags) => {
      const runDir = resolve(ctx.cwd, run);
      await recoverRunDir(runDir);
      const outDir = flags.out ? resolve(ctx.cwd, flags.out) : runDir;
      const written = await writeReport(runDir, outDir, { maxFlagged: positiveInt('--max-flagged', flags.maxFlagged), displayName: run });
      for (const w of written.data.warnings) ctx.stderr(`warning: ${w}\n`);
      const { flagged, countries } = written.data;
      ctx.stderr(`${countries.length} countries, ${flagged.total} flagged utterances (${flagged.utterances.length} shown)\n`);
      ctx.stdout(`${written.html}\n${written.markdown}\n`);
    });
}
