// Case overlays (lexicons/cases/<ISO3>.yaml): extra rules and weight changes for
// one country, applied on top of the base rules without editing them.
import type { LexiconSet, Rule } from './types.js';

export function rulesForCountry(set: LexiconSet, country: string): Rule[] {
  const overlay = set.cases[country];
  if (!overlay) return set.rules;
  const weights = new Map(overlay.adjust.map((a) => [a.rule, a.weight]));
  const adjusted = set.rules.map((r) => (weights.has(r.id) ? { ...r, weight: weights.get(r.id)! } : r));
  return [...adjusted, ...overlay.rules];
}
