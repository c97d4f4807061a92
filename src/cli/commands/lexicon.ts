import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { json, readSetFiles, writeFolderAtomic } from '../../calibrate/files.js';
import { diffSets, formatSetDiff } from '../../calibrate/set-diff.js';
import { writeFileAtomicSync } from '../../run/atomic.js';
import { DICTIONARY_FORMATS, formatWarning, type Dictionary, type DictionaryFormat, type Warning } from '../../interchange/dictionary.js';
import { MAX_EXPANSION } from '../../interchange/expand.js';
import { exportSet } from '../../interchange/export.js';
import { importDictionary } from '../../interchange/import.js';
import { readLiwc, writeLiwc } from '../../interchange/liwc.js';
import { readQuanteda, writeQuanteda } from '../../interchange/quanteda.js';
import { checkExamples, type WaivedExample } from '../../lexicon/examples.js';
import { loadLexiconSet } from '../../lexicon/load.js';
import { HELPER_CATEGORIES, MOVE_LABELS, type Category } from '../../types.js';
import { createTagger } from '../../tag/tagger.js';
import { EXIT_FINDINGS, UsageError, type CliContext } from '../context.js';
import { lexiconDir, oneOf, resolvePath } from '../options.js';

const CATEGORIES: readonly Category[] = [...MOVE_LABELS, ...HELPER_CATEGORIES];

function printWarnings(ctx: CliContext, warnings: Warning[]): void {
  for (const w of warnings) ctx.stderr(`warning: ${formatWarning(w)}\n`);
}

/** A check of the set's own example that imported rules made moot (lexicon/examples.ts). */
function waivedLine(folder: string, w: WaivedExample): string {
  return `${path.join(folder, w.file)}${w.line !== undefined ? `:${w.line}` : ''}: ${w.rule}: ${w.kind} example ${JSON.stringify(w.text)}: not checked: imported rule${w.imported.length > 1 ? 's' : ''} ${w.imported.join(', ')} fire${w.imported.length > 1 ? '' : 's'} on it\n`;
}

const waivedSummary = (n: number) => (n > 0 ? `, ${n} of the set's own not checked (imported rules fire on them)` : '');

function check(ctx: CliContext, dir: string | undefined): void {
  const folder = lexiconDir(ctx, dir);
  const set = loadLexiconSet(folder); // an invalid set throws LexiconError: printed as file:line, exit 2
  const waived: WaivedExample[] = [];
  const failures = checkExamples(createTagger(set), waived);
  for (const f of failures) {
    ctx.stdout(
      `${path.join(folder, f.file)}${f.line !== undefined ? `:${f.line}` : ''}: ${f.rule}: ${f.kind} example ${JSON.stringify(f.text)}: ${f.message}\n`,
    );
  }
  const rules = set.rules.length + Object.values(set.cases).reduce((n, c) => n + c.rules.length, 0);
  const examples = [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)].reduce(
    (n, r) => n + r.examples.match.length + r.examples.nomatch.length,
    0,
  );
  for (const w of waived) ctx.stdout(waivedLine(folder, w));
  ctx.stdout(
    `${set.name} ${set.version} (sha256 ${set.hash.slice(0, 12)}): ${rules} rules, ${examples} examples, ${failures.length} failing${waivedSummary(waived.length)}\n`,
  );
  if (failures.length) ctx.exitCode = EXIT_FINDINGS;
}

function diff(ctx: CliContext, a: string, b: string, asJson: boolean): void {
  const result = diffSets(loadLexiconSet(resolvePath(ctx, a)), loadLexiconSet(resolvePath(ctx, b)));
  ctx.stdout(asJson ? json(result) : formatSetDiff(result));
}

interface ExportFlags {
  to: string;
  lexicons?: string;
  out: string;
  maxEntries?: string;
}

function exportCommand(ctx: CliContext, flags: ExportFlags): void {
  const format = oneOf('--to', flags.to, DICTIONARY_FORMATS)!;
  const set = loadLexiconSet(lexiconDir(ctx, flags.lexicons));
  const maxEntries = flags.maxEntries === undefined ? MAX_EXPANSION : Number(flags.maxEntries);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new UsageError(`--max-entries must be a whole number ≥ 1, got "${flags.maxEntries}"`);
  const result = exportSet(set, format, { maxEntries });
  const text = format === 'quanteda' ? writeQuanteda(result.dictionary) : writeLiwc(result.dictionary);
  writeFileAtomicSync(resolvePath(ctx, flags.out), text);
  printWarnings(ctx, result.warnings);
  const { entries, patterns, approximatedPatterns, skippedPatterns, skippedRules } = result.stats;
  ctx.stdout(
    `${flags.out}: ${entries} entries from ${patterns} patterns (${approximatedPatterns} approximated); not representable: ${skippedPatterns} patterns, ${skippedRules} whole rules (see the warnings${format === 'quanteda' ? ' and the head of the file' : ''})\n`,
  );
}

function parseMap(entries: string[] | undefined): Map<string, Category> {
  const map = new Map<string, Category>();
  for (const entry of entries ?? []) {
    const at = entry.lastIndexOf('=');
    const key = entry.slice(0, at);
    const category = entry.slice(at + 1);
    if (at <= 0 || !(CATEGORIES as readonly string[]).includes(category)) {
      throw new UsageError(`--map wants KEY=CATEGORY with a category of ${CATEGORIES.join(', ')}, got "${entry}"`);
    }
    map.set(key, category as Category);
  }
  return map;
}

function readDictionary(file: string, format: DictionaryFormat): { dictionary: Dictionary; warnings: Warning[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read (${(err as Error).message})`);
  }
  return format === 'quanteda' ? { dictionary: readQuanteda(text, file), warnings: [] } : readLiwc(text, file);
}

interface ImportFlags {
  from: string;
  out: string;
  map?: string[];
  into?: string;
}

function importCommand(ctx: CliContext, file: string, flags: ImportFlags): void {
  const format = oneOf('--from', flags.from, DICTIONARY_FORMATS)!;
  const map = parseMap(flags.map);
  const source = resolvePath(ctx, file);
  const { dictionary, warnings: readWarnings } = readDictionary(source, format);
  const referenceDir = lexiconDir(ctx, flags.into);
  const result = importDictionary({
    dictionary,
    source: path.basename(file),
    format,
    map,
    reference: loadLexiconSet(referenceDir),
    referenceFiles: readSetFiles(referenceDir),
    into: flags.into !== undefined,
  });
  const outDir = resolvePath(ctx, flags.out);
  writeFolderAtomic(outDir, result.files);
  printWarnings(ctx, [...readWarnings, ...result.warnings]);
  const set = loadLexiconSet(outDir);
  const waived: WaivedExample[] = [];
  const failures = checkExamples(createTagger(set), waived);
  for (const f of failures) ctx.stderr(`${path.join(outDir, f.file)}:${f.line ?? 0}: ${f.rule}: ${f.message}\n`);
  for (const w of waived) ctx.stderr(waivedLine(outDir, w));
  ctx.stdout(
    `${flags.out}: ${set.name} ${set.version} (sha256 ${set.hash.slice(0, 12)}): ${result.rules} rules, ${result.patterns} patterns imported; ${failures.length} failing examples${waivedSummary(waived.length)}\n`,
  );
  if (failures.length) ctx.exitCode = EXIT_FINDINGS;
}

export function register(program: Command, ctx: CliContext): void {
  const lexicon = program.command('lexicon').description('Check, compare, export and import lexicon sets.');
  lexicon
    .command('check')
    .description('Validate a lexicon set and run every rule example (exit 1: failing examples, 2: invalid set).')
    .argument('[dir]', 'lexicon set folder (default: the bundled lexicons/)')
    .action((dir: string | undefined) => check(ctx, dir));
  lexicon
    .command('diff')
    .description('Show what changed between two lexicon sets: rules, patterns, weights, scoring, overlays, version and hash.')
    .argument('<a>', 'the old lexicon set folder')
    .argument('<b>', 'the new lexicon set folder')
    .option('--json', 'machine-readable output')
    .action((a: string, b: string, flags: { json?: boolean }) => diff(ctx, a, b, Boolean(flags.json)));
  lexicon
    .command('export')
    .description('Write a lexicon set as a quanteda YAML dictionary or a LIWC .dic file (what cannot be represented is listed).')
    .requiredOption('--to <format>', `dictionary format (${DICTIONARY_FORMATS.join('|')})`)
    .option('--lexicons <dir>', 'lexicon set folder (default: the bundled lexicons/)')
    .requiredOption('-o, --out <file>', 'dictionary file to write (.yml for quanteda, .dic for LIWC)')
    .option('--max-entries <n>', `most entries one pattern may expand to (default ${MAX_EXPANSION}); a larger one is approximated, then left out`)
    .action((flags: ExportFlags) => exportCommand(ctx, flags));
  lexicon
    .command('import')
    .description('Make a lexicon set from a quanteda YAML dictionary or a LIWC .dic file.')
    .argument('<file>', 'dictionary file')
    .requiredOption('--from <format>', `dictionary format (${DICTIONARY_FORMATS.join('|')})`)
    .requiredOption('-o, --out <dir>', 'lexicon set folder to write')
    .option('--map <key=category...>', 'map a dictionary key to a spiral category (keys named like categories map themselves)')
    .option('--into <dir>', 'add the imported rules to a copy of this set (default: a set of the imported rules alone, scoring from the bundled set)')
    .action((file: string, flags: ImportFlags) => importCommand(ctx, file, flags));
}
