// Run every rule's examples, as ESLint's RuleTester runs valid and invalid cases:
// a `match` example must make the rule fire (active evidence) when tagged with
// the whole set; a `nomatch` example must not; `{text, label}` also checks the label.
//
// Rules imported from a dictionary (`spiral lexicon import --into`) live in
// their own files, `imported-*.yaml`, like an overlay on the set. The set's own
// examples were written for the set without them: where an imported rule fires
// on one of those sentences, its label and nomatch checks say nothing about the
// set's rule (the import changed the evidence), so they are not made; they are
// counted instead (`waived`), and `spiral lexicon check` lists them. Match
// examples are always checked, and the imported rules' own examples in full.
import path from 'node:path';
import type { Tagger } from '../tag/tagger.js';
import { LexiconError } from './errors.js';
import type { Rule, RuleExample } from './types.js';

/** Files of rules imported from a dictionary into a set. */
export const IMPORTED_FILE_PREFIX = 'imported-';

export const isImportedRule = (rule: Rule): boolean => rule.file.startsWith(IMPORTED_FILE_PREFIX);

export interface ExampleFailure {
  rule: string;
  file: string;
  line?: number;
  kind: 'match' | 'nomatch';
  text: string;
  message: string;
}

/** A check of the set's own example not made because an imported rule fires on the sentence. */
export interface WaivedExample {
  rule: string;
  file: string;
  line?: number;
  kind: 'match' | 'nomatch';
  text: string;
  /** The imported rules that fire on it. */
  imported: string[];
}

/** Where an example is said and by whom: its own venue and country, else its overlay's country. */
export function exampleMeta(rule: Pick<Rule, 'country'>, example: RuleExample): { country?: string; venue?: string } {
  return { country: example.country ?? rule.country, ...(example.venue ? { venue: example.venue } : {}) };
}

function tagExample(tagger: Tagger, rule: Rule, example: RuleExample, imported: ReadonlySet<string>) {
  const result = tagger.tag(example.text, exampleMeta(rule, example));
  const fired = result.evidence.some((e) => e.rule === rule.id && e.weight > 0);
  const importedFiring = isImportedRule(rule) ? [] : [...new Set(result.evidence.filter((e) => imported.has(e.rule) && e.weight > 0).map((e) => e.rule))];
  return { fired, label: result.label, importedFiring };
}

/** The ids of the set's imported rules. */
function importedRules(tagger: Tagger): Set<string> {
  return new Set(
    allRules(tagger)
      .filter(isImportedRule)
      .map((r) => r.id),
  );
}

export function checkRuleExamples(
  tagger: Tagger,
  rule: Rule,
  waived: WaivedExample[] = [],
  imported: ReadonlySet<string> = importedRules(tagger),
): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const kind of ['match', 'nomatch'] as const) {
    for (const example of rule.examples[kind]) {
      const { fired, label, importedFiring } = tagExample(tagger, rule, example, imported);
      const base = { rule: rule.id, file: rule.file, line: example.line, kind, text: example.text };
      if (kind === 'match' && !fired) failures.push({ ...base, message: 'should match but the rule did not fire' });
      const wouldFail = (kind === 'nomatch' && fired) || (example.label !== undefined && label !== example.label);
      if (wouldFail && importedFiring.length > 0) {
        waived.push({ ...base, imported: importedFiring });
        continue;
      }
      if (kind === 'nomatch' && fired) failures.push({ ...base, message: 'should not match but the rule fired' });
      if (example.label && label !== example.label) failures.push({ ...base, message: `expected label ${example.label}, tagger gave ${label}` });
    }
  }
  return failures;
}

/** Every rule of the set, including case-overlay rules. */
export function allRules(tagger: Tagger): Rule[] {
  return [...tagger.set.rules, ...Object.values(tagger.set.cases).flatMap((c) => c.rules)];
}

/** Run every example; `waived`, when given, receives the checks of the set's own examples that imported rules made moot. */
export function checkExamples(tagger: Tagger, waived: WaivedExample[] = []): ExampleFailure[] {
  const imported = importedRules(tagger);
  return allRules(tagger).flatMap((rule) => checkRuleExamples(tagger, rule, waived, imported));
}

/**
 * What failing examples mean for a set loaded to tag with: it is refused with
 * `file:line` for each (a LexiconError, like a syntax error), unless the user
 * lets it through to experiment; then the failures come back as warnings.
 */
export function examplesVerdict(dir: string, failures: readonly ExampleFailure[], allowFailingExamples = false): string[] {
  const problems = failures.map((f) => ({
    file: path.join(dir, f.file),
    line: f.line,
    message: `rule ${f.rule}: ${f.kind} example "${f.text}": ${f.message}`,
  }));
  if (problems.length === 0) return [];
  if (!allowFailingExamples) throw new LexiconError(problems);
  return problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
}
