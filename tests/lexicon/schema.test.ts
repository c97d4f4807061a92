// One schema (src/lexicon/schema.ts): the loader validates by it and the
// rule-field table of docs/lexicon-format.md is generated from it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ESM script without type declarations
import { withFieldTable } from '../../scripts/lexicon-docs.mjs';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { defaultWhenNegated, RULE_FIELDS, RULE_ID_SHAPE } from '../../src/lexicon/schema.js';
import { lexiconLoadError, MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The mini set with acknowledgment.respect rewritten by `edit`. */
function miniWithRule(edit: (rule: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-schema-'));
  dirs.push(dir);
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  const file = path.join(dir, 'norm-acknowledgment.yaml');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('  - id: acknowledgment.respect');
  writeFileSync(file, text.slice(0, start) + edit(text.slice(start)));
  return dir;
}

describe('lexicon schema', () => {
  it('docs/lexicon-format.md carries the rule-field table the schema generates (run node scripts/lexicon-docs.mjs)', () => {
    const page = readFileSync(path.join(ROOT, 'docs/lexicon-format.md'), 'utf8');
    expect((withFieldTable as (p: string) => string)(page)).toBe(page);
  });

  it('refuses a rule without each required field, naming the field', () => {
    for (const field of RULE_FIELDS.filter((f) => f.required && f.key !== 'id')) {
      const dir = miniWithRule((rule) => rule.replace(new RegExp(`\\n    ${field.key}:[^\\n]*(\\n      [^\\n]*)*`), ''));
      expect(lexiconLoadError(dir), field.key).toContain(field.key);
    }
  });

  it('accepts the optional fields and refuses a key the schema does not list', () => {
    expect(() =>
      loadLexiconSet(miniWithRule((rule) => rule.replace('    weight: 1\n', '    weight: 1\n    requires: [relevance]\n    when_negated: keep\n'))),
    ).not.toThrow();
    expect(lexiconLoadError(miniWithRule((rule) => rule.replace('    weight: 1\n', '    weight: 1\n    priority: 3\n')))).toMatch(
      /norm-acknowledgment\.yaml:\d+: unknown key "priority"/,
    );
  });

  it('gives rule ids one shape and an absent when_negated one meaning', () => {
    expect(RULE_ID_SHAPE.test('denial.rights-as-pretext')).toBe(true);
    expect(RULE_ID_SHAPE.test('Denial.x')).toBe(false);
    expect(RULE_ID_SHAPE.test('nodot')).toBe(false);
    expect(defaultWhenNegated('denial')).toBe('drop');
    expect(defaultWhenNegated('relevance')).toBe('keep');
    expect(loadLexiconSet(MINI_LEXICONS).rules.find((r) => r.id === 'acknowledgment.respect')!.whenNegated).toBe('drop');
  });
});
