// The lexicon lint of `spiral lexicon check`: patterns that say more than they
// need to. A bare word in a pattern already matches its real inflections (the
// compiler generates them, morph.ts), so `(deny|denies|denied)` lists two words
// for nothing, and a long alternation that repeats most of a word class should
// name the class, so the next paraphrase is added once for every rule. Findings
// are warnings: the set still loads and tags the same.
import { inflections } from './morph.js';
import type { LexiconSet, WordClass } from './types.js';

export interface LintFinding {
  file: string;
  line: number;
  /** The rule (absent for a class member). */
  rule?: string;
  message: string;
}

/** A group is worth a class when it shares this many single words with one... */
export const CLASS_SUGGESTION_MIN_SHARED = 5;
/** ...and they are at least this share of the group's single words. */
export const CLASS_SUGGESTION_MIN_SHARE = 0.6;

const BARE_WORD = /^[a-z]+$/;

/** The innermost alternation groups of a pattern's source, "(a|b c|d)" → ["a", "b c", "d"]. */
export function groupsOf(source: string): string[][] {
  const groups: string[][] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '(') open.push(i);
    else if (source[i] === ')' && open.length > 0) {
      const start = open.pop()!;
      const inner = source.slice(start + 1, i);
      if (!inner.includes('(')) groups.push(inner.split('|').map((a) => a.trim()));
    }
  }
  return groups;
}

/**
 * Alternatives the others of the same list already match: `denies` beside
 * `deny`. A word is reported only when every form it matches (itself and its
 * inflections) is matched by the words kept, so dropping every reported word
 * leaves the list matching exactly what it did: with `person|persons|people`,
 * `persons` is reported but `people` is not, since `person` does not match
 * `peoples`. Words are tried in alphabetical order, so the result is stable.
 */
export function redundantForms(alternatives: readonly string[]): Array<{ form: string; base: string }> {
  const kept = new Set(alternatives.filter((a) => BARE_WORD.test(a)));
  const out: Array<{ form: string; base: string }> = [];
  for (const form of [...kept].sort()) {
    const others = [...kept].filter((w) => w !== form);
    const matched = new Set(others.flatMap((w) => inflections(w)));
    if (!inflections(form).every((f) => matched.has(f))) continue;
    kept.delete(form);
    out.push({ form, base: others.find((w) => inflections(w).includes(form))! });
  }
  return out;
}

/** The class most of a group's single words come from, if it is worth naming. */
export function classForGroup(alternatives: readonly string[], classes: readonly WordClass[]): { name: string; shared: number } | undefined {
  const words = new Set(alternatives.filter((a) => BARE_WORD.test(a)));
  let best: { name: string; shared: number } | undefined;
  for (const c of classes) {
    const shared = c.members.filter((m) => words.has(m)).length;
    if (shared < CLASS_SUGGESTION_MIN_SHARED || shared / words.size < CLASS_SUGGESTION_MIN_SHARE) continue;
    if (!best || shared > best.shared) best = { name: c.name, shared };
  }
  return best;
}

/** Every lint finding of a set: its rules' patterns (and case overlays') and its classes' members. */
export function lintSet(set: LexiconSet): LintFinding[] {
  const findings: LintFinding[] = [];
  const rules = [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)];
  for (const rule of rules) {
    rule.patterns.forEach((pattern, i) => {
      const where = { file: rule.file, line: rule.line, rule: rule.id };
      for (const group of groupsOf(pattern.source)) {
        for (const { form, base } of redundantForms(group))
          findings.push({ ...where, message: `pattern ${i + 1}: "${form}" is a form of "${base}", which already matches it` });
        const suggestion = classForGroup(group, set.classes);
        if (suggestion)
          findings.push({
            ...where,
            message: `pattern ${i + 1}: ${suggestion.shared} of the group's words are members of @${suggestion.name}; name the class`,
          });
      }
    });
  }
  for (const c of set.classes) {
    for (const { form, base } of redundantForms(c.members))
      findings.push({ file: 'classes.yaml', line: c.line, message: `class ${c.name}: "${form}" is a form of "${base}", which already matches it` });
  }
  return findings;
}
