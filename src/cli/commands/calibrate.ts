import path from 'node:path';
import type { Command } from 'commander';
import { calibrate, checkWrittenSet } from '../../calibrate/calibrate.js';
import { json, readGoldFiles, readSetFiles, writeFolderAtomic, writeOutputs } from '../../calibrate/files.js';
import { DEFAULT_REPEATS, FOLD_UNITS } from '../../calibrate/config.js';
import {
  candidatesJson,
  candidatesMarkdown,
  diagnosticsJson,
  diagnosticsMarkdown,
  diffMarkdown,
  summaryJson,
  summaryText,
  type SummaryContext,
} from '../../calibrate/report.js';
import { DEFAULT_FOLDS, DEFAULT_SEED } from '../../eval/baseline.js';
import { checkExamples } from '../../lexicon/examples.js';
import { loadLexiconSet } from '../../lexicon/load.js';
import { normaliseCountry } from '../../countries.js';
import { createTagger } from '../../tag/tagger.js';
import { UsageError, type CliContext } from '../context.js';
import { lexiconDir, oneOf, positiveInt, resolvePath } from '../options.js';
import { itemsOfSplit, SPLITS } from '../../eval/gold.js';
import type { MoveSetting, TargetSetting } from '../../calibrate/model-fit.js';

interface CalibrateFlags {
  gold: string[];
  lexicons?: string;
  out: string;
  folds?: string;
  seed?: string;
  repeats?: string;
  case?: string;
  split?: string;
  foldBy?: string;
  setting?: string;
  targetSetting?: string;
}

function seedOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${value}"`);
  return n;
}

/**
 * `--setting 0.01,0.001,0.5`: rule L2, term L1 (or `none`: no term layer) and
 * class-weight power, the moves setting to cross-validate instead of the grid.
 */
export function movesSettingOf(value: string | undefined): MoveSetting | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  const number = (p: string | undefined, least: number) =>
    p !== undefined && p !== '' && Number.isFinite(Number(p)) && Number(p) >= least ? Number(p) : undefined;
  const ruleL2 = number(parts[0], Number.MIN_VALUE);
  const termL1 = parts[1] === 'none' ? null : number(parts[1], Number.MIN_VALUE);
  const classWeightPower = number(parts[2], 0);
  if (parts.length !== 3 || ruleL2 === undefined || termL1 === undefined || classWeightPower === undefined)
    throw new UsageError(
      `--setting must be "rule L2,term L1 or none,class-weight power" with rule L2 and term L1 above 0 and the power at least 0 (e.g. 0.01,0.001,0.5), got "${value}"`,
    );
  return { ruleL2, termL1, classWeightPower };
}

/** `--target-setting 0.5,0.01`: the target model's context weight and rule L2, to cross-validate instead of the grid. */
export function targetSettingOf(value: string | undefined): TargetSetting | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => (p !== '' && Number.isFinite(Number(p)) ? Number(p) : NaN));
  const [contextWeight, ruleL2] = numbers;
  if (parts.length !== 2 || !(contextWeight >= 0) || !(ruleL2 > 0))
    throw new UsageError(`--target-setting must be "context weight,rule L2" with the weight at least 0 and rule L2 above 0 (e.g. 0.5,0.01), got "${value}"`);
  return { contextWeight, ruleL2 };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('calibrate')
    .description('Diagnose rules, propose candidate terms and fit weights on gold labels; write a new lexicon version.')
    .requiredOption('--gold <file...>', 'gold JSON lines (spiral eval format or review exports)')
    .requiredOption('-o, --out <dir>', 'output folder: lexicons/, diff.md, diagnostics.md/.json, candidates.md/.json, summary.json')
    .option('--lexicons <dir>', 'lexicon set folder (default: the bundled lexicons/)')
    .option('--folds <k>', `cross-validation folds (default ${DEFAULT_FOLDS})`)
    .option('--seed <n>', `seed for the folds (default ${DEFAULT_SEED})`)
    .option('--repeats <n>', `fold draws of the repeated cross-validation, seeds from --seed on (default ${DEFAULT_REPEATS}; 1 is 3 times faster)`)
    .option('--case <ISO3>', 'apply this case overlay to every gold item')
    .option('--split <name>', `fit on the items of this split only (${SPLITS.join(' | ')}); items without a split field are left out`)
    .option(
      '--fold-by <unit>',
      `what the cross-validation folds keep whole: ${FOLD_UNITS.join(' | ')} (country: the figure to expect for a country the gold has not seen)`,
      'document',
    )
    .option(
      '--setting <l2,l1,power>',
      'cross-validate this moves setting only instead of choosing one from the grid: rule L2, term L1 (none: no term layer), class-weight power, e.g. 0.01,0.001,0.5 (about 15 times faster; the figure to compare two lexicon sets at the same setting)',
    )
    .option(
      '--target-setting <context,l2>',
      'the same for the target model: context weight and rule L2, e.g. 0.5,0.01 (two lexicon sets compared at the same target setting)',
    )
    .action((flags: CalibrateFlags) => {
      const folds = positiveInt('--folds', flags.folds) ?? DEFAULT_FOLDS;
      if (folds < 2) throw new UsageError('--folds must be at least 2');
      const seed = seedOf(flags.seed);
      const repeats = positiveInt('--repeats', flags.repeats) ?? DEFAULT_REPEATS;
      const setting = movesSettingOf(flags.setting);
      const targetSetting = targetSettingOf(flags.targetSetting);
      const forceCase = flags.case ? normaliseCountry(flags.case) : undefined;
      if (flags.case && !forceCase) throw new UsageError(`--case: unknown country "${flags.case}"`);
      const dir = lexiconDir(ctx, flags.lexicons);
      const set = loadLexiconSet(dir);
      if (forceCase && !set.cases[forceCase]) throw new UsageError(`--case: the lexicon set has no overlay cases/${forceCase}.yaml`);
      const goldPaths = flags.gold.map((g) => resolvePath(ctx, g));
      const split = oneOf('--split', flags.split, SPLITS);
      const foldBy = oneOf('--fold-by', flags.foldBy, FOLD_UNITS) ?? 'document';
      const gold = readGoldFiles(goldPaths);
      const items = itemsOfSplit(gold.items, split);
      if (items.length === 0) throw new UsageError(`no gold items with split "${split}"`);
      const goldName = `${flags.gold.map((g) => path.basename(g)).join(', ')}${split ? ` [split ${split}]` : ''} (${items.length} items)`;
      const tagger = createTagger(set, { forceCase });
      // The first gold file is the reference design: figures are reported on it, other files are weighted to its label shares.
      const reference = gold.files.length > 1 ? new Set(gold.files[0]) : undefined;
      const result = calibrate({
        set,
        tagger,
        forceCase,
        items,
        goldName,
        ...(split ? { split } : {}),
        files: readSetFiles(dir),
        folds,
        seed,
        repeats,
        foldBy,
        ...(reference ? { reference } : {}),
        ...(setting ? { setting } : {}),
        ...(targetSetting ? { targetSetting } : {}),
      });

      const outDir = resolvePath(ctx, flags.out);
      const newDir = path.join(outDir, 'lexicons');
      writeFolderAtomic(newDir, result.files);
      const newSet = loadLexiconSet(newDir);
      const newTagger = createTagger(newSet, { forceCase });
      const check = checkWrittenSet(result, newTagger, items);
      const exampleFailures = checkExamples(newTagger).length;
      const exampleFailuresBefore = checkExamples(tagger).length;
      const summary: SummaryContext = {
        gold: flags.gold,
        items: items.length,
        folds,
        seed,
        repeats,
        foldBy,
        old: { name: set.name, version: set.version, hash: set.hash, dir: flags.lexicons ?? 'lexicons (bundled)' },
        outDir: flags.out,
        new: { version: newSet.version, hash: newSet.hash, dir: 'lexicons' },
        check,
        exampleFailures,
        exampleFailuresBefore,
      };
      writeOutputs(outDir, {
        'diagnostics.md': diagnosticsMarkdown(result.diagnostics, goldName),
        'diagnostics.json': json(diagnosticsJson(result.diagnostics)),
        'candidates.md': candidatesMarkdown(result.candidates, goldName),
        'candidates.json': json(candidatesJson(result.candidates)),
        'diff.md': diffMarkdown(result, set.version),
        'summary.json': json(summaryJson(result, summary)),
      });
      if (gold.duplicates) ctx.stderr(`spiral: ${gold.duplicates} gold items appeared in more than one file and were read once\n`);
      ctx.stdout(summaryText(result, summary));
    });
}
