// Tag every gold item once and keep what calibration needs from each decision:
// each piece of evidence as (rule, final category, factor), where the factor is
// what negation, attribution, concessive clauses and list damping left of the
// rule's weight (0, 1, attributed_factor, concessive_factor, ...). Those effects
// depend on which evidence is present, not on how large the weights are, so as
// long as every weight stays above zero a piece counts `weight × factor` under
// any weights; that is what lets the fitter re-score thousands of weight
// settings without re-tagging. These observations feed the rule diagnostics and
// the candidate terms; the decision layer is fitted from model-observe.ts.
import { tagMeta, type GoldTagMeta } from '../eval/evaluate.js';
import { documentOf, type GoldItem } from '../eval/gold.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { exampleMeta } from '../lexicon/examples.js';
import type { Tagger } from '../tag/tagger.js';
import type { Category, Evidence, Label, TagResult, TargetKind } from '../types.js';

export interface EvidencePiece {
  rule: string;
  /** Category after negation (a switched piece counts for its new category). */
  category: Category;
  /** The rule's category as written. */
  ruleCategory: Category;
  /** Share of the rule weight that counts when the rule's requirements hold (0: negation or attribution removed it). */
  factor: number;
  /** As tagged with the set's own weights and thresholds: the weight that counted, and whether it was above zero. */
  weight: number;
  active: boolean;
  negated: boolean;
  effect?: Evidence['effect'];
  /** Set when a case overlay fixes this rule's weight for the item's country. */
  fixedWeight?: number;
  start: number;
  end: number;
}

export interface Observation {
  id: string;
  text: string;
  gold: Label;
  /** The coded target of a move (absent for `none` and for gold without targets): target rules are judged by it. */
  goldTarget?: TargetKind;
  country?: string;
  /** The speech or report the item comes from (eval/gold.ts documentOf): a rule that fires in one document only is its idiom. */
  document?: string;
  /** The case overlay applied to this item, if any. */
  caseCode?: string;
  result: TagResult;
  pieces: EvidencePiece[];
}

/** The overlay the tagger uses for an item (the same choice as createTagger's compiledFor). */
export function caseFor(set: LexiconSet, country: string | undefined, forceCase: string | undefined): string | undefined {
  const code = forceCase ?? country;
  return code && set.cases[code] ? code : undefined;
}

function ruleIndex(set: LexiconSet): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const r of set.rules) rules.set(r.id, r);
  for (const overlay of Object.values(set.cases)) for (const r of overlay.rules) rules.set(r.id, r);
  return rules;
}

export interface Observer {
  observe(id: string, text: string, gold: Label, meta: GoldTagMeta, goldTarget?: TargetKind): Observation;
}

export function createObserver(tagger: Tagger, forceCase?: string): Observer {
  const set = tagger.set;
  const rules = ruleIndex(set);
  return {
    observe(id, text, gold, meta, goldTarget) {
      const caseCode = caseFor(set, meta.country, forceCase);
      const adjust = new Map((caseCode ? set.cases[caseCode].adjust : []).map((a) => [a.rule, a.weight]));
      const result = tagger.tag(text, meta);
      // Rule evidence only: term-layer and State-mention evidence have no rule to diagnose.
      const pieces = result.evidence.filter((e) => rules.has(e.rule)).map((e) => toPiece(e, rules, adjust));
      const obs: Observation = { id, text, gold, result, pieces };
      if (goldTarget !== undefined) obs.goldTarget = goldTarget;
      if (meta.country !== undefined) obs.country = meta.country;
      if (caseCode !== undefined) obs.caseCode = caseCode;
      return obs;
    },
  };
}

function toPiece(e: Evidence, rules: Map<string, Rule>, adjust: Map<string, number>): EvidencePiece {
  const rule = rules.get(e.rule)!;
  const fixed = adjust.get(e.rule);
  const ruleWeight = fixed ?? rule.weight;
  // The effects (negation, attribution, ...) scale a rule's weight; they do not depend on its size. A
  // self-reference in the speaker's voice weighs the model's speaker_voice_weight, not its rule's: the rule did not act.
  const ruleActs = e.effect !== 'unmet_requirement' && e.effect !== 'speaker_voice' && e.effect !== 'excepted';
  const factor = ruleWeight > 0 && ruleActs ? e.weight / ruleWeight : 0;
  const piece: EvidencePiece = {
    rule: e.rule,
    category: e.category as Category,
    ruleCategory: rule.category,
    factor,
    weight: e.weight,
    active: ruleActs && e.weight > 0,
    negated: e.negated,
    start: e.start,
    end: e.end,
  };
  if (e.effect) piece.effect = e.effect;
  if (fixed !== undefined) piece.fixedWeight = fixed;
  return piece;
}

export function observeGold(tagger: Tagger, items: readonly GoldItem[], forceCase?: string): Observation[] {
  const observer = createObserver(tagger, forceCase);
  return items.map((item) => {
    const obs = observer.observe(item.id, item.text, item.label, tagMeta(item), item.target && item.target !== 'na' ? item.target : undefined);
    obs.document = documentOf(item);
    return obs;
  });
}

/** A rule example with an expected label, tagged: the fitter keeps these labels right. */
export interface ExampleConstraint {
  rule: string;
  file: string;
  line?: number;
  observation: Observation;
}

export function observeLabelledExamples(tagger: Tagger): ExampleConstraint[] {
  const observer = createObserver(tagger);
  const out: ExampleConstraint[] = [];
  for (const rule of ruleIndex(tagger.set).values()) {
    for (const example of [...rule.examples.match, ...rule.examples.nomatch]) {
      if (!example.label) continue;
      const observation = observer.observe(`${rule.id}@${example.line ?? 0}`, example.text, example.label, exampleMeta(rule, example));
      out.push({ rule: rule.id, file: rule.file, line: example.line, observation });
    }
  }
  return out;
}
