// The tagger: one utterance in, one decision with its evidence out. Pure; the
// compiled matcher is built once per lexicon set (and once per case overlay).
import { compileRules, type CompiledLexicon } from '../lexicon/compile.js';
import { rulesForCountry } from '../lexicon/overlay.js';
import type { LexiconSet } from '../lexicon/types.js';
import type { TagResult } from '../types.js';
import { matchTokens } from './match.js';
import { decide, toEvidence } from './score.js';
import { tokenize } from './tokenize.js';

export interface TagMeta {
  country?: string;
  year?: number;
}

export interface Tagger {
  readonly set: LexiconSet;
  tag(text: string, meta?: TagMeta): TagResult;
  /** The compiled matcher used for a country (its case overlay applied, if any). */
  compiledFor(country?: string): CompiledLexicon;
}

const EMPTY_SCORES = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 };

export interface TaggerOptions {
  /** Apply this case overlay to every utterance, whatever its country (`--case`). */
  forceCase?: string;
}

export function createTagger(set: LexiconSet, options: TaggerOptions = {}): Tagger {
  const base = compileRules(set.rules);
  const byCase = new Map<string, CompiledLexicon>();
  const compiledFor = (country?: string): CompiledLexicon => {
    const caseCode = options.forceCase ?? country;
    if (!caseCode || !set.cases[caseCode]) return base;
    let compiled = byCase.get(caseCode);
    if (!compiled) {
      compiled = compileRules(rulesForCountry(set, caseCode));
      byCase.set(caseCode, compiled);
    }
    return compiled;
  };
  return {
    set,
    compiledFor,
    tag(text: string, meta: TagMeta = {}): TagResult {
      const lexicon = compiledFor(meta.country);
      const tokens = tokenize(text);
      const matches = matchTokens(lexicon, tokens);
      if (matches.length === 0) {
        return { label: 'none', confidence: 1, relevant: false, scores: { ...EMPTY_SCORES }, evidence: [], flags: [] };
      }
      return decide(toEvidence(lexicon, text, tokens, matches), text, tokens, set.scoring);
    },
  };
}
