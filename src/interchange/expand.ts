// From spiral's pattern language to dictionary globs. A dictionary entry is a
// fixed sequence of words, each an exact form or a prefix (`interfer*`), so a
// pattern is representable when it has no gap (`..N`), no any-word (`_`) and no
// stem (`~word`), and when its alternatives, optional parts and inflections
// (`deny` → deny, denied, denies, denying) expand to a small number of entries.
import { inflections } from '../lexicon/morph.js';
import type { Atom, Element, PatternAst } from '../lexicon/pattern.js';

/** More entries than this from one pattern is not "a small expansion": the pattern is reported instead. */
export const MAX_EXPANSION = 256;

export type Expansion = { ok: true; values: string[] } | { ok: false; reason: string };

class Unrepresentable extends Error {}

function atomForms(atom: Atom): string[] {
  switch (atom.kind) {
    case 'exact':
      return [atom.word];
    case 'prefix':
      return [`${atom.prefix}*`];
    case 'word':
      return inflections(atom.word);
    case 'stem':
      throw new Unrepresentable(`stem "~${atom.word}" (a dictionary has no Porter stems)`);
    case 'any':
      throw new Unrepresentable('"_" (any one word)');
  }
}

/** Word sequences one element can consume (an optional element can also consume nothing). */
function elementOptions(element: Element): string[][] {
  if (element.kind === 'gap') throw new Unrepresentable(`gap "..${element.max}" (dictionary entries are contiguous words)`);
  const options: string[][] = [];
  for (const alternative of element.alternatives) {
    let sequences: string[][] = [[]];
    for (const atom of alternative) {
      const forms = atomForms(atom);
      sequences = sequences.flatMap((seq) => forms.map((f) => [...seq, f]));
    }
    options.push(...sequences);
  }
  if (element.optional) options.push([]);
  return options;
}

export function expandPattern(ast: PatternAst, limit = MAX_EXPANSION): Expansion {
  try {
    const perElement = ast.elements.map(elementOptions);
    const count = perElement.reduce((n, options) => n * options.length, 1);
    if (count > limit) return { ok: false, reason: `expands to ${count} entries (more than ${limit})` };
    let sequences: string[][] = [[]];
    for (const options of perElement) sequences = sequences.flatMap((seq) => options.map((o) => [...seq, ...o]));
    const values = [...new Set(sequences.filter((s) => s.length > 0).map((s) => s.join(' ')))].sort();
    return { ok: true, values };
  } catch (err) {
    if (err instanceof Unrepresentable) return { ok: false, reason: err.message };
    throw err;
  }
}
