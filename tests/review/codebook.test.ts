// The review page's help panel: the codebook summary this project keeps in
// docs/codebook-summary.yaml, with every label and target of the codebook.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODEBOOK_SUMMARY_FILE, codebookSummary, parseCodebookSummary } from '../../src/review/codebook.js';
import { helpPanel, reviewPage } from '../../src/review/page.js';
import { LABELS, TARGET_KINDS } from '../../src/types.js';

describe('the codebook summary', () => {
  it('gives every label and every target, in the codebook order, each with what it means', () => {
    const c = codebookSummary();
    expect(c.labels.map((l) => l.label)).toEqual([...LABELS]);
    expect(c.targets.kinds.map((k) => k.target)).toEqual([...TARGET_KINDS]);
    for (const l of c.labels) expect(l.moves.length).toBeGreaterThan(0);
    expect(c.labels[0].means).toMatch(/^Contests the validity/);
    expect(c.deciding.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a summary that leaves a label or target out', () => {
    const text = readFileSync(CODEBOOK_SUMMARY_FILE, 'utf8');
    expect(() => parseCodebookSummary(text.replace('  - label: none', '  - label: nothing'), 'x.yaml')).toThrow(
      /x\.yaml: "labels" must give denial, rhetorical_action, argumentative_concession, norm_acknowledgment, none, in that order/,
    );
    expect(() => parseCodebookSummary(text.replace('    - target: general', '    - target: world'), 'x.yaml')).toThrow(/"targets" must say/);
  });

  it('is in the page, escaped, one key away (? or h)', () => {
    const page = reviewPage();
    expect(page).toContain('<aside id="help" aria-hidden="true" aria-label="codebook">');
    expect(page).toContain('<h3 id="help-denial"><kbd>1</kbd> <code>denial</code></h3><p>Contests the validity');
    expect(page).toContain('<h3 id="help-target-self"><kbd>6</kbd> <code>self</code></h3>');
    expect(page).toContain("if(k==='?'||k==='h'){ev.preventDefault();toggleHelp();return;}");
    const hostile = helpPanel({ ...codebookSummary(), unit: '<script>alert(1)</script>' });
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).not.toContain('<script>');
  });
});
