// docs/lexicons.md is generated from the lexicons by scripts/lexicon-docs.mjs:
// it must be in sync with the bundled set, and render what the rules say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ESM script without type declarations
import { renderLexiconDocs } from '../../scripts/lexicon-docs.mjs';
import { BUNDLED_LEXICONS, MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';

const render = renderLexiconDocs as (dir: string) => string;

describe('lexicon docs', () => {
  it('docs/lexicons.md is what the script generates from lexicons/ (run node scripts/lexicon-docs.mjs)', () => {
    const current = readFileSync(path.join(ROOT, 'docs/lexicons.md'), 'utf8');
    expect(current).toBe(render(BUNDLED_LEXICONS));
  });

  it('lists every rule with its weight, requirement and negation behaviour, escaping pipes', () => {
    const doc = render(MINI_LEXICONS);
    expect(doc).toContain('Set `mini` version `1`');
    expect(doc).toMatch(/\| `denial.internal-affairs` \| Interference in internal affairs\. \| 2 \| relevance \| norm_acknowledgment \| 2 \/ 1 \|/);
    // a move rule without when_negated drops; a helper keeps
    expect(doc).toMatch(/\| `rhetorical.baseless` \|[^\n]*\| drop \|/);
    expect(doc).toMatch(/\| `relevance.human-rights` \|[^\n]*\| keep \|/);
    // patterns are listed verbatim as code, alternatives intact
    expect(doc).toContain('- `interfer* in (our|its|the)? internal affairs`');
    expect(doc).toContain('| `relevance_threshold` | 1 |');
  });
});
