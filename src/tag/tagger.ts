// The tagger: one utterance in, one decision with its evidence out. Pure; the
// compiled matcher is built once per lexicon set (and once per case overlay).
import { compileRules, termOf, type CompiledLexicon } from '../lexicon/compile.js';
import { rulesForCountry } from '../lexicon/overlay.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import type { MoveLabel, TagResult } from '../types.js';
import { decide, NO_CONTEXT, summarizeContext, type ContextSummary, type TermHit } from './decide.js';
import { matchTokens } from './match.js';
import type { MoveWeights } from './model.js';
import { toEvidence } from './score.js';
import { isTermWord } from './terms.js';
import { tokenize, type Tokens } from './tokenize.js';

export interface TagMeta {
  country?: string;
  year?: number;
  venue?: string;
  /**
   * The sentence before, as text (tagged here, without its own context) or as
   * the summary of its tagging (classify passes the previous utterance's).
   */
  context?: string | ContextSummary;
  /** Decide the target as if the label were this move (eval: attribution apart from the label). */
  targetGiven?: MoveLabel;
}

export interface Tagger {
  readonly set: LexiconSet;
  tag(text: string, meta?: TagMeta): TagResult;
  /** The compiled matcher used for a country (its case overlay applied, if any). */
  compiledFor(country?: string): CompiledLexicon;
}

export interface TaggerOptions {
  /** Apply this case overlay to every utterance, whatever its country (`--case`). */
  forceCase?: string;
}

/** Venues whose utterances are a UN review's third-person record of the State's statements. */
export function isUprVenue(venue: string | undefined): boolean {
  return venue !== undefined && /\b(upr|universal periodic review)\b/i.test(venue);
}

interface Compiled {
  lexicon: CompiledLexicon;
  weights: MoveWeights;
}

function compile(set: LexiconSet, rules: Rule[]): Compiled {
  const lexicon = compileRules([...rules, ...set.countryRules], set.terms.weights.keys());
  const ruleWeights = new Map(rules.map((r) => [r.id, r.weight]));
  const weights: MoveWeights = {
    config: set.model.moves,
    ruleWeight: (id) => ruleWeights.get(id) ?? 0,
    termWeights: (term) => set.terms.weights.get(term),
  };
  return { lexicon, weights };
}

function termHits(lexicon: CompiledLexicon, text: string, tokens: Tokens): TermHit[] {
  if (lexicon.termByFeature.size === 0) return [];
  const hits: TermHit[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (!isTermWord(tokens.words[i])) continue;
    const term = termOf(lexicon, tokens.words[i]);
    if (term !== null) hits.push({ term, start: tokens.starts[i], end: tokens.ends[i], text: text.slice(tokens.starts[i], tokens.ends[i]) });
  }
  return hits;
}

export function createTagger(set: LexiconSet, options: TaggerOptions = {}): Tagger {
  const base = compile(set, set.rules);
  const byCase = new Map<string, Compiled>();
  const compiledFor = (country?: string): Compiled => {
    const caseCode = options.forceCase ?? country;
    if (!caseCode || !set.cases[caseCode]) return base;
    let compiled = byCase.get(caseCode);
    if (!compiled) {
      compiled = compile(set, rulesForCountry(set, caseCode));
      byCase.set(caseCode, compiled);
    }
    return compiled;
  };
  const tag = (text: string, meta: TagMeta = {}): TagResult => {
    const { lexicon, weights } = compiledFor(meta.country);
    const tokens = tokenize(text);
    const matches = matchTokens(lexicon, tokens);
    const context =
      typeof meta.context === 'string'
        ? summarizeContext(tag(meta.context, { ...meta, context: undefined, targetGiven: undefined }))
        : (meta.context ?? NO_CONTEXT);
    return decide(toEvidence(lexicon, text, tokens, matches), text, tokens, termHits(lexicon, text, tokens), {
      scoring: set.scoring,
      model: set.model,
      weights,
      ownCountry: meta.country,
      upr: isUprVenue(meta.venue),
      context,
      ...(meta.targetGiven ? { targetGiven: meta.targetGiven } : {}),
    });
  };
  return { set, compiledFor: (country) => compiledFor(country).lexicon, tag };
}
