// The keys of scoring.yaml. Their values live in the lexicon folder (so a
// calibrated lexicon version carries its own thresholds); their meaning is
// documented there and in docs/lexicon-format.md.
export const SCORING_KEYS = [
  'relevance_threshold',
  'conflict_ratio',
  'low_confidence_below',
  'attributed_factor',
  'concessive_factor',
  'negation_window',
  'list_factor',
  'list_min_items',
  'list_item_max_words',
  'self_context_min',
] as const;
