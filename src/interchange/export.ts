// A lexicon set as a dictionary: one key per category, one nested key per rule
// (quanteda) or one key per category (LIWC, which has no nesting), each with the
// rule's patterns expanded to glob entries in the nearest form (expand.ts).
// What a dictionary cannot say is reported, rule by rule, and listed in the
// dictionary's own head (quanteda; LIWC has no comments): patterns left out or
// approximated, `requires`, `when_negated`, weights, and the case overlays. Pure.
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { CATEGORIES, defaultWhenNegated } from '../lexicon/schema.js';
import type { Dictionary, DictionaryFormat, DictNode, Warning } from './dictionary.js';
import { expandPattern, MAX_EXPANSION } from './expand.js';

export interface ExportResult {
  dictionary: Dictionary;
  warnings: Warning[];
  /** Entries written; patterns exported (of which approximated) and left out. */
  stats: { entries: number; patterns: number; approximatedPatterns: number; skippedPatterns: number; skippedRules: number };
}

export interface ExportOptions {
  /** Most entries one pattern may expand to (expand.ts). */
  maxEntries?: number;
}

const where = (rule: Rule) => `${rule.file}:${rule.line}: ${rule.id}`;

/** Rule properties no dictionary format carries. */
function lostProperties(rule: Rule): Warning[] {
  const out: Warning[] = [];
  if (rule.requires.length)
    out.push({ where: where(rule), message: `requires [${rule.requires.join(', ')}] is not exported: dictionary entries count wherever they occur` });
  if (rule.unless.length)
    out.push({
      where: where(rule),
      message: `unless [${rule.unless.map((p) => p.source).join('; ')}] is not exported: a dictionary cannot except matches, so the entries match more than the rule`,
    });
  if (rule.whenNegated !== defaultWhenNegated(rule.category))
    out.push({ where: where(rule), message: `when_negated: ${rule.whenNegated} is not exported: dictionaries do not see negation` });
  return out;
}

/** LIWC allows its wildcard only at the end of an entry (so no any-word and no gap either); quanteda globs every word. */
function fitsFormat(values: string[], format: DictionaryFormat): string | undefined {
  if (format === 'liwc' && values.some((v) => /\*./.test(v) || /(^| )\*( |$)/.test(v)))
    return 'a * inside a multi-word entry or standing for a word (LIWC allows * only at the end of an entry)';
  return undefined;
}

/** What the dictionary's head lists: each pattern left out or approximated, and why. */
export interface PatternNote {
  rule: string;
  pattern: string;
  kind: 'not exported' | 'approximated';
  why: string;
}

function ruleValues(rule: Rule, format: DictionaryFormat, limit: number, notes: PatternNote[], stats: ExportResult['stats']): string[] {
  const values = new Set<string>();
  for (const ast of rule.patterns) {
    const expanded = expandPattern(ast, limit);
    const misfit = expanded.ok ? fitsFormat(expanded.values, format) : undefined;
    const expansion = misfit ? { ok: false as const, reason: misfit } : expanded;
    if (expansion.ok) {
      stats.patterns++;
      for (const v of expansion.values) values.add(v);
      if (expansion.approximations.length > 0) {
        stats.approximatedPatterns++;
        notes.push({ rule: rule.id, pattern: ast.source, kind: 'approximated', why: `broader than spiral's: ${expansion.approximations.join('; ')}` });
      }
    } else {
      stats.skippedPatterns++;
      notes.push({ rule: rule.id, pattern: ast.source, kind: 'not exported', why: expansion.reason });
    }
  }
  return [...values].sort();
}

const noteLine = (n: PatternNote) => `${n.kind}: ${n.rule}: "${n.pattern}": ${n.why}`;

export function exportSet(set: LexiconSet, format: DictionaryFormat, options: ExportOptions = {}): ExportResult {
  const limit = options.maxEntries ?? MAX_EXPANSION;
  const warnings: Warning[] = [];
  const notes: PatternNote[] = [];
  const stats = { entries: 0, patterns: 0, approximatedPatterns: 0, skippedPatterns: 0, skippedRules: 0 };
  const nodes: DictNode[] = [];
  for (const category of CATEGORIES) {
    const rules = set.rules.filter((r) => r.category === category).sort((a, b) => (a.id < b.id ? -1 : 1));
    const children: DictNode[] = [];
    for (const rule of rules) {
      warnings.push(...lostProperties(rule));
      const before = notes.length;
      const values = ruleValues(rule, format, limit, notes, stats);
      for (const n of notes.slice(before)) warnings.push({ where: where(rule), message: `pattern "${n.pattern}" ${n.kind}: ${n.why}` });
      if (values.length === 0) {
        stats.skippedRules++;
        warnings.push({ where: where(rule), message: 'rule left out: none of its patterns is representable' });
        continue;
      }
      children.push({ name: rule.id, values, children: [], note: `${rule.description.trim().replace(/\s+/g, ' ')} (weight ${rule.weight})` });
    }
    if (children.length === 0) continue;
    if (format === 'quanteda') nodes.push({ name: category, values: [], children });
    else nodes.push({ name: category, values: [...new Set(children.flatMap((c) => c.values))].sort(), children: [] });
  }
  stats.entries = nodes.reduce((n, node) => n + node.values.length + node.children.reduce((m, c) => m + c.values.length, 0), 0);
  const weighted = set.rules.filter((r) => r.weight !== 1).length;
  if (weighted)
    warnings.push({ where: set.dir, message: `weights are not exported: dictionaries count matches (${weighted} rules have a weight other than 1)` });
  if (format === 'liwc') warnings.push({ where: set.dir, message: 'LIWC has no nested categories: the rules of each category are merged into one category' });
  for (const overlay of Object.values(set.cases)) {
    warnings.push({ where: overlay.file, message: `case overlay for ${overlay.country} is not exported: a dictionary has no per-country rules` });
  }
  const header = [
    `spiral lexicon set ${set.name} ${set.version} (sha256 ${set.hash})`,
    'Exported by `spiral lexicon export`. Weights, requires, unless, when_negated, negation, attribution and',
    'case overlays are not part of a dictionary. Each pattern is written as the phrases it matches:',
    'a word as its forms, `_` as *, a gap of up to N words as N + 1 phrases with * for each word.',
    'spiral splits words at hyphens and apostrophes ("so-called" is "so called") and never lets a',
    'phrase run across a clause break (; : a dash or brackets): to match the same text in quanteda,',
    'tokenise with tokens(x, split_hyphens = TRUE) and look up each clause.',
    `Patterns: ${stats.patterns} exported (${stats.approximatedPatterns} approximated), ${stats.skippedPatterns} not exported${notes.length ? ':' : '.'}`,
    ...notes.map((n) => `  ${noteLine(n)}`),
  ];
  return { dictionary: { header, nodes }, warnings, stats };
}
