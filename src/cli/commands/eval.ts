// spiral eval: the rule lexicons against a gold file — per-label P/R/F1,
// macro-F1, accuracy, kappa, confusion matrix, the misclassified items with
// their evidence written to a file, and optionally a cross-validated
// bag-of-words baseline side by side. Exit 1 when --min-macro-f1 is not met.
import type { Command } from 'commander';
import { BASELINE_MODELS, DEFAULT_BASELINE_MODEL, DEFAULT_FOLDS, DEFAULT_SEED } from '../../eval/baseline.js';
import { defaultErrorsPath, misclassificationsJsonl, readGoldFile } from '../../eval/files.js';
import { writeFileAtomic } from '../../run/atomic.js';
import { formatReportText, meetsFloor, reportJson, type EvalReport } from '../../eval/report.js';
import { compareEvaluations, evaluate, type Comparison, type Evaluation } from '../../eval/run.js';
import { itemsOfSplit, itemsSampledBy, SPLITS, type GoldItem } from '../../eval/gold.js';
import { openLexiconSet } from '../../tag/open-set.js';
import { createTagger } from '../../tag/tagger.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliContext } from '../context.js';
import { lexiconCache, lexiconDir, oneOf, positiveInt, resolvePath } from '../options.js';

interface EvalFlags {
  gold?: string;
  lexicons?: string;
  json?: boolean;
  baseline?: boolean;
  baselineModel?: string;
  folds?: string;
  seed?: string;
  minMacroF1?: string;
  errors?: string;
  split?: string;
  sampledBy?: string;
  allowFailingExamples?: boolean;
  cache?: boolean;
  compare?: string;
}

function fraction(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`${name} must be a number from 0 to 1, got "${value}"`);
  }
  return n;
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

async function runEval(ctx: CliContext, flags: EvalFlags): Promise<void> {
  if (!flags.gold) throw new UsageError('eval needs --gold FILE (JSON lines with id, text, label)');
  const minMacroF1 = fraction('--min-macro-f1', flags.minMacroF1);
  const folds = positiveInt('--folds', flags.folds) ?? DEFAULT_FOLDS;
  if (folds < 2) throw new UsageError(`--folds must be at least 2, got "${flags.folds}"`);
  const seed = wholeNumber('--seed', flags.seed) ?? DEFAULT_SEED;
  const model = oneOf('--baseline-model', flags.baselineModel, BASELINE_MODELS) ?? DEFAULT_BASELINE_MODEL;

  const split = oneOf('--split', flags.split, SPLITS);
  const goldPath = resolvePath(ctx, flags.gold);
  const allItems = readGoldFile(goldPath);
  const ofSplit = itemsOfSplit(allItems, split);
  if (ofSplit.length === 0) throw new UsageError(`${flags.gold}: no items with split "${split}" (the file's items carry no such "split" field)`);
  const items = itemsSampledBy(ofSplit, flags.sampledBy);
  if (items.length === 0)
    throw new UsageError(
      `${flags.gold}: no items with sampled_by "${flags.sampledBy}"${split ? ` in split ${split}` : ''} (spiral review export marks each item flagged, uncertainty, random, rule:<id> or match:<patterns>)`,
    );
  if (flags.sampledBy !== undefined) ctx.stderr(`evaluating the ${items.length} of ${ofSplit.length} items sampled by ${flags.sampledBy}\n`);
  const { set, compiled, warnings } = await openLexiconSet(lexiconDir(ctx, flags.lexicons), {
    allowFailingExamples: flags.allowFailingExamples,
    cacheDir: lexiconCache(ctx, flags.cache),
  });
  for (const w of warnings) ctx.stderr(`spiral: warning: ${w}\n`);
  const tagger = createTagger(set, { compiled });
  const evaluation = evaluate(items, (text, meta) => tagger.tag(text, meta), flags.baseline ? { baseline: { model, folds, seed } } : {});
  const comparison = flags.compare !== undefined ? await compareWith(ctx, flags, items, evaluation) : undefined;

  // The check split is the figure reported, read as a number (issue 12's discipline): its items are written only when asked.
  const errorsFile = flags.errors ? resolvePath(ctx, flags.errors) : split === NUMBERS_ONLY_SPLIT ? null : defaultErrorsPath(goldPath, ctx.cwd, split);
  if (errorsFile !== null) await writeFileAtomic(errorsFile, misclassificationsJsonl(evaluation.misclassified));

  const report: EvalReport = {
    gold: goldPath,
    ...(split ? { split } : {}),
    lexicons: `${set.dir} (${set.name} ${set.version})`,
    rules: evaluation.rules,
    ...(evaluation.targets ? { targets: evaluation.targets } : {}),
    intervals: evaluation.intervals,
    ...(comparison ? { comparison } : {}),
    calibration: evaluation.calibration,
    ...(evaluation.baseline ? { baseline: evaluation.baseline } : {}),
    errorsFile,
    misclassified: evaluation.misclassified.length,
    ...(minMacroF1 !== undefined ? { minMacroF1 } : {}),
  };
  ctx.stdout(flags.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : formatReportText(report));
  ctx.exitCode = meetsFloor(report) ? EXIT_OK : EXIT_FINDINGS;
}

/** `--compare DIR`: the other set on the same items, paired with the first. */
async function compareWith(ctx: CliContext, flags: EvalFlags, items: readonly GoldItem[], first: Evaluation): Promise<Comparison> {
  const { set, compiled, warnings } = await openLexiconSet(resolvePath(ctx, flags.compare!), {
    allowFailingExamples: flags.allowFailingExamples,
    cacheDir: lexiconCache(ctx, flags.cache),
  });
  for (const w of warnings) ctx.stderr(`spiral: warning: ${w}\n`);
  const tagger = createTagger(set, { compiled });
  const second = evaluate(items, (text, meta) => tagger.tag(text, meta), { intervals: false });
  return compareEvaluations(first, second, `${set.dir} (${set.name} ${set.version})`);
}

/** The split whose figure is reported and whose items are not read (rules are written from the other): no errors file unless asked. */
export const NUMBERS_ONLY_SPLIT = 'check';

export function registerEval(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('Evaluate the lexicons against a gold file: per-label P/R/F1, macro-F1, accuracy, kappa, confusion matrix; misclassified items to a file.')
    .option(
      '--gold <file>',
      'gold JSON lines: id, text, label (denial|rhetorical_action|argumentative_concession|norm_acknowledgment|none), optional country, year, venue',
    )
    .option('--lexicons <dir>', 'lexicon set folder (default: the bundled lexicons/)')
    .option('--json', 'print the report as JSON')
    .option('--baseline', 'also run a bag-of-words baseline by stratified k-fold cross-validation on the same gold file')
    .option('--baseline-model <name>', `baseline classifier: ${BASELINE_MODELS.join(' | ')} (default ${DEFAULT_BASELINE_MODEL})`)
    .option('--folds <k>', `cross-validation folds for the baseline (default ${DEFAULT_FOLDS})`)
    .option('--seed <n>', `seed of the fold assignment (default ${DEFAULT_SEED})`)
    .option('--min-macro-f1 <x>', "exit 1 when the rules' macro-F1 is below x (0..1)")
    .option(
      '--errors <file>',
      'where to write the misclassified items (default: <gold name>[.<split>].errors.jsonl in the current folder; for --split check only when given)',
    )
    .option('--allow-failing-examples', 'tag with a lexicon set whose rule examples fail (listed as warnings), to experiment')
    .option('--no-cache', 'compile and check the lexicon set afresh instead of loading it from the cache (~/.cache/spiral)')
    .option(
      '--sampled-by <how>',
      'evaluate only the reviewed items sampled so (random: the unbiased sample; flagged, uncertainty, rule or rule:<id>, match or match:<patterns>: a recall sample)',
    )
    .option(
      '--compare <dir>',
      'also evaluate this lexicon set on the same items: its figures and the difference, with a paired 95% interval resampling documents',
    )
    .option('--split <name>', `evaluate only the items of this split (${SPLITS.join(' | ')}): write rules from fit, report check`)
    .action(async (flags: EvalFlags) => runEval(ctx, flags));
}
