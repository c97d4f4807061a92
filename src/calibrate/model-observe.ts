// Tag every gold item once (with the sentence before, as in a run) and keep what
// fitting the decision layer needs: the move evidence as (rule, category, share
// of the rule's weight that counted), the relevance, the candidate terms, and
// the target evidence of the sentence and of the one before. The effects that
// set those shares depend on which evidence is present, not on the weights
// (weights stay above zero), so the fitter can re-score any weights without
// tagging again.
import { COUNTRY_RULE_PREFIX, normaliseCountry } from '../countries.js';
import { documentOf, type GoldItem } from '../eval/gold.js';
import { tagMeta } from '../eval/evaluate.js';
import { stem } from '../lexicon/morph.js';
import type { LexiconSet } from '../lexicon/types.js';
import { FIRST_MENTION_RULE, OWN_VICTIM_EFFECT, firstMention, summarizeContext } from '../tag/decide.js';
import { contextCounts } from '../tag/model.js';
import { isActive, isMove } from '../tag/score.js';
import { isUprVenue, type Tagger } from '../tag/tagger.js';
import { isTermWord } from '../tag/terms.js';
import { tokenize } from '../tag/tokenize.js';
import type { FoldUnit } from './config.js';
import { targetOfCategory, type Evidence, type Label, type MoveLabel, type Target, type TargetCategory, type TargetKind } from '../types.js';

export interface MovePiece {
  rule: string;
  category: MoveLabel;
  multiplier: number;
  /** Set when a case overlay fixes the rule's weight for the item's country: the contribution, not fitted. */
  fixed?: number;
}

/** Target evidence: a rule, or `country.own` / `country.other` for State mentions, `speaker.voice` for a self-reference in the speaker's voice (one weight each). */
export interface TargetPiece {
  rule: string;
  kind: TargetKind;
  multiplier: number;
}

export interface ModelObservation {
  id: string;
  document: string;
  /** What the folds keep whole: the document, or the country (config.ts FoldUnit). */
  unit: string;
  gold: Label;
  target?: Target;
  /** Weight in the fit (label-shift correction for items drawn by another design, model-fit.ts). */
  weight: number;
  /** Whether the item is of the reference design, on which cross-validated figures are reported. */
  reference: boolean;
  pieces: MovePiece[];
  terms: string[];
  relevance: number;
  contextRelevance: number;
  upr: boolean;
  targetPieces: TargetPiece[];
  contextTargetPieces: TargetPiece[];
}

/** Distinct candidate terms (Porter stems) of a text. */
export function candidateTerms(text: string): string[] {
  const tokens = tokenize(text);
  const out = new Set<string>();
  for (const w of tokens.words) if (isTermWord(w)) out.add(stem(w));
  return [...out].sort();
}

function ruleWeights(set: LexiconSet): Map<string, number> {
  const weights = new Map(set.rules.map((r) => [r.id, r.weight]));
  for (const overlay of Object.values(set.cases)) for (const r of overlay.rules) weights.set(r.id, r.weight);
  return weights;
}

/**
 * The share of its rule's weight a piece kept: a product of the effect factors
 * (0.5, 0.4, ...). Rounded, because the evidence weight it is read from is
 * rounded in the tagger's output: the same share whatever the rule's weight, so
 * a calibrated set calibrated again reproduces itself.
 */
function shareOf(e: Evidence, weights: Map<string, number>): number {
  return Math.round((e.weight / (weights.get(e.rule) ?? e.weight)) * 1e4) / 1e4;
}

function movePieces(evidence: readonly Evidence[], weights: Map<string, number>, adjusted: ReadonlySet<string>): MovePiece[] {
  return evidence
    .filter((e) => isMove(e.category) && isActive(e))
    .map((e) => {
      const piece: MovePiece = { rule: e.rule, category: e.category as MoveLabel, multiplier: shareOf(e, weights) };
      if (adjusted.has(e.rule)) piece.fixed = e.weight;
      return piece;
    });
}

/** The one weight of every self-reference in the speaker's voice (model.yaml targets.speaker_voice_weight). */
export const SPEAKER_VOICE_PIECE = 'speaker.voice';

/** The one weight of every mention of the speaker's own State as the victim of another's conduct (model.yaml targets.own_victim_weight). */
export const OWN_VICTIM_PIECE = 'country.own-victim';

/** The one weight of the sentence's first reference to a party (model.yaml targets.first_mention_weight). */
export const FIRST_MENTION_PIECE = 'first.mention';

/**
 * A sentence's target pieces; the sentence before's (`context`) without the
 * first mention, as the tagger's context summary has it. The first mention is
 * found here, not read from the tagger's evidence: the tagger shows it only when
 * the current model weighs it, and the fit must see it whatever its current weight.
 */
function targetPieces(evidence: readonly Evidence[], weights: Map<string, number>, context = false): TargetPiece[] {
  const pieces = evidence
    .filter(
      (e) =>
        e.category.startsWith('target_') && e.rule !== FIRST_MENTION_RULE && (isActive(e) || e.effect === 'speaker_voice' || e.effect === OWN_VICTIM_EFFECT),
    )
    .map((e): TargetPiece => {
      const kind = targetOfCategory(e.category as TargetCategory);
      if (e.effect === 'speaker_voice') return { rule: SPEAKER_VOICE_PIECE, kind, multiplier: 1 };
      if (e.effect === OWN_VICTIM_EFFECT) return { rule: OWN_VICTIM_PIECE, kind, multiplier: 1 };
      if (e.rule.startsWith(COUNTRY_RULE_PREFIX)) return { rule: kind === 'self' ? 'country.own' : 'country.other', kind, multiplier: 1 };
      return { rule: e.rule, kind, multiplier: shareOf(e, weights) };
    });
  const first = context ? undefined : firstMention(evidence);
  if (first) pieces.push({ rule: FIRST_MENTION_PIECE, kind: targetOfCategory(first.category as TargetCategory), multiplier: 1 });
  return pieces;
}

/**
 * An item's fold unit. By country: its ISO code where the name is known (a UPR
 * report's "newzealand" and a speech's "NZL" are one country), else the name
 * as written; an item without a country is a unit of its own document.
 */
export function foldUnitOf(item: GoldItem, foldBy: FoldUnit): string {
  if (foldBy === 'document' || !item.meta.country) return documentOf(item);
  return normaliseCountry(item.meta.country) ?? item.meta.country.toLowerCase();
}

/** `reference`: ids of the reference design (the distributed gold); undefined: every item is. */
export function observeForModel(tagger: Tagger, items: readonly GoldItem[], foldBy: FoldUnit, reference?: ReadonlySet<string>): ModelObservation[] {
  const weights = ruleWeights(tagger.set);
  return items.map((item) => {
    const meta = tagMeta(item);
    const context = meta.context !== undefined ? tagger.tag(meta.context, { ...meta, context: undefined }) : undefined;
    const result = tagger.tag(item.text, { ...meta, context: context ? summarizeContext(context) : undefined });
    const overlay = item.meta.country ? tagger.set.cases[item.meta.country] : undefined;
    const adjusted = new Set(overlay?.adjust.map((a) => a.rule) ?? []);
    const pieces = movePieces(result.evidence, weights, adjusted);
    const relevance = result.evidence.filter((e) => e.category === 'relevance').reduce((s, e) => s + e.weight, 0);
    const upr = isUprVenue(item.meta.venue);
    const obs: ModelObservation = {
      id: item.id,
      document: documentOf(item),
      unit: foldUnitOf(item, foldBy),
      gold: item.label,
      weight: 1,
      reference: reference === undefined || reference.has(item.id),
      pieces,
      terms: candidateTerms(item.text),
      relevance,
      // As the tagger reads it: the sentence before counts only for a sentence with ground of its own.
      contextRelevance: context && contextCounts({ movePieces: pieces.length, relevance, upr }) ? summarizeContext(context).relevance : 0,
      upr,
      targetPieces: targetPieces(result.evidence, weights),
      contextTargetPieces: context ? targetPieces(context.evidence, weights, true) : [],
    };
    if (item.target !== undefined) obs.target = item.target;
    return obs;
  });
}
