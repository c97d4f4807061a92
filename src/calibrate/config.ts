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

/** Weight and threshold fitting (coordinate search, validated by k-fold cross-validation). */
export const FITTING = {
  /** Rule weights tried; all > 0 because the loader requires it and the scorer's effects assume it. */
  weightGrid: [0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4],
  /** Scoring thresholds tried (the values in use are always added to their grid). */
  thresholdGrids: {
    relevance_threshold: [0.5, 1, 1.5, 2, 2.5, 3],
    min_move_score: [0.5, 1, 1.5, 2, 2.5, 3],
    precedence_margin: [0, 0.25, 0.5, 0.75, 1, 1.5],
  },
  /**
   * Regularisation: each grid step away from the starting value costs this much
   * training macro-F1, so a change must buy more than noise (about a fifth of
   * one utterance's worth on a 500-item gold set).
   */
  stepPenalty: 0.002,
  /** A rule's weight is fitted only if it fires on at least this many gold items. */
  minRuleSupport: 3,
  /** Coordinate-search passes over all parameters (it usually settles in two). */
  maxPasses: 4,
  /** A change is kept only if it raises cross-validated macro-F1 by more than this. */
  minCvGain: 0.001,
} as const;

/** The scoring thresholds calibration may change (the others shape confidence and flags, not labels). */
export const FITTED_THRESHOLDS = ['relevance_threshold', 'min_move_score', 'precedence_margin'] as const;
export type FittedThreshold = (typeof FITTED_THRESHOLDS)[number];
