// Run the compiled lexicon over the tokens of one utterance. Each NFA run starts
// at a token where its pattern can begin and never crosses a clause break, so a
// sentence costs O(tokens × states) at worst — linear in the text.
import { ANY, featuresOf, type CompiledLexicon, type CompiledPattern } from '../lexicon/compile.js';
import type { Tokens } from './tokenize.js';

export interface RuleMatch {
  rule: number;
  pattern: number;
  startToken: number;
  endToken: number; // exclusive
}

/** Longest match of `pattern` starting at token `from`, or -1 (the end token, exclusive). */
function runFrom(pattern: CompiledPattern, feats: ReadonlyArray<readonly number[]>, tokens: Tokens, from: number): number {
  const { states } = pattern;
  let current = closure(states, [pattern.start]);
  let best = -1;
  const clause = tokens.clause[from];
  for (let pos = from; pos < tokens.count && current.length > 0 && tokens.clause[pos] === clause; pos++) {
    const next: number[] = [];
    const tokenFeatures = feats[pos];
    for (const s of current) {
      const state = states[s];
      if (state.op !== 'consume') continue;
      if (state.feature === ANY || tokenFeatures.includes(state.feature)) next.push(state.next);
    }
    current = closure(states, next);
    if (current.some((s) => states[s].op === 'accept')) best = pos + 1;
  }
  return best;
}

/** Follow split states; returns the set of consume/accept states reached. */
function closure(states: CompiledPattern['states'], from: number[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [...from];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const state = states[s];
    if (state.op === 'split') stack.push(state.b, state.a);
    else out.push(s);
  }
  return out;
}

/** All rule matches in the utterance, one per rule and non-overlapping, in text order. */
export function matchTokens(lexicon: CompiledLexicon, tokens: Tokens): RuleMatch[] {
  const feats = tokens.words.map((w) => featuresOf(lexicon, w));
  const found: RuleMatch[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const tried = new Set<number>();
    for (const f of feats[i]) {
      for (const p of lexicon.anchors.get(f) ?? []) {
        if (tried.has(p)) continue;
        tried.add(p);
        const end = runFrom(lexicon.patterns[p], feats, tokens, i);
        if (end > i) found.push({ rule: lexicon.patterns[p].rule, pattern: p, startToken: i, endToken: end });
      }
    }
  }
  return keepNonOverlappingPerRule(found);
}

/** For each rule keep the earliest, then longest, match and drop its overlaps. */
function keepNonOverlappingPerRule(matches: RuleMatch[]): RuleMatch[] {
  const sorted = [...matches].sort(
    (a, b) => a.rule - b.rule || a.startToken - b.startToken || b.endToken - a.endToken || a.pattern - b.pattern,
  );
  const kept: RuleMatch[] = [];
  let lastRule = -1;
  let lastEnd = -1;
  for (const m of sorted) {
    if (m.rule === lastRule && m.startToken < lastEnd) continue;
    kept.push(m);
    lastRule = m.rule;
    lastEnd = m.endToken;
  }
  return kept.sort((a, b) => a.startToken - b.startToken || a.endToken - b.endToken || a.rule - b.rule);
}
