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

// ------------------------------------------------------------ indicator 4 and the phases: a government's own record

/**
 * Self-referential moves (target self: the government's own conduct) a unit
 * needs before indicator 4 and the phase are read from it. Below ten, one
 * sentence moves the rejecting share by more than ten points. A General Assembly
 * speech holds at most about one such move (median country-year 0, upper quartile 1), so units are
 * pooled with their neighbours (below) until they have ten.
 */
export const MIN_SELF_MOVES = 10;
/**
 * A country-year short of MIN_SELF_MOVES takes in the years that follow it, one
 * at a time, up to this many (then, where those are too thin or the record ends,
 * the years before it): a window of at most nine General Assembly sessions,
 * about a decade. Longer windows would mix regimes whose change the phases are
 * meant to date. Following years first: the stance of a year is what the
 * government goes on to say (persistence), and a new government is not credited
 * with its predecessor's words — pooling backwards would date every change late.
 */
export const POOL_MAX_EXTRA_YEARS = 8;
/** A five-year period short of MIN_SELF_MOVES takes in at most two more periods, following ones first (fifteen years). */
export const POOL_MAX_EXTRA_PERIODS = 2;

/**
 * The era a unit is judged against: the decade its first year falls in. The
 * General Debate's register changed by decade (decolonisation and apartheid in
 * the 1960s–80s, the end of the Cold War, the Council and the UPR after 2006),
 * and with it how much a government says about its own record.
 */
export const ERA_YEARS = 10;
/**
 * An era needs the self-rejecting shares of at least this many countries
 * (country × decade, each with MIN_SELF_MOVES self-referential moves); an era
 * with fewer borrows the countries of the nearest decades until it has them (the
 * 1940s and 1950s, when few governments spoke of their own record).
 */
export const ERA_MIN_COUNTRIES = 20;
/**
 * Indicator 4 holds only when the self-rejecting share (denial + rhetorical
 * action about the government's own conduct) is at or below this quantile of the
 * era's distribution: no more rejecting than the median government of its decade.
 */
export const ERA_ACCEPT_QUANTILE = 0.5;
/**
 * A unit whose self-rejecting share is at or above this quantile of its era —
 * more rejecting than three governments in four of the same decade — is in the
 * rejecting phases: 2 when denial leads, 3 when rhetorical action does.
 */
export const ERA_REJECT_QUANTILE = 0.75;
/** Dialogue share (concessions about its own record) at or above which a government "engages in dialogue with critics": one in twenty self-referential moves. */
export const DISCURSIVE_MIN_DIALOGUE = 0.05;
/**
 * A run "covers the world" — and `spiral status` reads the era distributions
 * from the run itself rather than from the bundled reference table — when it
 * has speeches of at least this many countries (the General Assembly has had more
 * than a hundred members since 1961).
 */
export const WORLD_MIN_COUNTRIES = 100;

// ------------------------------------------------------------ before and after a regime change (validation)

/**
 * The self-rejecting share before a regime change or liberalisation and after it
 * is read over this many years on each side (three five-year periods: the span
 * the book's country chapters compare) ...
 */
export const CHANGE_WINDOW_YEARS = 15;
/** ... widened by this many years at a time while a side has fewer than MIN_SELF_MOVES self-referential moves ... */
export const CHANGE_WIDEN_STEP_YEARS = 5;
/** ... up to a generation: beyond it the comparison is no longer about the change. */
export const CHANGE_MAX_WINDOW_YEARS = 30;

// ------------------------------------------------------------ phases

/**
 * Phase 1 (repression: "little or nothing" said): a unit without enough
 * self-referential moves whose human-rights talk overall (relevant utterances,
 * any target, over all utterances) is at or below this quantile of the era's
 * country-years: among the scarcest quarter of its decade.
 */
export const SILENCE_ERA_QUANTILE = 0.25;
/** Enough sentences to call a low relevant share silence rather than a short text. */
export const SILENCE_MIN_UTTERANCES = 50;

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
