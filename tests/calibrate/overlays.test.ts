// Case overlays change labels only for their own country (or under --case):
// the two shipped overlays (lexicons/cases/KEN.yaml, CHL.yaml) and a small one
// on the mini set.
import { afterAll, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { rulesForCountry } from '../../src/lexicon/overlay.js';
import { createTagger } from '../../src/tag/tagger.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS } from '../helpers/lexicons.js';
import { cleanTempDirs, miniCopy } from './fixtures.js';

afterAll(cleanTempDirs);

const bundled = loadLexiconSet(BUNDLED_LEXICONS);
const tagger = createTagger(bundled);
const labelOf = (text: string, country?: string) => tagger.tag(text, { country }).label;

/** Texts from every base rule's examples: none of them is written about Kenya or Chile. */
const baseTexts = bundled.rules.flatMap((r) => [...r.examples.match, ...r.examples.nomatch].map((e) => e.text));

for (const country of ['KEN', 'CHL']) {
  describe(`the ${country} overlay`, () => {
    const overlay = bundled.cases[country];
    const overlayIds = new Set([...overlay.rules.map((r) => r.id), ...overlay.adjust.map((a) => a.rule)]);

    it('is loaded, with rules that each have examples and adjustments that each say why', () => {
      expect(overlay.rules.length).toBeGreaterThanOrEqual(2);
      for (const rule of overlay.rules) {
        expect(rule.country).toBe(country);
        expect(rule.examples.match.length).toBeGreaterThan(0);
        expect(rule.examples.nomatch.length).toBeGreaterThan(0);
      }
      for (const a of overlay.adjust) expect(a.why.length).toBeGreaterThan(40);
    });

    it('fires its rules on its own documents only', () => {
      for (const rule of overlay.rules) {
        for (const example of rule.examples.match) {
          const own = tagger.tag(example.text, { country }).evidence.map((e) => e.rule);
          const other = tagger.tag(example.text, { country: 'FRA' }).evidence.map((e) => e.rule);
          expect(own, example.text).toContain(rule.id);
          expect(other, example.text).not.toContain(rule.id);
        }
      }
    });

    it('changes some labels for its country and none elsewhere', () => {
      const examples = overlay.rules.flatMap((r) => r.examples.match.map((e) => e.text));
      const changed = examples.filter((t) => labelOf(t, country) !== labelOf(t));
      expect(changed.length).toBeGreaterThan(0);
      for (const t of examples) expect(labelOf(t, 'FRA'), t).toBe(labelOf(t));
    });

    it('leaves the labels of sentences it has no rule for as they were', () => {
      for (const text of baseTexts) {
        const fired = tagger.tag(text, { country }).evidence.some((e) => overlayIds.has(e.rule));
        if (!fired) expect(labelOf(text, country), text).toBe(labelOf(text));
      }
    });

    it('applies to every line with --case, whatever the line says its country is', async () => {
      const text = overlay.rules[0].examples.match[0].text;
      const stdin = `${JSON.stringify({ id: 1, text })}\n${JSON.stringify({ id: 2, text, country: 'FRA' })}\n`;
      const run = await runCli(['tag', '--case', country], { stdin });
      const [first, second] = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(first.label).toBe(labelOf(text, country));
      expect(second.label).toBe(labelOf(text, country));
      expect(first.evidence.map((e: { rule: string }) => e.rule)).toContain(overlay.rules[0].id);
    });
  });
}

describe('an overlay on the mini set', () => {
  const dir = miniCopy({
    'cases/KEN.yaml': `country: KEN
description: test
rules:
  - id: ken.foreign-masters
    category: rhetorical_action
    description: Critics serve foreign masters.
    patterns: ["foreign masters"]
    weight: 2
    weight_evidence: test
    examples:
      match: ["They serve foreign masters."]
      nomatch: ["They serve the nation."]
adjust:
  - rule: acknowledgment.respect
    weight: 0.3
    why: a test of a weight adjustment
`,
  });
  const set = loadLexiconSet(dir);
  const mini = createTagger(set);

  it('adds rules and changes weights for Kenyan documents only', () => {
    expect(mini.tag('Critics of human rights here serve foreign masters.', { country: 'KEN' }).label).toBe('rhetorical_action');
    expect(mini.tag('Critics of human rights here serve foreign masters.', { country: 'GHA' }).label).toBe('none');
    expect(mini.tag('We respect human rights.', { country: 'KEN' }).label).toBe('none'); // 0.3 < the default bias of none (0.5)
    expect(mini.tag('We respect human rights.', { country: 'GHA' }).label).toBe('norm_acknowledgment');
  });

  it('leaves the base rules untouched', () => {
    expect(set.rules.find((r) => r.id === 'acknowledgment.respect')!.weight).toBe(1);
    expect(rulesForCountry(set, 'KEN').find((r) => r.id === 'acknowledgment.respect')!.weight).toBe(0.3);
    expect(rulesForCountry(set, 'GHA')).toBe(set.rules);
  });
});
