import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { normaliseCountry } from '../../countries.js';
import { MAX_UTTERANCE_CHARS } from '../../segment/rules.js';
import { UsageError, type CliContext } from '../context.js';
import { lexiconCache, lexiconDir, resolvePath } from '../options.js';

interface TagInput {
  id: string | number;
  text: string;
  country?: string;
  year?: number;
  venue?: string;
  /** The sentence before: it decides an unclear target and carries relevance, as in a run. */
  context?: string;
}

/** An id the output line can carry back as it came: a string, or a number JSON can hold. */
function isId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

function shownId(value: unknown): string {
  if (typeof value === 'number') return `${value} (a number too large to hold, such as 1e400)`;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : String(JSON.stringify(value));
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
  if (!isId(record.id)) throw new UsageError(`${where}: "id" must be a string or a number, got ${shownId(record.id)}`);
  const country = typeof record.country === 'string' ? normaliseCountry(record.country) : undefined;
  if (typeof record.year === 'number' && !Number.isFinite(record.year)) throw new UsageError(`${where}: "year" is a number too large to hold (such as 1e400)`);
  const year = typeof record.year === 'number' ? record.year : undefined;
  const venue = typeof record.venue === 'string' ? record.venue : undefined;
  const context = typeof record.context === 'string' && record.context.trim() !== '' ? record.context : undefined;
  return { id: record.id, text: record.text, country, year, venue, context };
}

/**
 * Where a text longer than classify's sentence cap (MAX_UTTERANCE_CHARS) is
 * cut, by the segmenter's rule for an over-long sentence: after the last
 * clause break ("; ", ": ", ", ") in the first MAX_UTTERANCE_CHARS characters
 * when it lies in their second half, else after the last space, else at the
 * cap. Tagging is then bounded per line, as in classify (the tagger's work
 * grows faster than linearly in one utterance's length).
 */
export function capEnd(text: string): number {
  if (text.length <= MAX_UTTERANCE_CHARS) return text.length;
  const window = text.slice(0, MAX_UTTERANCE_CHARS);
  let cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(': '), window.lastIndexOf(', '));
  if (cut < MAX_UTTERANCE_CHARS / 2) cut = window.lastIndexOf(' ');
  if (cut > 0) return cut + 1;
  // No break at all: cut at the cap, but not inside a surrogate pair.
  return /[\uD800-\uDBFF]/.test(text[MAX_UTTERANCE_CHARS - 1]) ? MAX_UTTERANCE_CHARS - 1 : MAX_UTTERANCE_CHARS;
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
          const end = capEnd(item.text);
          if (end < item.text.length) {
            ctx.stderr(
              `warning: ${name}:${lineNo}: text of ${item.text.length} characters; only its first ${end} are tagged (the ${MAX_UTTERANCE_CHARS}-character sentence cap of classify; classify a document to tag all of it)\n`,
            );
          }
          const r = tagger.tag(item.text.slice(0, end), { country: item.country, year: item.year, venue: item.venue, context: item.context });
          const capped = end < item.text.length ? { tagged_chars: end } : {};
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
            ...capped,
          };
          ctx.stdout(`${JSON.stringify(line)}\n`);
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${name}: file not found`);
        throw err;
      }
    });
}
