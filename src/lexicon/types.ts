import type { Category, Label } from '../types.js';
import type { PatternAst } from './pattern.js';

export type WhenNegated = 'drop' | 'keep' | Category;

export interface RuleExample {
  text: string;
  label?: Label;
  line?: number;
}

/** A validated rule, as loaded from a category file. */
export interface Rule {
  id: string;
  category: Category;
  description: string;
  patterns: PatternAst[];
  weight: number;
  weightEvidence: unknown;
  requires: Category[];
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
  min_move_score: number;
  precedence_margin: number;
  conflict_ratio: number;
  low_confidence_below: number;
  confidence_saturation: number;
  attributed_factor: number;
  concessive_factor: number;
  negation_window: number;
  list_factor: number;
  list_min_items: number;
  list_item_max_words: number;
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

export interface LexiconSet {
  dir: string;
  name: string;
  version: string;
  /** sha256 over every file of the set (names and contents), in name order. */
  hash: string;
  rules: Rule[];
  scoring: ScoringConfig;
  cases: Record<string, CaseOverlay>;
}
