// From spiral's pattern language to dictionary entries. A dictionary entry is
// a fixed sequence of token globs (quanteda: `*` any characters, so `*` alone
// is any one token; a multi-word value is a phrase), so a pattern becomes the
// entries its elements expand to:
//
//   `=word`      the word
//   `word`       every form spiral matches (inflections(): deny, denied, denies, denying)
//   `interfer*`  `interfer*`
//   `_`          `*` (any one token)
//   `a ..2 b`    `a b`, `a * b`, `a * * b` (a gap of 0 to N words: N + 1 phrases)
//   `(a|b c)`, `x?`, `@class`  one entry per alternative (classes are spliced into patterns when loaded)
//
// That is exact, up to the number of entries (`limit` per pattern). A pattern
// over it is approximated, each step written into the result so the user sees
// it: first each inflected word becomes the glob of its forms' common prefix
// (deny, denies, denied, denying → `den*`), then — only then — still too many
// entries means the pattern is not exported. A stem `~word` is always an
// approximation: the glob of what the stem and the word begin with
// (`~investigate` → `investig*`), broader than the Porter stem.
import { inflections, stem } from '../lexicon/morph.js';
import { MIN_PREFIX, type Atom, type Element, type PatternAst } from '../lexicon/pattern.js';

/** Entries one pattern may expand to (an option of `spiral lexicon export`): a LIWC-sized dictionary holds a few thousand. */
export const MAX_EXPANSION = 2000;

export type Expansion =
  | {
      ok: true;
      values: string[];
      /** How the entries are broader than the pattern (empty when they match exactly what it matches). */
      approximations: string[];
    }
  | { ok: false; reason: string };

class Unrepresentable extends Error {}

/** The longest prefix all the strings share. */
function commonPrefix(strings: readonly string[]): string {
  let prefix = strings[0] ?? '';
  for (const s of strings) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

interface Expander {
  /** Inflected words as the glob of their forms' common prefix. */
  inflectionsAsGlobs: boolean;
  approximations: Set<string>;
}

function atomForms(atom: Atom, x: Expander): string[] {
  switch (atom.kind) {
    case 'exact':
      return [atom.word];
    case 'prefix':
      return [`${atom.prefix}*`];
    case 'any':
      return ['*'];
    case 'word': {
      const forms = inflections(atom.word);
      const prefix = commonPrefix(forms);
      if (!x.inflectionsAsGlobs || forms.length === 1 || prefix.length < MIN_PREFIX) return forms;
      x.approximations.add(`"${atom.word}" as ${prefix}* (its forms ${forms.join(', ')})`);
      return [`${prefix}*`];
    }
    case 'stem': {
      const prefix = commonPrefix([stem(atom.word), atom.word]);
      if (prefix.length < MIN_PREFIX)
        throw new Unrepresentable(`stem "~${atom.word}" (its Porter stem "${stem(atom.word)}" gives no prefix of ${MIN_PREFIX}+ letters)`);
      x.approximations.add(`stem "~${atom.word}" as ${prefix}* (every word beginning so, not only those with the stem "${stem(atom.word)}")`);
      return [`${prefix}*`];
    }
  }
}

/** Token sequences one element can consume (an optional element can also consume nothing). */
function elementOptions(element: Element, x: Expander): string[][] {
  if (element.kind === 'gap') return Array.from({ length: element.max + 1 }, (_, n) => Array<string>(n).fill('*'));
  const options: string[][] = [];
  for (const alternative of element.alternatives) {
    let sequences: string[][] = [[]];
    for (const atom of alternative) {
      const forms = atomForms(atom, x);
      sequences = sequences.flatMap((seq) => forms.map((f) => [...seq, f]));
    }
    options.push(...sequences);
  }
  if (element.optional) options.push([]);
  return dedupe(options);
}

function dedupe(options: string[][]): string[][] {
  const seen = new Map(options.map((o) => [o.join(' '), o]));
  return [...seen.values()];
}

function attempt(ast: PatternAst, limit: number, inflectionsAsGlobs: boolean): { values: string[]; approximations: string[] } | { count: number } {
  const x: Expander = { inflectionsAsGlobs, approximations: new Set() };
  const perElement = ast.elements.map((e) => elementOptions(e, x));
  const count = perElement.reduce((n, options) => n * options.length, 1);
  if (count > limit) return { count };
  let sequences: string[][] = [[]];
  for (const options of perElement) sequences = sequences.flatMap((seq) => options.map((o) => [...seq, ...o]));
  const values = [...new Set(sequences.filter((s) => s.length > 0).map((s) => s.join(' ')))].sort();
  return { values, approximations: [...x.approximations] };
}

export function expandPattern(ast: PatternAst, limit = MAX_EXPANSION): Expansion {
  try {
    const exact = attempt(ast, limit, false);
    if ('values' in exact) return { ok: true, ...exact };
    const globbed = attempt(ast, limit, true);
    if ('values' in globbed) return { ok: true, ...globbed };
    return {
      ok: false,
      reason: `expands to ${exact.count} entries, ${globbed.count} with inflections as prefix globs (more than ${limit}; raise --max-entries to export it)`,
    };
  } catch (err) {
    if (err instanceof Unrepresentable) return { ok: false, reason: err.message };
    throw err;
  }
}
