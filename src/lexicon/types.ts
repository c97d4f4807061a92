import type { Category, Label } from '../types.js';
import type { Atom, PatternAst } from './pattern.js';
import type { ModelConfig } from '../tag/model.js';
import type { TermLayer } from './fitted.js';

export type WhenNegated = 'drop' | 'keep' | Category;

export interface RuleExample {
  text: string;
  label?: Label;
  /** Where the sentence is said: a UPR venue puts it in the UPR setting, as in a run. */
  venue?: string;
  /** The speaking State (ISO alpha-3): its own name is then a self-reference, as in a run. */
  country?: string;
  line?: number;
}

/** A validated rule, as loaded from a category file. */
export interface Rule {
  id: string;
  category: Category;
  description: string;
  patterns: PatternAst[];
  /** Exceptions: a match of the rule overlapped by a match of one of these counts for nothing (effect `excepted`). */
  unless: PatternAst[];
  weight: number;
  weightEvidence: unknown;
  requires: Category[];
  /** `requires` is met only in the sentence itself (or, for relevance, by the UPR setting), not by the sentence before. */
  requiresOwnSentence: boolean;
  /** `requires: [relevance]` is met in the sentence only when its relevance reaches relevance_threshold (weak cues alone do not). */
  strongRelevance: boolean;
  whenNegated: WhenNegated;
  examples: { match: RuleExample[]; nomatch: RuleExample[] };
  file: string; // relative to the lexicon folder
  line: number;
  /** Set for rules from a case overlay: the country they apply to. */
  country?: string;
}

/** The named thresholds and factors of lexicons/scoring.yaml. */
export interface ScoringConfig {
  relevance_threshold: number;
  conflict_ratio: number;
  low_confidence_below: number;
  attributed_factor: number;
  concessive_factor: number;
  negation_window: number;
  list_factor: number;
  list_min_items: number;
  list_item_max_words: number;
  /** Target evidence for self the sentence before must sum to, to meet a rule's `requires: [target_self]` from outside the sentence. */
  self_context_min: number;
}

/** A weight adjustment from a case overlay. */
export interface WeightAdjustment {
  rule: string;
  weight: number;
  why: string;
  line: number;
}

export interface CaseOverlay {
  country: string;
  file: string;
  description: string;
  rules: Rule[];
  adjust: WeightAdjustment[];
}

/** A named word class of classes.yaml, shared by rules as `@name`. */
export interface WordClass {
  name: string;
  description: string;
  /** The members as written. */
  members: string[];
  /** The members parsed (a member naming another class contributes all of its alternatives). */
  alternatives: Atom[][];
  line: number;
}

export interface LexiconSet {
  dir: string;
  name: string;
  version: string;
  /** sha256 over every file of the set (names and contents), in name order. */
  hash: string;
  rules: Rule[];
  scoring: ScoringConfig;
  cases: Record<string, CaseOverlay>;
  /** Word classes of classes.yaml, in file order (empty when the set has none). */
  classes: WordClass[];
  /** model.yaml: biases, relevance and context weights, temperatures (defaults when absent). */
  model: ModelConfig;
  /** terms.yaml: the fitted term layer (empty when absent). */
  terms: TermLayer;
  /** countries.yaml and known State names: one `country.<iso3>` rule per State, for target attribution. */
  countryRules: Rule[];
}
