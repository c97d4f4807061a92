// `spiral facts import-untc FILE`: build the treaty part of facts files from a UN
// Treaty Collection status table (plus predecessor States from the status pages'
// end notes). `spiral facts check DIR`: validate a facts folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkFactDate } from '../../indicators/dates.js';
import { newFactsFile, replaceTreaties } from '../../indicators/facts-write.js';
import { buildTreatySections, type FootnotePage } from '../../indicators/import-untc.js';
import { loadFactsDir } from '../../indicators/load-facts.js';
import { footnoteActions } from '../../indicators/untc-footnotes.js';
import { parseUntcTable, untcCountry } from '../../indicators/untc.js';
import { UsageError, EXIT_FINDINGS, type CliContext } from '../context.js';
import { writeFileAtomic } from '../../run/atomic.js';

interface ImportOptions {
  out: string;
  footnotes?: string;
  countries?: string;
  asOf?: string;
}

/** The day the table was scraped: --as-of, else access_date in an access_log.json beside it. */
function tableDate(file: string, given: string | undefined): string {
  if (given !== undefined) {
    const wrong = checkFactDate(given);
    if (wrong) throw new UsageError(`--as-of: ${wrong}`);
    return given;
  }
  const log = join(dirname(file), 'access_log.json');
  if (existsSync(log)) {
    const date = (JSON.parse(readFileSync(log, 'utf8')) as { access_date?: unknown }).access_date;
    if (typeof date === 'string' && checkFactDate(date) === null) return date;
  }
  throw new UsageError(`${file}: give --as-of YYYY-MM-DD, the day the table was taken (no access_log.json with access_date beside it)`);
}

/** Status pages named <instrument>.html; their source URL comes from the table's source_url column. */
function readFootnotePages(dir: string, urls: Map<string, string>): FootnotePage[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--footnotes: folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .map((name) => {
      const instrument = basename(name, '.html');
      const file = join(dir, name);
      const url = urls.get(instrument) ?? `UN Treaty Collection status page ${name}`;
      return { instrument, file, facts: footnoteActions(readFileSync(file, 'utf8'), instrument, url) };
    });
}

function parseCountryList(list: string | undefined): Set<string> | null {
  if (list === undefined) return null;
  const codes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = codes.filter((c) => !untcCountry(c));
  if (bad.length > 0) throw new UsageError(`--countries: unknown country ${bad.join(', ')}`);
  return new Set(codes.map((c) => untcCountry(c)!));
}

async function importUntc(fileArg: string, opts: ImportOptions, ctx: CliContext): Promise<void> {
  const file = resolve(ctx.cwd, fileArg);
  if (!existsSync(file)) throw new UsageError(`table not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  const asOf = tableDate(file, opts.asOf);
  const table = parseUntcTable(text, fileArg);
  const urls = new Map(table.rows.map((r) => [r.instrument, r.source]));
  const pages = opts.footnotes ? readFootnotePages(resolve(ctx.cwd, opts.footnotes), urls) : [];
  const { sections, notes } = buildTreatySections(table, pages, asOf, basename(file));
  const only = parseCountryList(opts.countries);
  const outDir = resolve(ctx.cwd, opts.out);
  let written = 0;
  for (const [country, section] of sections) {
    if (only && !only.has(country)) continue;
    const target = join(outDir, `${country}.yaml`);
    const content = existsSync(target) ? replaceTreaties(readFileSync(target, 'utf8'), section) : newFactsFile(country, section);
    await writeFileAtomic(target, content);
    written++;
    ctx.stdout(`${country}: ${section.actions.length} treaty actions → ${target}\n`);
  }
  for (const n of notes) if (!only || only.has(n.slice(0, 3))) ctx.stderr(`note: ${n}\n`);
  if (only) for (const c of only) if (!sections.has(c)) ctx.stderr(`warning: ${c} has no row in ${fileArg}\n`);
  for (const u of table.unmapped) ctx.stderr(`unmapped: "${u.name}" (${fileArg}:${u.line}) — no ISO code for this name; its rows were not imported\n`);
  ctx.stderr(`${written} facts files written to ${outDir}; ${table.unmapped.length} names could not be mapped\n`);
  if (table.unmapped.length > 0) ctx.exitCode = EXIT_FINDINGS;
}

function checkFacts(dirArg: string, ctx: CliContext): void {
  const facts = loadFactsDir(resolve(ctx.cwd, dirArg));
  for (const [country, f] of [...facts].sort(([a], [b]) => a.localeCompare(b))) {
    ctx.stdout(
      `${country}: ${f.treaties.actions.length} treaty actions, ${f.institutionalisation.entries.length} institutionalisation, ${f.complaint_mechanisms.entries.length} complaint mechanisms\n`,
    );
  }
  ctx.stderr(`${facts.size} facts files OK\n`);
}

export function register(program: Command, ctx: CliContext): void {
  const facts = program.command('facts').description('Facts for the prescriptive-status indicators (corpus/facts/<ISO3>.yaml)');
  facts
    .command('import-untc')
    .description('Build the treaty part of facts files from a UN Treaty Collection status table')
    .argument('<file>', 'status table (columns country_name, treaty_id, action_type, action_date, signature_date, source_url)')
    .option('--out <dir>', 'facts folder to write or update', 'facts')
    .option('--footnotes <dir>', 'UNTC status pages (<instrument>.html) whose end notes hold predecessor States (Czechoslovakia)')
    .option('--countries <list>', 'only these countries (comma-separated names or codes)')
    .option('--as-of <date>', 'the day the table was taken (default: access_date of access_log.json beside it)')
    .action(async (file: string, opts: ImportOptions) => importUntc(file, opts, ctx));
  facts
    .command('check')
    .description('Validate a facts folder and summarise it')
    .argument('<dir>', 'facts folder')
    .action((dir: string) => checkFacts(dir, ctx));
}
