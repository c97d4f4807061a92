import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { normaliseCountry } from '../../countries.js';
import { UsageError, type CliContext } from '../context.js';
import { lexiconCache, lexiconDir, resolvePath } from '../options.js';

interface TagInput {
  id: unknown;
  text: string;
  country?: string;
  year?: number;
  venue?: string;
  /** The sentence before: it decides an unclear target and carries relevance, as in a run. */
  context?: string;
}

function parseInputLine(raw: string, where: string): TagInput {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where}: expected a JSON object`);
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') throw new UsageError(`${where}: "text" must be a string`);
  if (record.id === undefined) throw new UsageError(`${where}: "id" is required`);
  const country = typeof record.country === 'string' ? normaliseCountry(record.country) : undefined;
  const year = typeof record.year === 'number' ? record.year : undefined;
  const venue = typeof record.venue === 'string' ? record.venue : undefined;
  const context = typeof record.context === 'string' && record.context.trim() !== '' ? record.context : undefined;
  return { id: record.id, text: record.text, country, year, venue, context };
}

export function registerTag(program: Command, ctx: CliContext): void {
  program
    .command('tag')
    .description('Tag JSON lines ({"id","text"} plus optional country, year, venue, context) and write one JSON line per input, in order.')
    .argument('[file]', 'input file, or - for standard input', '-')
    .option('--lexicons <dir>', 'lexicon set folder (default: the bundled lexicons/)')
    .option('--case <ISO3>', 'apply this case overlay to every line')
    .option('--allow-failing-examples', 'tag with a lexicon set whose rule examples fail (listed as warnings), to experiment')
    .option('--no-cache', 'compile and check the lexicon set afresh instead of loading it from the cache (~/.cache/spiral)')
    .action(async (file: string, flags: { lexicons?: string; case?: string; allowFailingExamples?: boolean; cache?: boolean }) => {
      // Loaded here, not at start-up: `spiral --help` must not pay for the tagger.
      const [{ openLexiconSet }, { createTagger }] = await Promise.all([import('../../tag/open-set.js'), import('../../tag/tagger.js')]);
      const { set, compiled, warnings } = await openLexiconSet(lexiconDir(ctx, flags.lexicons), {
        allowFailingExamples: flags.allowFailingExamples,
        cacheDir: lexiconCache(ctx, flags.cache),
      });
      for (const w of warnings) ctx.stderr(`spiral: warning: ${w}\n`);
      const tagger = createTagger(set, { forceCase: flags.case ? normaliseCountry(flags.case) : undefined, compiled });
      const name = file === '-' ? '<stdin>' : file;
      const input = file === '-' ? Readable.from(ctx.readStdin()) : createReadStream(resolvePath(ctx, file));
      const lines = createInterface({ input, crlfDelay: Infinity });
      let lineNo = 0;
      try {
        for await (const raw of lines) {
          lineNo++;
          if (!raw.trim()) continue;
          const item = parseInputLine(raw, `${name}:${lineNo}`);
          const r = tagger.tag(item.text, { country: item.country, year: item.year, venue: item.venue, context: item.context });
          const line = {
            id: item.id,
            label: r.label,
            confidence: r.confidence,
            target: r.target,
            target_confidence: r.target_confidence,
            target_basis: r.target_basis,
            scores: r.scores,
            evidence: r.evidence,
            flags: r.flags,
          };
          ctx.stdout(`${JSON.stringify(line)}\n`);
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${name}: file not found`);
        throw err;
      }
    });
}
