// One decision from evidence: the effects (negation, attribution, concessive
// clauses, lists, requirements) settle what each match counts for; the model
// (tag/model.ts) turns what is left, the terms and the sentence before into a
// label, a calibrated confidence and a target. Every number is lexicon data.
import { COUNTRY_RULE_PREFIX, countryRuleId } from '../countries.js';
import type { ScoringConfig } from '../lexicon/types.js';
import {
  LABELS,
  MOVE_LABELS,
  TARGET_KINDS,
  isTargetCategory,
  targetOfCategory,
  type Category,
  type Evidence,
  type Flag,
  type Label,
  type MoveLabel,
  type TagResult,
  type TargetKind,
} from '../types.js';
import {
  argmax,
  contextCounts,
  evidenceScores,
  withMovePriors,
  softmax,
  targetLogits,
  type LabelVector,
  type ModelConfig,
  type MoveInput,
  type MoveWeights,
  type TargetVector,
} from './model.js';
import { applyEffects, applySelfRequirement, isActive, isMove, MET_NOWHERE, publicEvidence, round, type MetOutside, type WorkingEvidence } from './score.js';
import type { Tokens } from './tokenize.js';

/** A term of the fitted term layer found in the sentence (offsets into its text). */
export interface TermHit {
  term: string;
  start: number;
  end: number;
  text: string;
}

/** What the sentence before contributes: its relevance and its target evidence. */
export interface ContextSummary {
  relevance: number;
  target: TargetVector;
}

export const NO_CONTEXT: ContextSummary = { relevance: 0, target: { self: 0, other: 0, general: 0 } };

export interface DecisionSetting {
  scoring: ScoringConfig;
  model: ModelConfig;
  weights: MoveWeights;
  /** The speaker's own State (ISO3): a mention of it is self-reference, not another State. */
  ownCountry?: string;
  upr: boolean;
  context: ContextSummary;
  /** Decide the target as if the label were this move (evaluating attribution apart from the label). */
  targetGiven?: MoveLabel;
}

const RELEVANCE_MET: ReadonlySet<Category> = new Set(['relevance']);
/** Relevance met from outside the sentence: by the UPR setting (for every rule), or by the sentence before (not for requires_own_sentence). */
const MET_IN_UPR: MetOutside = { byContext: RELEVANCE_MET, bySetting: RELEVANCE_MET };
const MET_BY_CONTEXT: MetOutside = { byContext: RELEVANCE_MET, bySetting: MET_NOWHERE.bySetting };

/** The effect of a mention of the speaker's own State in a victim's place of another State's conduct (not switched to self). */
export const OWN_VICTIM_EFFECT = 'own_victim' as const;
/** patient.yaml: a harm's object marker ("the killing of", "hatred towards"), which its victims follow. */
const HARM_OBJECT_RULE = 'patient.harm-object';
/** patient.yaml: a victim group ("prisoners of war", "migrants"), which a demonym before it qualifies. */
const VICTIM_GROUP_RULE = 'patient.victim-group';
/** Words between a harm's object marker and the own-country mention it governs ("the killing of thousands of innocent Kuwaiti ..."). */
const PATIENT_REACH = 4;
/** What may stand between them: articles, numbers and quantities, epithets of victims; not a preposition or clause of its own ("crimes against humanity with which Peruvian justice ..."). */
const VICTIM_FILLERS: ReadonlySet<string> = new Set([
  'the',
  'our',
  'of',
  'thousands',
  'hundreds',
  'millions',
  'dozens',
  'many',
  'more',
  'than',
  'over',
  'some',
  'several',
  'numerous',
  'innocent',
  'unarmed',
  'defenceless',
  'defenseless',
  'peaceful',
  'fellow',
  'ethnic',
]);
/** Others in the third person ("they", "their"): a pronoun names no party acting (it is as often the victims themselves). */
const PRONOUN_OTHER_RULE = 'target.other-they';
/** Concrete victims ("prisoners", "the people of"): the ones acted on, not the party acting. */
const VICTIMS_OTHER_RULE = 'target.other-victims';
/** Words that join a second victim to the first ("hatred towards Armenians and Armenia"). */
const VICTIM_JOINERS: ReadonlySet<string> = new Set(['and', 'or']);

/**
 * Whether an own-country mention stands in a victim's place (patient.yaml): a
 * harm's object marker ends just before it ("the expulsion of Guatemalan
 * workers", "hatred towards Armenians") or a victim group follows it ("Iraqi
 * prisoners of war", "Haitian migrants").
 */
function inVictimPlace(m: WorkingEvidence, patients: readonly WorkingEvidence[], tokens: Tokens): boolean {
  const clause = tokens.clause[m.startToken];
  const isNumber = (i: number) => /^\d/.test(tokens.words[i]);
  // A comma between them ends the phrase ("after the genocide of 1994, Rwanda found itself ..."), except inside a number ("11,000").
  const onePhrase = (from: number, to: number) => {
    for (let i = from + 1; i <= to; i++) if (tokens.phrase[i] !== tokens.phrase[i - 1] && !(isNumber(i - 1) && isNumber(i))) return false;
    return true;
  };
  const fillersOnly = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (!VICTIM_FILLERS.has(tokens.words[i]) && !isNumber(i)) return false;
    return true;
  };
  return patients.some((p) => {
    if (tokens.clause[p.startToken] !== clause) return false;
    if (p.rule === VICTIM_GROUP_RULE) return p.startToken === m.endToken && onePhrase(m.endToken - 1, p.startToken);
    if (p.rule !== HARM_OBJECT_RULE) return false;
    return (
      p.endToken <= m.startToken &&
      m.startToken - p.endToken <= PATIENT_REACH &&
      fillersOnly(p.endToken, m.startToken) &&
      onePhrase(p.endToken - 1, m.startToken)
    );
  });
}

/**
 * Another party named as the one acting: another State's name, or a reference
 * to another State, regime or actor (target_other evidence) that is not itself
 * a victim (target.other-victims, or any reference inside a victim group), a
 * bare pronoun, nor a name joined to the speaker's own.
 */
function otherAgentNamed(
  working: readonly WorkingEvidence[],
  own: string | undefined,
  ownMentions: readonly WorkingEvidence[],
  patients: readonly WorkingEvidence[],
  inside: (e: WorkingEvidence) => boolean,
): boolean {
  // A name joined to the speaker's own ("Greek Cypriots" said by Cyprus, "Turkish Cypriots" by Turkey) names one people, not another State acting.
  const joinedToOwn = (e: WorkingEvidence) => ownMentions.some((m) => m.endToken === e.startToken || e.endToken === m.startToken);
  return working.some(
    (e) =>
      e.category === 'target_other' &&
      e.rule !== own &&
      e.rule !== PRONOUN_OTHER_RULE &&
      e.rule !== VICTIMS_OTHER_RULE &&
      isActive(e) &&
      !(e.rule.startsWith(COUNTRY_RULE_PREFIX) && (inside(e) || joinedToOwn(e))) &&
      !patients.some((p) => p.startToken < e.endToken && e.startToken < p.endToken),
  );
}

/**
 * The own-country mentions in a victim's place (inVictimPlace), where another
 * party is named as acting (otherAgentNamed): "Iranian treatment of Iraqi
 * prisoners of war", said by Iraq, is about Iran's conduct. A mention joined
 * to such a one by "and"/"or" is one too ("hatred towards Armenians and
 * Armenia"). Without another party named ("violations against Guatemalan
 * citizens by our security forces"), or with the speaker's State named as
 * acting ("our Government released the Guatemalan detainees"), the mention
 * stays the speaker's own.
 */
function ownVictimMentions(
  working: readonly WorkingEvidence[],
  ownMentions: readonly WorkingEvidence[],
  own: string | undefined,
  tokens: Tokens,
  inside: (e: WorkingEvidence) => boolean,
): Set<WorkingEvidence> {
  const victims = new Set<WorkingEvidence>();
  const patients = working.filter((e) => e.category === 'patient' && isActive(e));
  if (patients.length === 0 || ownMentions.length === 0 || !otherAgentNamed(working, own, ownMentions, patients, inside)) return victims;
  // The speaker's State named as acting ("our Government released the Guatemalan detainees"): its own conduct.
  if (working.some((e) => e.rule === SELF_CONDUCT_RULE && isActive(e))) return victims;
  const sorted = [...ownMentions].sort((a, b) => a.startToken - b.startToken);
  let previous: WorkingEvidence | undefined;
  for (const m of sorted) {
    const joined =
      previous !== undefined &&
      victims.has(previous) &&
      m.startToken === previous.endToken + 1 &&
      VICTIM_JOINERS.has(tokens.words[previous.endToken]) &&
      tokens.clause[m.startToken] === tokens.clause[previous.startToken];
    if (joined || inVictimPlace(m, patients, tokens)) victims.add(m);
    previous = m;
  }
  return victims;
}

/**
 * `country.<iso3>` evidence: the speaker's own State is self-reference, any
 * other State is another's conduct; the weights are the model's. A mention
 * inside a longer one ("Sudan" in "South Sudan") is dropped. The speaker's own
 * State in a victim's place of another's conduct (ownVictimMentions) is not
 * switched to self: it counts toward other at the model's own_victim_weight.
 */
function weighCountryMentions(working: WorkingEvidence[], ownCountry: string | undefined, targets: ModelConfig['targets'], tokens: Tokens): void {
  const own = ownCountry ? countryRuleId(ownCountry) : undefined;
  const mentions = working.filter((e) => e.rule.startsWith(COUNTRY_RULE_PREFIX));
  const inside = (e: WorkingEvidence) =>
    mentions.some((o) => o !== e && o.startToken <= e.startToken && o.endToken >= e.endToken && o.endToken - o.startToken > e.endToken - e.startToken);
  const victims = own
    ? ownVictimMentions(
        working,
        mentions.filter((e) => e.rule === own && !inside(e)),
        own,
        tokens,
        inside,
      )
    : new Set<WorkingEvidence>();
  for (const e of mentions) {
    if (inside(e)) {
      e.weight = 0;
      e.effect = 'dropped';
    } else if (victims.has(e)) {
      e.effect = OWN_VICTIM_EFFECT;
      e.weight = targets.own_victim_weight;
    } else if (e.rule === own) {
      e.switched_from = e.category;
      e.category = 'target_self';
      e.effect = 'own_country';
      e.weight = targets.own_country_weight;
    } else e.weight = targets.other_country_weight;
  }
  dropReferencesNamedByCountry(working, mentions, tokens);
}

/**
 * "the Government of Armenia", "the security forces of Israel": a generic
 * reference followed by "of" and another party's country is that country's,
 * whoever speaks: the country mention decides and the generic one (read as the
 * speaker's own in UPR reports) stops counting.
 */
function dropReferencesNamedByCountry(working: WorkingEvidence[], mentions: readonly WorkingEvidence[], tokens: Tokens): void {
  if (mentions.length === 0) return;
  for (const e of working) {
    if (!isTargetCategory(e.category) || e.rule.startsWith(COUNTRY_RULE_PREFIX) || !isActive(e)) continue;
    if (tokens.words[e.endToken] !== 'of' || tokens.clause[e.endToken] !== tokens.clause[e.endToken - 1]) continue;
    const at = tokens.words[e.endToken + 1] === 'the' ? e.endToken + 2 : e.endToken + 1;
    // "the Government of <own country>" agrees with itself: both count.
    if (!mentions.some((m) => m.startToken === at && isActive(m) && m.category !== e.category)) continue;
    e.weight = 0;
    e.effect = 'named_country';
  }
}

/** Tokens between a speaker reference and its verb ("Bulgaria fully shares", "we also wish to"). */
const SPEAKER_VERB_REACH = 3;
/** The rule whose matches include the State's own act ("we have ratified"): never a mere speaker reference. */
const SELF_CONDUCT_RULE = 'target.self-conduct';

/**
 * A self-reference that is the subject of a verb of saying or believing names
 * the speaker more than the conduct at stake: it counts the model's
 * speaker_voice_weight, whatever its rule's own weight.
 */
function discountSpeakerVoice(working: WorkingEvidence[], speakerVoiceWeight: number): void {
  const verbs = working.filter((e) => e.category === 'speaker');
  if (verbs.length === 0) return;
  for (const e of working) {
    if (e.category !== 'target_self' || !isActive(e) || e.rule === SELF_CONDUCT_RULE) continue;
    const subjectOfStance = verbs.some((v) => v.startToken >= e.endToken && v.startToken - e.endToken < SPEAKER_VERB_REACH);
    if (!subjectOfStance) continue;
    e.weight = speakerVoiceWeight;
    e.effect = 'speaker_voice';
  }
}

/** The evidence of the first-mention weight (model.yaml targets.first_mention_weight); no lexicon rule. */
export const FIRST_MENTION_RULE = 'model.first-mention';

/**
 * The sentence's first reference to a party that counts for the target: the
 * earliest target evidence with weight, the speaker's voice aside (it says who
 * speaks, not whose conduct is at stake).
 */
export function firstMention<E extends Evidence>(evidence: readonly E[]): E | undefined {
  let first: E | undefined;
  for (const e of evidence) {
    if (!isTargetCategory(e.category) || !isActive(e) || e.effect === 'speaker_voice' || e.rule === FIRST_MENTION_RULE) continue;
    if (first === undefined || e.start < first.start) first = e;
  }
  return first;
}

/** The first mention's extra weight as evidence of its own, on its span, so the target sums stay what a reader can add up. */
function firstMentionEvidence(evidence: readonly Evidence[], weight: number): Evidence[] {
  const first = weight > 0 ? firstMention(evidence) : undefined;
  if (!first) return [];
  return [{ rule: FIRST_MENTION_RULE, category: first.category, start: first.start, end: first.end, text: first.text, weight: round(weight), negated: false }];
}

function relevanceOf(evidence: readonly Evidence[]): number {
  return evidence.filter((e) => e.category === 'relevance').reduce((s, e) => s + e.weight, 0);
}

/** Target evidence summed per target; `withFirstMention` false leaves the first-mention weight out (the context summary). */
function targetSums(evidence: readonly Evidence[], withFirstMention = true): TargetVector {
  const sums: TargetVector = { self: 0, other: 0, general: 0 };
  for (const e of evidence) {
    if (!isTargetCategory(e.category) || !(e.weight > 0) || (!withFirstMention && e.rule === FIRST_MENTION_RULE)) continue;
    sums[targetOfCategory(e.category)] += e.weight;
  }
  return sums;
}

/**
 * What a tagged sentence offers the one after it: its relevance and its target
 * evidence, without its first-mention weight (that sentence's subject is not the
 * next one's; counted, it made the fitted figure worse).
 */
export function summarizeContext(result: Pick<TagResult, 'evidence'>): ContextSummary {
  return { relevance: relevanceOf(result.evidence), target: targetSums(result.evidence, false) };
}

export function moveInput(working: readonly WorkingEvidence[], terms: readonly TermHit[], setting: Pick<DecisionSetting, 'upr' | 'context'>): MoveInput {
  const pieces = working
    .filter((e) => isMove(e.category) && isActive(e))
    .map((e) => ({ rule: e.rule, category: e.category as MoveLabel, multiplier: e.weight / e.baseWeight }));
  const relevance = relevanceOf(working);
  const ground = { movePieces: pieces.length, relevance, upr: setting.upr };
  return {
    pieces,
    terms: [...new Set(terms.map((t) => t.term))],
    relevance,
    contextRelevance: contextCounts(ground) ? setting.context.relevance : 0,
    upr: setting.upr,
  };
}

/** A term's weights as its evidence shows them (rounded, labels without a weight left out): made once per term, frozen. */
const roundedCache = new WeakMap<Partial<LabelVector>, Readonly<Partial<LabelVector>>>();
function roundedWeights(w: Partial<LabelVector>): Readonly<Partial<LabelVector>> {
  let rounded = roundedCache.get(w);
  if (!rounded) {
    rounded = Object.freeze(Object.fromEntries(LABELS.filter((l) => w[l] !== undefined).map((l) => [l, round(w[l]!)])));
    roundedCache.set(w, rounded);
  }
  return rounded;
}

/** `term.<term>`, the rule id of a term's evidence: made once per term (a new string per hit was garbage, and a rope to flatten when serialised). */
const termRuleIds = new Map<string, string>();
const MAX_TERM_RULE_IDS = 1 << 16;
function termRuleId(term: string): string {
  let id = termRuleIds.get(term);
  if (id === undefined) {
    id = `term.${term}`;
    if (termRuleIds.size < MAX_TERM_RULE_IDS) termRuleIds.set(term, id);
  }
  return id;
}

function termEvidence(terms: readonly TermHit[], label: Label, weights: MoveWeights): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const hit of terms) {
    if (seen.has(hit.term)) continue; // a term counts once per sentence
    seen.add(hit.term);
    const w = weights.termWeights(hit.term);
    if (!w) continue;
    const rounded = roundedWeights(w);
    out.push({
      rule: termRuleId(hit.term),
      category: 'term',
      start: hit.start,
      end: hit.end,
      text: hit.text,
      weight: round(w[label] ?? 0),
      negated: false,
      weights: rounded,
    });
  }
  return out;
}

/**
 * The scores a line shows: each move's evidence score (evidenceScores), rounded.
 * Read before the priors are added to the same numbers.
 */
function moveScoresOf(evidence: LabelVector): Record<MoveLabel, number> {
  const scores = {} as Record<MoveLabel, number>;
  for (const l of MOVE_LABELS) scores[l] = round(evidence[l]);
  return scores;
}

function decideTarget(
  label: Label,
  evidence: readonly Evidence[],
  moves: MoveInput['pieces'],
  setting: DecisionSetting,
): Pick<TagResult, 'target' | 'target_confidence' | 'target_basis'> {
  if (label === 'none') return { target: 'na', target_confidence: 1, target_basis: 'none' };
  const text = targetSums(evidence);
  const config = setting.model.targets;
  const logits = targetLogits({ label, text, context: setting.context.target, upr: setting.upr, moves }, config);
  const target = argmax(logits, TARGET_KINDS);
  const p = softmax(logits, TARGET_KINDS, config.temperature);
  const has = (v: TargetVector) => TARGET_KINDS.some((k: TargetKind) => v[k] > 0);
  const basis = has(text) ? 'text' : has(setting.context.target) ? 'context' : 'prior';
  return { target, target_confidence: round(p[target]), target_basis: basis };
}

/**
 * The most probable label other than `label`; a tie goes to the earlier label
 * (the first of a stable sort by probability, without sorting). A NaN
 * probability, which the sort orders its own way, takes the sort.
 */
export function runnerUpOf(label: Label, p: LabelVector): Label {
  let best: Label | undefined;
  for (const l of LABELS) {
    if (Number.isNaN(p[l])) return [...LABELS].sort((a, b) => p[b] - p[a]).find((k) => k !== label)!;
    if (l !== label && (best === undefined || p[l] > p[best])) best = l;
  }
  return best!;
}

function flagsOf(label: Label, p: LabelVector, evidence: readonly Evidence[], relevant: boolean, scoring: ScoringConfig): Flag[] {
  const flags: Flag[] = [];
  const runnerUp = runnerUpOf(label, p);
  if (label !== 'none' && runnerUp !== 'none' && p[runnerUp] >= scoring.conflict_ratio * p[label]) flags.push('conflict');
  if (evidence.some((e) => e.negated)) flags.push('negated');
  if ((label !== 'none' || relevant) && p[label] < scoring.low_confidence_below) flags.push('low_confidence');
  if (relevant && label === 'none') flags.push('relevant_unmatched');
  return flags;
}

/** Decide one utterance from its matched evidence and terms. */
export function decide(working: WorkingEvidence[], text: string, tokens: Tokens, terms: readonly TermHit[], setting: DecisionSetting): TagResult {
  // A UPR report is a review of the State's human-rights record: its statements there answer that scrutiny
  // (four in five of them are moves in the gold), so the setting meets a rule's relevance requirement, as
  // a sentence about human rights just before does.
  const contextRelevant = setting.context.relevance >= setting.scoring.relevance_threshold;
  applyEffects(working, text, tokens, setting.scoring, setting.upr ? MET_IN_UPR : contextRelevant ? MET_BY_CONTEXT : MET_NOWHERE);
  weighCountryMentions(working, setting.ownCountry, setting.model.targets, tokens);
  discountSpeakerVoice(working, setting.model.targets.speaker_voice_weight);
  applySelfRequirement(
    working,
    {
      bySetting: setting.upr,
      byContext: setting.context.target.self >= setting.scoring.self_context_min,
      contextAboutOther: setting.context.target.other >= setting.scoring.self_context_min && setting.context.target.other > setting.context.target.self,
    },
    setting.scoring.self_context_min,
  );
  const input = moveInput(working, terms, setting);
  const sums = evidenceScores(input, setting.weights);
  const scores = moveScoresOf(sums);
  const logits = withMovePriors(sums, input, setting.weights.config);
  const p = softmax(logits, LABELS, setting.model.moves.temperature);
  const label = argmax(logits, LABELS);
  const firedMove = input.pieces.length > 0;
  const relevant = input.relevance >= setting.scoring.relevance_threshold || firedMove;
  const stated = working.map(publicEvidence);
  // Only where a target is decided: on `none` (target na) the weight would explain nothing.
  const targetDecided = (setting.targetGiven ?? label) !== 'none';
  const firstMentionShown = targetDecided ? firstMentionEvidence(stated, setting.model.targets.first_mention_weight) : [];
  const evidence = [...stated, ...firstMentionShown, ...termEvidence(terms, label, setting.weights)];
  return {
    label,
    confidence: round(p[label]),
    relevant,
    scores,
    evidence,
    flags: flagsOf(label, p, evidence, relevant, setting.scoring),
    ...decideTarget(setting.targetGiven ?? label, evidence, input.pieces, setting),
  };
}
