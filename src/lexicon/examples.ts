// Run every rule's examples, as ESLint's RuleTester runs valid and invalid cases:
// a `match` example must make the rule fire (active evidence) when tagged with
// the whole set; a `nomatch` example must not; `{text, label}` also checks the label.
import path from 'node:path';
import type { Tagger } from '../tag/tagger.js';
import { LexiconError } from './errors.js';
import type { Rule } from './types.js';

export interface ExampleFailure {
  rule: string;
  file: string;
  line?: number;
  kind: 'match' | 'nomatch';
  text: string;
  message: string;
}

function fires(tagger: Tagger, rule: Rule, text: string): { fired: boolean; label: string } {
  const result = tagger.tag(text, { country: rule.country });
  const fired = result.evidence.some((e) => e.rule === rule.id && e.weight > 0);
  return { fired, label: result.label };
}

export function checkRuleExamples(tagger: Tagger, rule: Rule): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const kind of ['match', 'nomatch'] as const) {
    for (const example of rule.examples[kind]) {
      const { fired, label } = fires(tagger, rule, example.text);
      const base = { rule: rule.id, file: rule.file, line: example.line, kind, text: example.text };
      if (kind === 'match' && !fired) failures.push({ ...base, message: 'should match but the rule did not fire' });
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

export function checkExamples(tagger: Tagger): ExampleFailure[] {
  return allRules(tagger).flatMap((rule) => checkRuleExamples(tagger, rule));
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
