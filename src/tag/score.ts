// From rule matches to one decision: negation, attribution, concessive clauses
// and requirements change the evidence; the scores, label, confidence and flags
// follow from what is left. Every number comes from ScoringConfig.
import type { CompiledLexicon } from '../lexicon/compile.js';
import type { ScoringConfig, WhenNegated } from '../lexicon/types.js';
import { MOVE_LABELS, type Category, type Evidence, type Flag, type Label, type MoveLabel, type TagResult } from '../types.js';
import type { RuleMatch } from './match.js';
import { negationScopes } from './negation.js';
import type { Tokens } from './tokenize.js';

/** Evidence while it is being decided, with its token span. */
interface WorkingEvidence extends Evidence {
  startToken: number;
  endToken: number;
  requires: Category[];
  whenNegated: WhenNegated;
}

const isMove = (c: Category): c is MoveLabel => (MOVE_LABELS as readonly string[]).includes(c);
const isActive = (e: Evidence) => e.weight > 0;

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
      weight: rule.weight,
      negated: false,
      startToken: m.startToken,
      endToken: m.endToken,
      requires: rule.requires,
      whenNegated: rule.whenNegated,
    };
  });
}

/** Negation: a match is negated when a negator outside it scopes its words; the rule says what follows. */
export function applyNegation(evidence: WorkingEvidence[], text: string, tokens: Tokens, config: ScoringConfig): void {
  if (!evidence.some((e) => isMove(e.category))) return;
  const negatedBy = negationScopes(text, tokens, config.negation_window);
  for (const e of evidence) {
    let negated = false;
    for (let t = e.startToken; t < e.endToken && !negated; t++) negated = negatedBy[t] >= 0 && negatedBy[t] < e.start;
    if (!negated) continue;
    e.negated = true;
    const when = e.whenNegated;
    if (when === 'keep' || !isMove(e.category)) continue;
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
  for (const e of evidence) {
    if (!isMove(e.category) || !isActive(e)) continue;
    const inScope = markers.some((m) => e.startToken >= m.endToken && tokens.clause[e.startToken] === tokens.clause[m.startToken]);
    if (inScope) {
      e.weight *= config.attributed_factor;
      e.effect = 'attributed';
    }
  }
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

/** Drop evidence whose rule requires a category that has no active evidence. */
export function applyRequirements(evidence: WorkingEvidence[]): void {
  for (const e of evidence) {
    if (!isActive(e) || e.requires.length === 0) continue;
    if (e.requires.every((c) => evidence.some((o) => o !== e && o.category === c && isActive(o)))) continue;
    e.weight = 0;
    e.effect = 'unmet_requirement';
  }
}

function moveScores(evidence: Evidence[]): Record<MoveLabel, number> {
  const scores = Object.fromEntries(MOVE_LABELS.map((l) => [l, 0])) as Record<MoveLabel, number>;
  for (const e of evidence) if (isMove(e.category)) scores[e.category] += e.weight;
  for (const l of MOVE_LABELS) scores[l] = round(scores[l]);
  return scores;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The codebook's precedence: among moves within the margin of the best, the earliest wins. */
function chooseLabel(scores: Record<MoveLabel, number>, relevant: boolean, config: ScoringConfig): Label {
  const best = Math.max(...MOVE_LABELS.map((l) => scores[l]));
  if (!relevant || best < config.min_move_score) return 'none';
  return MOVE_LABELS.find((l) => scores[l] > 0 && scores[l] >= best - config.precedence_margin) ?? 'none';
}

function saturation(score: number, config: ScoringConfig): number {
  return 1 - Math.exp(-score / config.confidence_saturation);
}

function confidenceOf(label: Label, scores: Record<MoveLabel, number>, relevance: number, relevant: boolean, config: ScoringConfig): number {
  const total = MOVE_LABELS.reduce((s, l) => s + scores[l], 0);
  if (label !== 'none') return round(saturation(scores[label], config) * (scores[label] / total));
  const bestMove = Math.max(...MOVE_LABELS.map((l) => scores[l]));
  return round(1 - saturation(Math.max(bestMove, relevant ? relevance : 0), config));
}

function flagsOf(label: Label, scores: Record<MoveLabel, number>, evidence: Evidence[], relevant: boolean, confidence: number, config: ScoringConfig): Flag[] {
  const flags: Flag[] = [];
  const ranked = MOVE_LABELS.map((l) => scores[l]).sort((a, b) => b - a);
  if (label !== 'none' && ranked[1] > 0 && ranked[1] >= config.conflict_ratio * ranked[0]) flags.push('conflict');
  if (evidence.some((e) => e.negated)) flags.push('negated');
  if ((label !== 'none' || relevant) && confidence < config.low_confidence_below) flags.push('low_confidence');
  if (relevant && label === 'none') flags.push('relevant_unmatched');
  return flags;
}

/** Decide one utterance from its evidence. */
export function decide(working: WorkingEvidence[], text: string, tokens: Tokens, config: ScoringConfig): TagResult {
  applyNegation(working, text, tokens, config);
  applyAttribution(working, tokens, config);
  applyConcessive(working, tokens, config);
  applyRequirements(working);
  const evidence = working.map(publicEvidence);
  const relevance = evidence.filter((e) => e.category === 'relevance').reduce((s, e) => s + e.weight, 0);
  const selfRelevantMove = working.some((e) => isMove(e.category) && isActive(e) && !e.requires.includes('relevance'));
  const relevant = relevance >= config.relevance_threshold || selfRelevantMove;
  const scores = moveScores(evidence);
  const label = chooseLabel(scores, relevant, config);
  const confidence = confidenceOf(label, scores, relevance, relevant, config);
  return { label, confidence, relevant, scores, evidence, flags: flagsOf(label, scores, evidence, relevant, confidence, config) };
}

function publicEvidence(e: WorkingEvidence): Evidence {
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
