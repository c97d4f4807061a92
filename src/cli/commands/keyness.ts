// `spiral keyness RUN --target KEN --reference all`: which words one group of
// documents (by country) uses more than another, like textstat_keyness.
import type { Command } from 'commander';
import { DEFAULT_MIN_COUNT, KeynessCounter, keynessCsv, keynessTable, MEASURES, type Group } from '../../keyness/index.js';
import { forEachTargetedUtterance, listOption } from '../../kwic/index.js';
import { includesSpeaker } from '../../aggregate/accumulate.js';
import { SPEAKER_FILTERS } from '../../aggregate/types.js';
import { recoverRunDir, requireRun } from '../../run/index.js';
import { UsageError, type CliContext } from '../context.js';
import { oneOf, positiveInt, resolvePath } from '../options.js';

/** Key words shown per side in the table. */
export const DEFAULT_TOP = 20;

interface KeynessOptions {
  target?: string;
  reference: string;
  measure?: string;
  minCount?: string;
  speakers?: string;
  top?: string;
  csv?: boolean;
}

async function runKeyness(run: string, opts: KeynessOptions, ctx: CliContext): Promise<void> {
  const target = listOption(opts.target);
  if (!target || target.size === 0) throw new UsageError('--target COUNTRY[,COUNTRY...] is required');
  const referenceAll = opts.reference === 'all';
  const reference = referenceAll ? undefined : listOption(opts.reference);
  if (!referenceAll && (!reference || reference.size === 0)) throw new UsageError('--reference must be "all" or a list of countries');
  const overlap = [...(reference ?? [])].filter((c) => target.has(c));
  if (overlap.length > 0) throw new UsageError(`${overlap.join(', ')} in both --target and --reference`);
  const measure = oneOf('--measure', opts.measure, MEASURES) ?? 'chi2';
  const speakers = oneOf('--speakers', opts.speakers, SPEAKER_FILTERS) ?? 'self';
  const minCount = positiveInt('--min-count', opts.minCount) ?? DEFAULT_MIN_COUNT;
  const top = positiveInt('--top', opts.top) ?? DEFAULT_TOP;
  const runDir = resolvePath(ctx, run);
  await recoverRunDir(runDir);
  const counter = new KeynessCounter();
  await forEachTargetedUtterance(requireRun(runDir), (u) => {
    if (!includesSpeaker(speakers, u.speaker_role) || u.country === null) return;
    const group: Group | null = target.has(u.country) ? 'target' : referenceAll || reference!.has(u.country) ? 'reference' : null;
    if (group) counter.add(group, u.doc, u.text);
  });
  const [tw, rw] = counter.words;
  if (tw === 0) throw new UsageError(`no words from ${[...target].join(', ')} in ${run}`);
  if (rw === 0) throw new UsageError(`no words in the reference group in ${run}`);
  const rows = counter.finish(measure, minCount);
  ctx.stdout(opts.csv ? keynessCsv(rows, measure) : keynessTable(rows, measure, top));
  ctx.stderr(
    `target: ${counter.documents[0].size} documents, ${tw} words; reference: ${counter.documents[1].size} documents, ${rw} words; ${rows.length} words counted at least ${minCount} times\n`,
  );
}

export function registerKeyness(program: Command, ctx: CliContext): void {
  program
    .command('keyness')
    .description('Key words of one group of documents against another (like quanteda.textstats textstat_keyness)')
    .argument('<run>', 'run folder written by spiral classify')
    .requiredOption('--target <countries>', 'the target group: documents of these countries (ISO3, comma-separated)')
    .option('--reference <countries>', 'the reference group: these countries, or "all" (every other document)', 'all')
    .option('--measure <m>', 'chi2 (Yates-corrected chi-square) or lr (likelihood ratio G², Williams-corrected)', 'chi2')
    .option('--min-count <n>', `leave out words counted fewer times in both groups together (default ${DEFAULT_MIN_COUNT})`)
    .option('--speakers <who>', 'whose utterances count: self (the State itself), other (other States), all', 'self')
    .option('--top <n>', `key words shown per side in the table (default ${DEFAULT_TOP})`)
    .option('--csv', 'every word as CSV on stdout (feature, chi2|G2, p, n_target, n_reference, per_1000_target, per_1000_reference, log_ratio)')
    .action((run: string, opts: KeynessOptions) => runKeyness(run, opts, ctx));
}
