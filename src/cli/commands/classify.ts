import type { Command } from 'commander';
import { normaliseCountry } from '../../countries.js';
import { isKnownEncoding } from '../../ingest/index.js';
import { classify, type ClassifyProgress } from '../../pipeline/classify.js';
import { MAX_SHARDS, parseShard } from '../../pipeline/shard.js';
import { staleDerivedOutputs } from '../../run/derived.js';
import { AUDIENCES, DOC_TYPES, type DocMeta } from '../../types.js';
import { EXIT_FINDINGS, UsageError, type CliContext } from '../context.js';
import { lexiconCache, lexiconDir, oneOf, positiveInt, resolvePath } from '../options.js';
import { createProgressReporter } from '../progress.js';

interface ClassifyFlags {
  out: string;
  lexicons?: string;
  include?: string[];
  exclude?: string[];
  namePattern?: string;
  country?: string;
  year?: string;
  venue?: string;
  audience?: string;
  type?: string;
  format?: string;
  encoding?: string;
  case?: string;
  shard?: string;
  workers?: string;
  cache?: string | boolean;
  strict?: boolean;
  quiet?: boolean;
  allowFailingExamples?: boolean;
}

function cliDefaults(flags: ClassifyFlags): DocMeta {
  const meta: DocMeta = {};
  if (flags.country) {
    const code = normaliseCountry(flags.country);
    if (!code) throw new UsageError(`--country: unknown country "${flags.country}"`);
    meta.country = code;
  }
  if (flags.year) {
    const year = Number(flags.year);
    if (!Number.isInteger(year) || year < 1800 || year > 2200) throw new UsageError(`--year must be a year, got "${flags.year}"`);
    meta.year = year;
  }
  if (flags.venue) meta.venue = flags.venue;
  const audience = oneOf('--audience', flags.audience, AUDIENCES);
  if (audience) meta.audience = audience;
  const type = oneOf('--type', flags.type, DOC_TYPES);
  if (type) meta.type = type;
  return meta;
}

/** Scores, status or a report in --out made from an earlier run: say so (the report ignores them, but a reader of the files would not). */
async function warnStaleDerived(outDir: string, shown: string, ctx: CliContext): Promise<void> {
  const stale = await staleDerivedOutputs(outDir);
  if (stale.length > 0)
    ctx.stderr(`warning: ${shown} holds outputs made from an earlier run: ${stale.join(', ')}; run spiral scores, status or report again\n`);
}

export function registerClassify(program: Command, ctx: CliContext): void {
  program
    .command('classify')
    .description('Tag every utterance of a folder of statements; write utterances, documents, scores and run files.')
    .argument('<path...>', 'files or folders to classify')
    .requiredOption('-o, --out <dir>', 'output folder (written atomically)')
    .option('--lexicons <dir>', 'lexicon set folder (default: the bundled lexicons/)')
    .option('--include <glob...>', 'only files matching these globs (relative to each folder)')
    .option('--exclude <glob...>', 'skip files matching these globs')
    .option('--name-pattern <pattern>', 'read metadata from file names, e.g. "{country}_{year}" (see docs/input-formats.md)')
    .option('--country <name>', 'default country for files that name none')
    .option('--year <year>', 'default year')
    .option('--venue <venue>', 'default venue')
    .option('--audience <audience>', `default audience (${AUDIENCES.join('|')})`)
    .option('--type <type>', `default document type (${DOC_TYPES.join('|')})`)
    .option('--format <parser>', 'force a document-structure parser (e.g. generic, upr-wg-report)')
    .option('--case <ISO3>', 'apply this case overlay to every document')
    .option('--encoding <name>', 'read text files in this encoding instead of detecting it (e.g. windows-1251, koi8-r, shift_jis, gb18030, iso-8859-2)')
    .option('--shard <K/N>', 'process a deterministic K-th of N shards of the files')
    .option('--workers <n>', 'worker threads (default: one per CPU, fewer for a handful of files; 1 tags in the main thread)')
    .option('--cache <dir>', 'reuse unchanged files from the run in this folder (default: the --out folder)')
    .option('--no-cache', 'tag every file again, reusing nothing (nor the compiled lexicon set of ~/.cache/spiral)')
    .option('--strict', 'exit 1 when any file is skipped or failed')
    .option('-q, --quiet', 'no progress output')
    .option('--allow-failing-examples', 'tag with a lexicon set whose rule examples fail (listed as warnings), to experiment')
    .action(async (paths: string[], flags: ClassifyFlags) => {
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      if (flags.shard !== undefined && !shard) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, got "${flags.shard}"`);
      const caseCountry = flags.case ? normaliseCountry(flags.case) : undefined;
      if (flags.case && !caseCountry) throw new UsageError(`--case: unknown country "${flags.case}"`);
      if (flags.encoding !== undefined && !isKnownEncoding(flags.encoding)) throw new UsageError(`--encoding: unknown encoding "${flags.encoding}"`);
      const progress = flags.quiet ? undefined : createProgressReporter(ctx);
      const summary = await classify(
        {
          inputs: paths.map((p) => resolvePath(ctx, p)),
          outDir: resolvePath(ctx, flags.out),
          lexiconDir: lexiconDir(ctx, flags.lexicons),
          include: flags.include,
          exclude: flags.exclude,
          namePattern: flags.namePattern,
          defaults: cliDefaults(flags),
          format: flags.format,
          caseCountry,
          encoding: flags.encoding,
          shard,
          workers: positiveInt('--workers', flags.workers),
          cache: flags.cache === false ? false : typeof flags.cache === 'string' ? resolvePath(ctx, flags.cache) : undefined,
          lexiconCache: lexiconCache(ctx, flags.cache),
          allowFailingExamples: flags.allowFailingExamples,
        },
        (p: ClassifyProgress) => progress?.update(p),
      );
      progress?.stop();
      for (const w of summary.lexiconWarnings) ctx.stderr(`warning: ${w}\n`);
      for (const w of summary.skippedFolders) ctx.stderr(`warning: ${w}\n`);
      await warnStaleDerived(summary.outDir, flags.out, ctx);
      const { ok, skipped, failed } = summary.documents;
      ctx.stdout(
        `files discovered: ${summary.filesDiscovered}; documents ok: ${ok}, skipped: ${skipped}, failed: ${failed}; ` +
          `utterances: ${summary.utterances}; files reused from the previous run: ${summary.filesFromCache}; ${(summary.elapsedMs / 1000).toFixed(1)} s → ${flags.out}\n`,
      );
      if (failed > 0 || (flags.strict && skipped > 0)) ctx.exitCode = EXIT_FINDINGS;
    });
}
