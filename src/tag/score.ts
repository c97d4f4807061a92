// From rule matches to one decision: negation, attribution, concessive clauses
// and requirements change the evidence; the scores, label, confidence and flags
// follow from what is left. Every number comes from ScoringConfig.
import { COUNTRY_RULE_PREFIX } from '../countries.js';
import { featuresOf, type CompiledLexicon } from '../lexicon/compile.js';
import type { ScoringConfig, WhenNegated } from '../lexicon/types.js';
import { MOVE_LABELS, type Category, type Evidence } from '../types.js';
import type { RuleMatch } from './match.js';
import { isNegatorAt, negationScopes } from './negation.js';
import type { Tokens } from './tokenize.js';

/** Evidence while it is being decided, with its token span. */
export interface WorkingEvidence extends Evidence {
  category: Category;
  /** The rule's own weight: `weight / baseWeight` is the share the effects left. */
  baseWeight: number;
  startToken: number;
  endToken: number;
  requires: Category[];
  requiresOwnSentence: boolean;
  strongRelevance: boolean;
  whenNegated: WhenNegated;
  /** A negator inside the match that the pattern did not ask for (it fell in a gap). */
  negatorInGap: boolean;
}

export const isMove = (c: string): c is (typeof MOVE_LABELS)[number] => (MOVE_LABELS as readonly string[]).includes(c);
export const isActive = (e: Evidence) => e.weight > 0;

export function toEvidence(lexicon: CompiledLexicon, text: string, tokens: Tokens, matches: RuleMatch[]): WorkingEvidence[] {
  return matches.map((m) => {
    const rule = lexicon.rules[m.rule];
    const start = tokens.starts[m.startToken];
    const end = tokens.ends[m.endToken - 1];
    return {
      rule: rule.id,
      category: rule.category,
      start,
      end,
      text: text.slice(start, end),
      weight: m.excepted ? 0 : rule.weight,
      baseWeight: rule.weight,
      negated: false,
      ...(m.excepted ? { effect: 'excepted' as const } : {}),
      startToken: m.startToken,
      endToken: m.endToken,
      requires: rule.requires,
      requiresOwnSentence: rule.requiresOwnSentence,
      strongRelevance: rule.strongRelevance,
      whenNegated: rule.whenNegated,
      negatorInGap: hasNegatorInGap(lexicon, tokens, m),
    };
  });
}

/** "human rights are not a pretext" matched by `human rights ..8 pretext`: the gap holds the negation. */
function hasNegatorInGap(lexicon: CompiledLexicon, tokens: Tokens, m: RuleMatch): boolean {
  const literal = lexicon.patterns[m.pattern].literalFeatures;
  for (let t = m.startToken + 1; t < m.endToken - 1; t++) {
    if (isNegatorAt(tokens, t) && !featuresOf(lexicon, tokens.words[t]).some((f) => literal.has(f))) return true;
  }
  return false;
}

/**
 * Can any negator scope reach some evidence? Only a negator before the evidence
 * and at most `window` words before it can: when none is, the wink parse (the
 * dearest step of tagging) is skipped, with the same result.
 */
function negatorWithinReach(evidence: WorkingEvidence[], tokens: Tokens, window: number): boolean {
  for (let n = 0; n < tokens.count; n++) {
    if (!isNegatorAt(tokens, n)) continue;
    if (evidence.some((e) => n < e.startToken && e.startToken - n <= window + (e.endToken - e.startToken))) return true;
  }
  return false;
}

/**
 * "without" names an absence rather than denying a claim: "human rights,
 * without any imposition of a particular concept" asks that there be no
 * imposition, which is the denial's own demand, where "human rights are not
 * values imposed on us" contradicts it. So a rule that a clause negation
 * switches to another move keeps its move under "without" (the match is still
 * marked negated); a rule that negation drops is dropped as before.
 */
export const PRIVATIVE_NEGATORS: ReadonlySet<string> = new Set(['without']);

/** Is the negator that starts at this character offset a privative one (its token, as isNegatorAt reads it)? */
function isPrivative(tokens: Tokens, negatorOffset: number): boolean {
  const i = tokens.starts.indexOf(negatorOffset);
  return i >= 0 && PRIVATIVE_NEGATORS.has(tokens.words[i]);
}

/** Negation: a match is negated when a negator outside it scopes its words; the rule says what follows. */
export function applyNegation(evidence: WorkingEvidence[], text: string, tokens: Tokens, config: ScoringConfig): void {
  if (!evidence.some((e) => isMove(e.category))) return;
  const negatedBy = negatorWithinReach(evidence, tokens, config.negation_window) ? negationScopes(text, tokens, config.negation_window) : undefined;
  for (const e of evidence) {
    if (e.effect === 'excepted') continue; // counts for nothing already; its exception says why
    let negated = e.negatorInGap;
    let negator = -1;
    for (let t = e.startToken; negatedBy && t < e.endToken && !negated; t++) {
      negated = negatedBy[t] >= 0 && negatedBy[t] < e.start;
      if (negated) negator = negatedBy[t];
    }
    if (!negated) continue;
    e.negated = true;
    const when = e.whenNegated;
    if (when === 'keep' || !isMove(e.category)) continue;
    if (when !== 'drop' && negator >= 0 && isPrivative(tokens, negator)) continue;
    if (when === 'drop') {
      e.weight = 0;
      e.effect = 'dropped';
    } else {
      e.switched_from = e.category;
      e.category = when;
      e.effect = 'switched';
    }
  }
}

/**
 * Reported views: move evidence after an attribution marker ("some claim that")
 * in the same clause is the view reported, not the speaker's own stance.
 */
export function applyAttribution(evidence: WorkingEvidence[], tokens: Tokens, config: ScoringConfig): void {
  const markers = evidence.filter((e) => e.category === 'attribution');
  if (markers.length === 0) return;
  const nextEnd = scopeBoundaries(tokens);
  const scopes = markers.map((m) => ({
    from: m.endToken,
    to: frontedView(tokens, m.startToken) ? m.endToken : attributionScopeEnd(tokens, nextEnd, m.endToken),
  }));
  for (const e of evidence) {
    if (!isMove(e.category) || !isActive(e)) continue;
    const inScope = scopes.some((s) => e.startToken >= s.from && e.startToken < s.to);
    if (inScope) {
      e.weight *= config.attributed_factor;
      e.effect = 'attributed';
    }
  }
}

/** Words that stand for a reported view put before its verb: "whatever some may claim", "in spite of what our critics say". */
export const FRONTED_VIEW_WORDS: ReadonlySet<string> = new Set(['what', 'whatever']);
/** How far before a marker (its subject's words: "what our critics say") a fronted view word is looked for. */
export const FRONTED_VIEW_REACH = 3;

/**
 * The marker's view is a fronted "what": the view is not in the words after
 * the verb, which are the speaker's own answer ("In spite of what our critics
 * say, the charge is utterly false").
 */
function frontedView(tokens: Tokens, markerStart: number): boolean {
  // Words first: the phrases are compared only for a "what" found (phrase ids only grow, so one comparison covers the gap).
  for (let i = markerStart - 1; i >= 0 && i >= markerStart - FRONTED_VIEW_REACH; i--) {
    if (FRONTED_VIEW_WORDS.has(tokens.words[i])) return tokens.phrase[i] === tokens.phrase[markerStart];
  }
  return false;
}

/** Words that end a reported view and return to the speaker: "Some claim X, but we reject that view." */
export const ATTRIBUTION_ENDERS: ReadonlySet<string> = new Set(['but', 'however', 'yet', 'whereas', 'nevertheless', 'nonetheless']);
/** After a comma, these open the speaker's own words again. */
export const SPEAKER_WORDS: ReadonlySet<string> = new Set(['we', 'i', 'our', 'my', 'us']);
/** A form of "be" that can introduce the speaker's verdict on a reported view. */
const VERDICT_COPULAS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'be', 'been']);
/**
 * The speaker's verdict on a view held up as a subject: "The claim that X is
 * unfounded", "The assertion that X should be firmly denounced". The view ends
 * at the copula, so what follows is the speaker's own stance again.
 */
export const ATTRIBUTION_VERDICTS: ReadonlySet<string> = new Set([
  'absurd',
  'baseless',
  'condemned',
  'denounced',
  'erroneous',
  'fallacious',
  'false',
  'groundless',
  'inadmissible',
  'misguided',
  'mistaken',
  'rejected',
  'unacceptable',
  'unfounded',
  'untenable',
  'untrue',
  'wrong',
]);

/** A copula followed, at most one word later (an adverb), by a verdict word. */
function opensVerdict(tokens: Tokens, t: number, word: string): boolean {
  if (!VERDICT_COPULAS.has(word)) return false;
  const clause = tokens.clause[t];
  for (const u of [t + 1, t + 2]) {
    if (u < tokens.count && tokens.clause[u] === clause && ATTRIBUTION_VERDICTS.has(tokens.words[u])) return true;
  }
  return false;
}

/**
 * For every token t, the first token u ≥ t that ends a reported view begun
 * before it: a new clause, a contrast word, a speaker word opening a new
 * phrase, or the speaker's verdict on the view. One backward pass, so many markers in a long text cost linear time.
 */
function scopeBoundaries(tokens: Tokens): Int32Array {
  const next = new Int32Array(tokens.count + 1);
  next[tokens.count] = tokens.count;
  for (let t = tokens.count - 1; t >= 0; t--) {
    const newClause = t > 0 && tokens.clause[t] !== tokens.clause[t - 1];
    const word = tokens.words[t];
    const speakerAgain = t > 0 && tokens.phrase[t] !== tokens.phrase[t - 1] && SPEAKER_WORDS.has(word);
    const ends = newClause || speakerAgain || ATTRIBUTION_ENDERS.has(word) || opensVerdict(tokens, t, word);
    next[t] = ends ? t : next[t + 1];
  }
  return next;
}

/** A reported view runs from its marker to the clause end, a contrast word, a comma before "we" or a verdict ("is unfounded"). */
function attributionScopeEnd(tokens: Tokens, nextEnd: Int32Array, from: number): number {
  if (from >= tokens.count) return tokens.count;
  // At the marker's own position only a contrast word ends the view (it starts there, so no boundary lies before it).
  if (ATTRIBUTION_ENDERS.has(tokens.words[from])) return from;
  return nextEnd[from + 1];
}

/** "while", "although", ... open a concessive phrase that yields to the main clause. */
export const CONCESSIVE_MARKERS: ReadonlySet<string> = new Set(['while', 'whilst', 'although', 'though', 'despite', 'notwithstanding']);

function concessivePhrases(tokens: Tokens): Set<number> {
  const phrases = new Set<number>();
  for (let i = 0; i < tokens.count; i++) {
    const w = tokens.words[i];
    const evenIf = w === 'even' && (tokens.words[i + 1] === 'if' || tokens.words[i + 1] === 'though');
    if (CONCESSIVE_MARKERS.has(w) || evenIf) phrases.add(tokens.phrase[i]);
  }
  return phrases;
}

export function applyConcessive(evidence: WorkingEvidence[], tokens: Tokens, config: ScoringConfig): void {
  // Only an active move can yield: without one, the words are not read (most sentences).
  if (!evidence.some((e) => isMove(e.category) && isActive(e))) return;
  const phrases = concessivePhrases(tokens);
  if (phrases.size === 0) return;
  const inConcessive = (e: WorkingEvidence) => phrases.has(tokens.phrase[e.startToken]);
  const mainClauseHasMove = evidence.some((e) => isMove(e.category) && isActive(e) && !inConcessive(e));
  if (!mainClauseHasMove) return;
  for (const e of evidence) {
    if (isMove(e.category) && isActive(e) && inConcessive(e)) {
      e.weight *= config.concessive_factor;
      e.effect = 'concessive';
    }
  }
}

/** Categories met from outside the sentence: by the sentence before or the setting, and by the setting alone. */
export interface MetOutside {
  byContext: ReadonlySet<Category>;
  bySetting: ReadonlySet<Category>;
}

export const MET_NOWHERE: MetOutside = { byContext: new Set(), bySetting: new Set() };

/**
 * Drop evidence whose rule requires a category that has no active evidence. A
 * weak relevance word ("prisoners") with a move that needs it ("we released")
 * is enough: together they make the sentence about human rights — except for a
 * rule with `strong_relevance`, whose relevance in the sentence must reach the
 * relevance threshold (the sentence is about human rights, not merely naming a
 * victim or a people's right). A rule with `requires_own_sentence` is not met
 * by the sentence before. `target_self` is checked later
 * (applySelfRequirement), once the State mentions are told apart.
 */
export function applyRequirements(evidence: WorkingEvidence[], met: MetOutside, relevanceThreshold: number): void {
  // Summed only for a strong_relevance rule (few sentences have one): this runs on every sentence.
  let relevance: number | undefined;
  const relevanceSum = () => (relevance ??= evidence.reduce((sum, o) => (o.category === 'relevance' && isActive(o) ? sum + o.weight : sum), 0));
  const inSentence = (c: Category, self: WorkingEvidence) =>
    c === 'relevance' && self.strongRelevance
      ? relevanceSum() > 0 && relevanceSum() >= relevanceThreshold
      : evidence.some((o) => o !== self && o.category === c && isActive(o));
  const present = (c: Category, self: WorkingEvidence) =>
    c === 'target_self' || (self.requiresOwnSentence ? met.bySetting : met.byContext).has(c) || inSentence(c, self);
  for (const e of evidence) {
    if (!isActive(e) || e.requires.length === 0) continue;
    if (e.requires.every((c) => present(c, e))) continue;
    e.weight = 0;
    e.effect = 'unmet_requirement';
  }
}

/**
 * Codebook step 6: human rights named as one item in a list of topics ("peace,
 * development, human rights and the rule of law") is not a statement about the
 * norm. Relevance and acknowledgment evidence that sits inside an item of such an
 * enumeration keeps only `list_factor` of its weight.
 */
export function applyListDamping(evidence: WorkingEvidence[], tokens: Tokens, config: ScoringConfig): void {
  // Only active relevance or acknowledgment evidence is damped: without any, the list is not looked for.
  if (!evidence.some((e) => isActive(e) && (e.category === 'relevance' || e.category === 'norm_acknowledgment'))) return;
  const items = enumerationItems(tokens, config);
  if (items.length === 0) return;
  const inItem = (e: WorkingEvidence, it: { start: number; end: number }) => e.startToken < it.end && e.endToken > it.start;
  // An item that itself makes another move ("the weaponization of human rights") is no mere topic.
  const topicItems = items.filter((it) => !evidence.some((o) => isActive(o) && isMove(o.category) && o.category !== 'norm_acknowledgment' && inItem(o, it)));
  for (const e of evidence) {
    if (!isActive(e) || (e.category !== 'relevance' && e.category !== 'norm_acknowledgment')) continue;
    if (!topicItems.some((it) => e.startToken >= it.start && e.endToken <= it.end)) continue;
    e.weight *= config.list_factor;
    e.effect = 'list_item';
  }
}

/**
 * `requires: [target_self]`: the speaker's own State must be in view, as for a
 * concession, which answers for the speaker's own record (codebook). Met by a
 * reference to it in the sentence that is not merely the speaker's voice ("we
 * call for an investigation" says who speaks, not whose record is answered
 * for); by the sentence naming no other party at all (an impersonal report:
 * "twelve officers were prosecuted"), unless the sentence before is about
 * another party (`metOutside.contextAboutOther`); or from outside the sentence, by the UPR
 * setting or a self-reference in the sentence before (`metOutside`); where
 * another State is named by name, only the speaker's State named as firmly
 * (`namedSelfMin`) meets it. A rule with `requires_own_sentence` needs the
 * speaker's State named in the sentence itself — a reference weighing at least
 * `namedSelfMin` ("our country", its name, "the delegation"), not a bare "we" —
 * or the UPR setting: neither the sentence before nor an impersonal sentence
 * meets it ("challenges remain" in a General Assembly speech is about the world
 * as often as about the speaker). Runs after the State mentions are weighed (the speaker's own name
 * is self only then) and the speaker's voice is marked.
 */
export function applySelfRequirement(
  evidence: WorkingEvidence[],
  metOutside: { bySetting: boolean; byContext: boolean; contextAboutOther: boolean },
  namedSelfMin: number,
): void {
  if (metOutside.bySetting || !evidence.some((e) => isActive(e) && e.requires.includes('target_self'))) return;
  const selfRefs = evidence.filter((o) => o.category === 'target_self' && isActive(o) && o.effect !== 'speaker_voice');
  const named = selfRefs.some((o) => o.weight >= namedSelfMin);
  const othersNamed = evidence.some((o) => (o.category === 'target_other' || o.category === 'target_general') && isActive(o));
  // Another State named by name is whose record is at stake, unless the
  // speaker's State is named too: "we owe it to the Syrian people to bring those
  // responsible to justice" is a call, not an answer for one's own record.
  const otherStateNamed = evidence.some((o) => o.category === 'target_other' && isActive(o) && o.rule.startsWith(COUNTRY_RULE_PREFIX));
  // A sentence that names no party at all ("those responsible will be brought to justice") is read with
  // the one before (codebook, "Target"): after a sentence about another State's conduct it is about that.
  const impersonal = !othersNamed && !metOutside.contextAboutOther;
  for (const e of evidence) {
    if (!isActive(e) || !e.requires.includes('target_self')) continue;
    const met = e.requiresOwnSentence ? named : named || (!otherStateNamed && (selfRefs.length > 0 || metOutside.byContext || impersonal));
    if (met) continue;
    e.weight = 0;
    e.effect = 'unmet_requirement';
  }
}

/** Coordination words that separate list items, as commas do. */
const LIST_JOINERS: ReadonlySet<string> = new Set(['and', 'or', 'as', 'well']);

/** Items (token ranges) of runs of at least list_min_items short, comma/and-separated items in one clause. */
export function enumerationItems(tokens: Tokens, config: ScoringConfig): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let run: Array<{ start: number; end: number }> = [];
  let item: { start: number; end: number } | undefined;
  const closeRun = () => {
    if (run.length >= config.list_min_items) out.push(...run);
    run = [];
  };
  const closeItem = () => {
    if (!item) return;
    if (item.end - item.start <= config.list_item_max_words) run.push(item);
    else closeRun();
    item = undefined;
  };
  for (let t = 0; t < tokens.count; t++) {
    const newPhrase = t > 0 && tokens.phrase[t] !== tokens.phrase[t - 1];
    if (t > 0 && tokens.clause[t] !== tokens.clause[t - 1]) {
      closeItem();
      closeRun();
    } else if (newPhrase) closeItem();
    if (LIST_JOINERS.has(tokens.words[t])) {
      closeItem();
      continue;
    }
    item ??= { start: t, end: t };
    item.end = t + 1;
  }
  closeItem();
  closeRun();
  return out;
}

/** The evidence effects, in order: what each match still counts for. Mutates `working`. */
/**
 * `metByContext`: requirements the sentence before meets — after a sentence
 * about human rights, "such a campaign will never serve any purpose" is about
 * them too (coders read the sentence before, codebook "Target").
 */
export function applyEffects(working: WorkingEvidence[], text: string, tokens: Tokens, config: ScoringConfig, metOutside: MetOutside = MET_NOWHERE): void {
  applyNegation(working, text, tokens, config);
  applyAttribution(working, tokens, config);
  applyConcessive(working, tokens, config);
  applyListDamping(working, tokens, config);
  applyRequirements(working, metOutside, config.relevance_threshold);
}

export function publicEvidence(e: WorkingEvidence): Evidence {
  const out: Evidence = {
    rule: e.rule,
    category: e.category,
    start: e.start,
    end: e.end,
    text: e.text,
    weight: round(e.weight),
    negated: e.negated,
  };
  if (e.effect) out.effect = e.effect;
  if (e.switched_from) out.switched_from = e.switched_from;
  return out;
}

export const round = (x: number) => Math.round(x * 1e6) / 1e6;
