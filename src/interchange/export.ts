// A lexicon set as a dictionary: one key per category, one nested key per rule
// (quanteda) or one key per category (LIWC, which has no nesting), each with the
// rule's patterns expanded to glob entries. What a dictionary cannot say is
// reported, rule by rule: gaps, stems, any-word, large expansions, `requires`,
// `when_negated`, weights, and the case overlays. Pure.
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { HELPER_CATEGORIES, MOVE_LABELS, type Category } from '../types.js';
import type { Dictionary, DictionaryFormat, DictNode, Warning } from './dictionary.js';
import { expandPattern } from './expand.js';

export interface ExportResult {
  dictionary: Dictionary;
  warnings: Warning[];
  /** Entries written, patterns exported and patterns left out. */
  stats: { entries: number; patterns: number; skippedPatterns: number; skippedRules: number };
}

const CATEGORY_ORDER: readonly Category[] = [...MOVE_LABELS, ...HELPER_CATEGORIES];
const where = (rule: Rule) => `${rule.file}:${rule.line}: ${rule.id}`;

function defaultWhenNegated(rule: Rule): string {
  return (HELPER_CATEGORIES as readonly string[]).includes(rule.category) ? 'keep' : 'drop';
}

/** Rule properties no dictionary format carries. */
function lostProperties(rule: Rule): Warning[] {
  const out: Warning[] = [];
  if (rule.requires.length)
    out.push({ where: where(rule), message: `requires [${rule.requires.join(', ')}] is not exported: dictionary entries count wherever they occur` });
  if (rule.whenNegated !== defaultWhenNegated(rule))
    out.push({ where: where(rule), message: `when_negated: ${rule.whenNegated} is not exported: dictionaries do not see negation` });
  return out;
}

/** LIWC allows its wildcard only at the end of an entry; quanteda globs every word. */
function fitsFormat(values: string[], format: DictionaryFormat): string | undefined {
  if (format === 'liwc' && values.some((v) => /\*./.test(v))) return 'a prefix (*) inside a multi-word entry (LIWC allows * only at the end of an entry)';
  return undefined;
}

function ruleValues(rule: Rule, format: DictionaryFormat, warnings: Warning[], stats: ExportResult['stats']): string[] {
  const values = new Set<string>();
  for (const ast of rule.patterns) {
    const expanded = expandPattern(ast);
    const misfit = expanded.ok ? fitsFormat(expanded.values, format) : undefined;
    const expansion = misfit ? { ok: false as const, reason: misfit } : expanded;
    if (expansion.ok) {
      stats.patterns++;
      for (const v of expansion.values) values.add(v);
    } else {
      stats.skippedPatterns++;
      warnings.push({ where: where(rule), message: `pattern "${ast.source}" not exported: ${expansion.reason}` });
    }
  }
  return [...values].sort();
}

export function exportSet(set: LexiconSet, format: DictionaryFormat): ExportResult {
  const warnings: Warning[] = [];
  const stats = { entries: 0, patterns: 0, skippedPatterns: 0, skippedRules: 0 };
  const nodes: DictNode[] = [];
  for (const category of CATEGORY_ORDER) {
    const rules = set.rules.filter((r) => r.category === category).sort((a, b) => (a.id < b.id ? -1 : 1));
    const children: DictNode[] = [];
    for (const rule of rules) {
      warnings.push(...lostProperties(rule));
      const values = ruleValues(rule, format, warnings, stats);
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
    'Exported by `spiral lexicon export`. Weights, requires, when_negated, negation, attribution and',
    'case overlays are not part of a dictionary; patterns with gaps, stems or any-word were left out.',
    'spiral splits words at hyphens and apostrophes ("so-called" is "so called"): to match the same',
    'text in quanteda, tokenise with tokens(x, split_hyphens = TRUE).',
  ];
  return { dictionary: { header, nodes }, warnings, stats };
}
