// `spiral kwic RUN PATTERN`: key words in context over a run's utterances, like
// quanteda's kwic(). A table on stdout, or CSV with --csv; rows in file order.
import type { Command } from 'commander';
import { recoverRunDir, requireRun } from '../../run/index.js';
import {
  DEFAULT_KWIC_WINDOW,
  forEachTargetedUtterance,
  kwicCsv,
  kwicRows,
  kwicTable,
  listOption,
  parsePattern,
  passes,
  type KwicRow,
} from '../../kwic/index.js';
import { LABELS } from '../../types.js';
import { UsageError, type CliContext } from '../context.js';
import { positiveInt, resolvePath } from '../options.js';

interface KwicOptions {
  window?: string;
  label?: string;
  country?: string;
  target?: string;
  csv?: boolean;
}

function checkLabels(labels: Set<string> | undefined): void {
  for (const l of labels ?? []) if (!(LABELS as readonly string[]).includes(l)) throw new UsageError(`--label must be among ${LABELS.join(', ')} (got "${l}")`);
}

async function runKwic(run: string, pattern: string, opts: KwicOptions, ctx: CliContext): Promise<void> {
  const compiled = parsePattern(pattern);
  if (!compiled) throw new UsageError('PATTERN must hold at least one word');
  const window = opts.window === '0' ? 0 : (positiveInt('--window', opts.window) ?? DEFAULT_KWIC_WINDOW);
  const filter = { labels: listOption(opts.label), countries: listOption(opts.country), targets: listOption(opts.target) };
  checkLabels(filter.labels);
  const runDir = resolvePath(ctx, run);
  await recoverRunDir(runDir);
  const rows: KwicRow[] = [];
  let searched = 0;
  await forEachTargetedUtterance(requireRun(runDir), (u) => {
    if (!passes(u, filter)) return;
    searched++;
    rows.push(...kwicRows(u, compiled, window));
  });
  ctx.stdout(opts.csv ? kwicCsv(rows, pattern) : kwicTable(rows));
  ctx.stderr(`${rows.length} matches of "${pattern}" in ${searched} utterances searched\n`);
}

export function registerKwic(program: Command, ctx: CliContext): void {
  program
    .command('kwic')
    .description('Key words in context: every match of a word, phrase or glob in a run, with the words around it (like quanteda kwic)')
    .argument('<run>', 'run folder written by spiral classify')
    .argument('<pattern>', 'a word ("interference"), a phrase ("internal affairs") or globs ("interfer*", "right?"); case-insensitive')
    .option('--window <n>', `words of context on each side (default ${DEFAULT_KWIC_WINDOW})`)
    .option('--label <labels>', 'only utterances with these labels (comma-separated)')
    .option('--country <codes>', 'only utterances of these countries (ISO3, comma-separated)')
    .option('--target <targets>', 'only utterances with these targets (self, other, general, na), when the run has them')
    .option('--csv', 'CSV on stdout (doc, id, country, year, label, target, from, to, pre, keyword, post, pattern)')
    .action((run: string, pattern: string, opts: KwicOptions) => runKwic(run, pattern, opts, ctx));
}
