// Every threshold that `spiral scores` and `spiral status` use, in one place,
// each with the reason for its value. Nothing else in aggregate/ or indicators/
// may hold a bare number that decides an outcome. docs/indicators.md explains
// the indices and rules these feed and lists every value; a unit test
// (tests/indicators/docs.test.ts) fails when that table and this file disagree.

// ------------------------------------------------------------ evidence

/**
 * A cell with fewer relevant utterances than this is marked insufficient. Below
 * ten, one sentence moves a share by more than ten points and decides which move
 * "dominates"; a General Assembly speech usually has ten or more relevant sentences.
 */
export const MIN_RELEVANT_UTTERANCES = 10;

/**
 * A cell needs at least this many documents. One General Assembly speech a year is
 * the normal evidence for a country-year, so one document is enough to report a
 * figure — its interval is then null (see MIN_DOCUMENTS_FOR_INTERVAL).
 */
export const MIN_DOCUMENTS = 1;

/** Resampling one document always returns that document: no interval below two. */
export const MIN_DOCUMENTS_FOR_INTERVAL = 2;

// ------------------------------------------------------------ bootstrap

/** Resamples per interval: 1,000 puts the Monte-Carlo error of a 2.5% percentile near ±0.5 points. */
export const BOOTSTRAP_RESAMPLES = 1000;

/** Default seed (the year of *The Power of Human Rights*); each cell derives its own stream from it and its key. */
export const BOOTSTRAP_SEED = 1999;

/** Two-sided coverage of the interval. */
export const INTERVAL_COVERAGE = 0.95;

// ------------------------------------------------------------ traceability

/** Example utterance ids kept per move label and cell (all ids only with --ids). */
export const EXAMPLES_PER_LABEL = 5;

// ------------------------------------------------------------ consistency across audiences

/**
 * Total-variation distance between the domestic and international distributions of
 * the four moves above which the stance "depends on the audience". 0.3 means almost
 * a third of the stance would have to change to make the two audiences hear the same
 * government — more than the sampling noise of two cells of ten relevant utterances
 * each is likely to produce on its own, less than a reversal.
 */
export const AUDIENCE_TV_THRESHOLD = 0.3;

// ------------------------------------------------------------ accepting stance and persistence

/** A unit's stance is "accepting" when at least half its relevant utterances accept the norm (concession + acknowledgment) ... */
export const ACCEPTING_MIN_ACCEPTANCE = 0.5;
/** ... and acceptance exceeds rejection (denial + rhetorical action) by at least this much of the relevant utterances. */
export const ACCEPTING_MIN_NET = 0.25;

/** Consecutive accepting years for the stance to count as persistent (three General Assembly sessions). */
export const PERSISTENCE_MIN_YEARS = 3;
/** Consecutive accepting periods for persistence (two five-year periods ≈ the book's decade 1985–1995). */
export const PERSISTENCE_MIN_PERIODS = 2;
/**
 * Units without sufficient evidence neither extend nor break a streak, but a longer
 * silence than this many units breaks it (a government that stops speaking has not
 * shown that its stance holds).
 */
export const PERSISTENCE_MAX_GAP_UNITS = 1;

// ------------------------------------------------------------ indicator 1: ratification

/**
 * The conventions a State must be party to (codebook §4: "ICCPR and its first
 * Optional Protocol, CAT, …"): the covenant on the rights the book is about, the
 * protocol that lets individuals complain, and the convention against torture.
 */
export const RATIFICATION_INSTRUMENTS: readonly string[] = ['iccpr', 'iccpr_op1', 'cat'];

// ------------------------------------------------------------ indicator 3: complaint mechanism

/** Being party to these makes individual petition available (ICCPR-OP1: communications to the Human Rights Committee). */
export const PETITION_INSTRUMENTS: readonly string[] = ['iccpr_op1'];

// ------------------------------------------------------------ indicator 4: discursive practice

/** Acceptance share (concession + acknowledgment) at or above which the discourse "acknowledges the validity of the norms". */
export const DISCURSIVE_MIN_ACCEPTANCE = 0.5;
/** Denial share at or below which the government "no longer denounces criticism as interference" (a stray sentence allowed). */
export const DISCURSIVE_MAX_DENIAL = 0.1;
/** Dialogue share (concessions) at or above which it "engages in dialogue with critics": one concession in twenty relevant sentences. */
export const DISCURSIVE_MIN_DIALOGUE = 0.05;

// ------------------------------------------------------------ phases

/**
 * Phase 1 (repression: "little or nothing" said): a unit with fewer than
 * MIN_RELEVANT_UTTERANCES relevant utterances, at least SILENCE_MIN_UTTERANCES
 * utterances, and at most this share of them relevant (one sentence in fifty).
 */
export const SILENCE_MAX_RELEVANT_SHARE = 0.02;
/** Enough sentences to call a low relevant share silence rather than a short text. */
export const SILENCE_MIN_UTTERANCES = 50;

/** Phase 2: denial is the largest move and at least this share of the relevant utterances. */
export const DENIAL_DOMINANT_MIN_SHARE = 0.25;

/** Phase 3: "talking the talk" — acceptance share at least this ... */
export const TALK_MIN_ACCEPTANCE = 0.3;
/** ... while allegations are deflected: rhetorical action at least this share (or denial above DISCURSIVE_MAX_DENIAL). */
export const DEFLECTION_MIN_SHARE = 0.1;

/** Phase 5: phase-4 conditions held for this many consecutive years ... */
export const PHASE5_MIN_YEARS = 3;
/** ... or periods, with deeds at or better than the thresholds below. */
export const PHASE5_MIN_PERIODS = 2;

// ------------------------------------------------------------ deeds (phase 5)

/** Political Terror Scale, mean of the available Amnesty/HRW/State Dept scores (1 best – 5 worst): 2 = "limited imprisonment for nonviolent political activity; few persons affected, torture and beatings exceptional". */
export const PTS_MAX_SCORE = 2;
/** CIRIGHTS physint_sum (0 worst – 8 best): at most two "occasional" violations across killing, disappearance, torture, political imprisonment. */
export const CIRIGHTS_MIN_PHYSINT = 6;
/** Legacy CIRI physical-integrity items summed (DISAP + KILL + POLPRIS + TORT, 0 – 8): same reading as CIRIGHTS. */
export const CIRI_MIN_PHYSINT = 6;
/** Fariss latent protection score theta_mean (higher = more respect; world mean ≈ 0, sd ≈ 1): one sd above the mean. */
export const FARISS_MIN_THETA = 1;
