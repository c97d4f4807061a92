// Every number `spiral calibrate` uses, named, with the reason for its value.
// docs/calibration.md explains the method these serve.

/** Rule diagnostics. */
export const DIAGNOSTICS = {
  /** A rule with fewer firings than this gets no verdict beyond "rarely fires": too few to judge. */
  minFiresForVerdict: 3,
  /** Below this precision a rule "mostly misleads": it is wrong more often than right. */
  misleadingPrecision: 0.5,
  /** False positives shown per rule (the worst first). */
  worstFalsePositives: 3,
  /** Overlapping / conflicting rules listed per rule. */
  topOverlaps: 5,
} as const;

/** Candidate terms (weighted log-odds, Monroe, Colaresi and Quinn 2008). */
export const CANDIDATES = {
  /** Longest phrase considered, in tokens. */
  maxTokens: 4,
  /** A phrase must occur this often in the label's utterances ... */
  minCount: 3,
  /** ... in at least this many different utterances (one speech repeating a phrase is not a pattern). */
  minDocs: 2,
  /**
   * Strength of the informative Dirichlet prior, as a multiple of the whole gold
   * corpus counts: α_w = priorScale × count of w in all gold utterances. The
   * prior is the corpus the groups come from, so at 1 every count would be
   * counted twice and almost nothing passes on a gold set of a few hundred
   * utterances; a tenth (α_0 ≈ 1,000 pseudo-counts for single words on the dev
   * set) shrinks rare phrases firmly without drowning the data.
   */
  priorScale: 0.1,
  /** Only phrases whose z-score exceeds this (one-sided, about the 97.5th percentile) are proposed. */
  minZ: 1.96,
  /** Proposals kept per label. */
  perLabel: 20,
  /** Overlapping phrases are grouped among the best `perLabel × groupingPool` only (grouping compares pairs). */
  groupingPool: 5,
  /** A phrase is "matched by the lexicons" when at least this share of its occurrences lies in a rule match. */
  coveredShare: 0.5,
  /** Key-word-in-context examples per candidate, and the characters of context on each side. */
  kwicExamples: 3,
  kwicContext: 60,
} as const;

/**
 * Fitting the decision layer (calibrate/model-fit.ts): regularised logistic
 * regression, settings chosen by cross-validation with folds by document.
 */
export const MODEL_FITTING = {
  /** Optimiser iterations and relative tolerance (FISTA converges in a few hundred on a few thousand items). */
  iterations: 500,
  tolerance: 1e-8,
  /**
   * Pull of each rule weight toward its written (prior) weight, λ in λ/2·(w − prior)²
   * against the mean log-loss per item: tried from loose to firm. A rule that fires
   * on a handful of items moves little at any of them; the written weight stands
   * where the data run out.
   */
  ruleL2Grid: [0.003, 0.01, 0.03, 0.1],
  /** L1 strength of term weights (null: no term layer). Larger keeps fewer terms. */
  termL1Grid: [null, 0.004, 0.002, 0.001] as Array<number | null>,
  /** Class weights (total / (classes × count))^power: 0 plain likelihood, 1 balanced. Macro-F1 rewards the rare moves. */
  classWeightPowerGrid: [0, 0.5, 1],
  /** L1 strength of the move rules' leans toward a target (sparse: most rules lean nowhere). */
  moveRuleTargetL1: 0.002,
  /** Weight of the target model's context evidence, tried. */
  targetContextGrid: [0, 0.25, 0.5, 0.75],
  /** Small ridge on biases and term weights, so a separable item cannot send them to infinity. */
  biasL2: 0.001,
  uprBiasL2: 0.01,
  termL2: 0.01,
  /** A term is a candidate when it occurs in this many documents of the training items. */
  termMinDocuments: 4,
  /** Term weights smaller than this are left out of terms.yaml (they change no decision). */
  termMinWeight: 0.02,
  /** Rule weights stay positive (evidence for their move) and bounded. */
  minRuleWeight: 0.05,
  maxRuleWeight: 8,
  /**
   * Settings whose cross-validated macro-F1 is within this of the best count as
   * equally good, and the simplest of them is chosen (about half a standard error
   * of macro-F1 over a thousand items): gains smaller than the noise buy no terms.
   */
  selectionTolerance: 0.01,
  /** Bounds of the label-shift weights of items drawn by another design (model-fit.ts). */
  labelShiftBounds: [0.25, 4] as const,
} as const;

/**
 * Fold draws of the repeated cross-validation (`spiral calibrate --repeats`): one
 * draw of documents into 5 folds moves the cross-validated macro-F1 by up to
 * 0.03 (set 0.5.1: 0.730, 0.700 and 0.719 with seeds 1, 2 and 3), more than
 * most rule changes it is used to judge; settings are chosen, and figures
 * reported, on the predictions of all draws pooled.
 */
export const DEFAULT_REPEATS = 3;

/**
 * What the folds of the cross-validation keep whole (`spiral calibrate
 * --fold-by`): a document (the default: the figure to expect on new speeches
 * and reports), or a country, all of whose documents then sit on one side (the
 * figure to expect for a country the gold has never seen; a country's idiom and
 * topics recur across its documents, so it is the lower one).
 */
export const FOLD_UNITS = ['document', 'country'] as const;
export type FoldUnit = (typeof FOLD_UNITS)[number];

/** How the cross-validation is named in model.yaml, terms.yaml and the reports. */
export function crossValidationText(c: { folds: number; seed: number; repeats: number; foldBy: FoldUnit }): string {
  return c.repeats === 1
    ? `${c.folds}-fold cross-validation with folds by ${c.foldBy} (seed ${c.seed})`
    : `${c.folds}-fold cross-validation with folds by ${c.foldBy}, repeated over ${c.repeats} draws (seeds ${c.seed}-${c.seed + c.repeats - 1})`;
}
