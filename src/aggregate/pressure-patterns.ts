// How an other-State utterance in a UPR report is counted as pressure. These are
// the only two patterns aggregation reads text with; they describe the formulaic
// verbs of UPR Working Group reports ("Norway expressed concern about ...",
// "It recommended that Kenya ..."), not stances, which stay the tagger's job.

/** A recommendation: the report's own verb for it. Used only when the run has no recommendations.jsonl. */
export const RECOMMENDATION_PATTERN = /\brecommend(?:ed|s|ing)?\b/i;

/**
 * Criticism: the report verbs for disapproval ("expressed concern", "was concerned",
 * "regretted", "deplored", "condemned", "was alarmed", "urged", "called upon").
 */
export const CRITICISM_PATTERN =
  /\b(?:concern(?:ed|s)?|regrett?(?:ed|s)?|deplor(?:ed|es)|condemn(?:ed|s)?|alarm(?:ed)?|urg(?:ed|es)|call(?:ed|s)? (?:up)?on)\b/i;
