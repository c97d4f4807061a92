// The tagger: one utterance in, one decision with its evidence out. Pure; the
// compiled matcher is built once per lexicon set (and once per case overlay).
import { termOf, type CompiledLexicon, type FeatureSet } from '../lexicon/compile.js';
import { compilePart, unpackPart, type CompiledPart, type CompiledSet } from '../lexicon/compiled-set.js';
import { rulesForCountry } from '../lexicon/overlay.js';
import type { LexiconSet } from '../lexicon/types.js';
import type { MoveLabel, TagResult } from '../types.js';
import { decide, NO_CONTEXT, summarizeContext, type ContextSummary, type TermHit } from './decide.js';
import { matchTokens, tokenFeatureSets } from './match.js';
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
  /**
   * The set compiled already (tag/open-set.ts, or a classify worker's task):
   * the tagger unpacks its matchers from it instead of compiling the rules.
   */
  compiled?: CompiledSet;
}

/** Venues whose utterances are a UN review's third-person record of the State's statements. */
export function isUprVenue(venue: string | undefined): boolean {
  return venue !== undefined && /\b(upr|universal periodic review)\b/i.test(venue);
}

interface Compiled {
  lexicon: CompiledLexicon;
  weights: MoveWeights;
}

function withWeights(set: LexiconSet, { lexicon, ruleWeights }: CompiledPart): Compiled {
  const weights: MoveWeights = {
    config: set.model.moves,
    ruleWeight: (id) => ruleWeights.get(id) ?? 0,
    termWeights: (term) => set.terms.weights.get(term),
  };
  return { lexicon, weights };
}

/** The matcher of the base rules (no case) or of a case overlay; undefined when the set has no overlay for that country. */
function partFor(set: LexiconSet, options: TaggerOptions, caseCode?: string): CompiledPart | undefined {
  if (options.compiled) return unpackPart(options.compiled, caseCode);
  if (caseCode === undefined) return compilePart(set, set.rules);
  return set.cases[caseCode] ? compilePart(set, rulesForCountry(set, caseCode)) : undefined;
}

/** Term-layer terms in the sentence: a word's term comes with its feature set (cached there); only then is the word itself checked. */
function termHits(lexicon: CompiledLexicon, text: string, tokens: Tokens, sets: readonly FeatureSet[]): TermHit[] {
  if (lexicon.termByFeature.size === 0) return [];
  const hits: TermHit[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const term = termOf(lexicon, tokens.words[i], sets[i]);
    if (term !== null && isTermWord(tokens.words[i]))
      hits.push({ term, start: tokens.starts[i], end: tokens.ends[i], text: text.slice(tokens.starts[i], tokens.ends[i]) });
  }
  return hits;
}

export function createTagger(set: LexiconSet, options: TaggerOptions = {}): Tagger {
  const base = withWeights(set, partFor(set, options)!);
  // Per country: its overlay's matcher, compiled (or unpacked) on first use; null: no overlay.
  const byCase = new Map<string, Compiled | null>();
  const compiledFor = (country?: string): Compiled => {
    const caseCode = options.forceCase ?? country;
    if (!caseCode) return base;
    let compiled = byCase.get(caseCode);
    if (compiled === undefined) {
      const part = partFor(set, options, caseCode);
      compiled = part ? withWeights(set, part) : null;
      byCase.set(caseCode, compiled);
    }
    return compiled ?? base;
  };
  const tag = (text: string, meta: TagMeta = {}): TagResult => {
    const { lexicon, weights } = compiledFor(meta.country);
    const tokens = tokenize(text);
    const sets = tokenFeatureSets(lexicon, tokens);
    const matches = matchTokens(lexicon, tokens, sets);
    const terms = termHits(lexicon, text, tokens, sets);
    const context =
      typeof meta.context === 'string'
        ? summarizeContext(tag(meta.context, { ...meta, context: undefined, targetGiven: undefined }))
        : (meta.context ?? NO_CONTEXT);
    return decide(toEvidence(lexicon, text, tokens, matches), text, tokens, terms, {
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
