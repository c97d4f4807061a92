// Run the compiled lexicon over the tokens of one utterance. Each NFA run starts
// at a token where its pattern can begin and never crosses a clause break, so a
// sentence costs O(tokens × states) at worst — linear in the text.
//
// Speed: a lexicon of a few hundred patterns starts ~2 runs per token, and most
// die after a token or two, so per-step cost is what counts. Each pattern runs
// as a lazily built DFA: a DFA state is the set of NFA states a run can be in,
// and its transition on a token is cached under the token's feature list
// (interned by the compiler, so all words with the same features share one
// key). After warm-up a step is one Map lookup; the NFA is simulated only the
// first time a (state, feature list) pair is seen.
import {
  ANY,
  featureSetOf,
  NFA_ACCEPT,
  NFA_CONSUME,
  NFA_SPLIT,
  NFA_STRIDE,
  type CompiledLexicon,
  type CompiledPattern,
  type FeatureSet,
} from '../lexicon/compile.js';
import type { Tokens } from './tokenize.js';

export interface RuleMatch {
  rule: number;
  pattern: number;
  startToken: number;
  endToken: number; // exclusive
}

/** One DFA state: the NFA consume states a run is in, and whether it has just matched. */
interface DfaState {
  consume: Int32Array;
  accepting: boolean;
  /** The features its consume states need, and whether one takes any word: a token with none of them ends the run. */
  features: ReadonlySet<number>;
  wildcard: boolean;
  /** Cached transitions by feature set id; null: the run dies. */
  next: Map<number, DfaState | null>;
}

/** A pattern's NFA in flat arrays (split closures precomputed), and its DFA built so far. */
interface PatternDfa {
  feature: Int32Array;
  target: Int32Array;
  /** Consume states reachable from each state through splits (the state itself when it consumes). */
  closure: Int32Array[];
  /** Whether the accept state is in that closure. */
  accepts: Uint8Array;
  states: Map<string, DfaState>;
  start: DfaState;
  /** Scratch for building a transition. */
  scratch: Int32Array;
  stamp: Uint32Array;
  generation: number;
}

/**
 * A bound on each pattern's cached DFA; past it, new transitions are computed
 * but not stored (memory stays bounded on adversarial lexicons).
 */
export const MAX_DFA_STATES_PER_PATTERN = 4096;

const dfaCache = new WeakMap<CompiledPattern, PatternDfa>();

function dfaOf(pattern: CompiledPattern): PatternDfa {
  const cached = dfaCache.get(pattern);
  if (cached) return cached;
  const { nfa } = pattern;
  const n = nfa.length / NFA_STRIDE;
  const feature = new Int32Array(n);
  const target = new Int32Array(n);
  const closure: Int32Array[] = [];
  const accepts = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    if (nfa[s * NFA_STRIDE] === NFA_CONSUME) {
      feature[s] = nfa[s * NFA_STRIDE + 1];
      target[s] = nfa[s * NFA_STRIDE + 2];
    }
    const reached = splitClosure(nfa, s);
    closure.push(Int32Array.from(reached.filter((r) => nfa[r * NFA_STRIDE] === NFA_CONSUME).sort((a, b) => a - b)));
    accepts[s] = reached.some((r) => nfa[r * NFA_STRIDE] === NFA_ACCEPT) ? 1 : 0;
  }
  const dfa: PatternDfa = {
    feature,
    target,
    closure,
    accepts,
    states: new Map(),
    start: undefined as unknown as DfaState,
    scratch: new Int32Array(n),
    stamp: new Uint32Array(n),
    generation: 0,
  };
  // The start state never counts as a match (patterns are never empty).
  dfa.start = internState(dfa, closure[pattern.start], false);
  dfaCache.set(pattern, dfa);
  return dfa;
}

function internState(dfa: PatternDfa, consume: Int32Array, accepting: boolean): DfaState {
  const key = `${accepting ? 'a' : 'r'}${consume.join(',')}`;
  let state = dfa.states.get(key);
  if (!state) {
    const features = new Set<number>();
    let wildcard = false;
    for (const c of consume) {
      if (dfa.feature[c] === ANY) wildcard = true;
      else features.add(dfa.feature[c]);
    }
    state = { consume, accepting, features, wildcard, next: new Map() };
    if (dfa.states.size < MAX_DFA_STATES_PER_PATTERN) dfa.states.set(key, state);
  }
  return state;
}

/** Follow split states from `from`; returns the consume/accept states reached. */
function splitClosure(nfa: Int32Array, from: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (nfa[s * NFA_STRIDE] === NFA_SPLIT) stack.push(nfa[s * NFA_STRIDE + 2], nfa[s * NFA_STRIDE + 1]);
    else out.push(s);
  }
  return out;
}

function hasFeature(features: readonly number[], feature: number): boolean {
  for (let i = 0; i < features.length; i++) if (features[i] === feature) return true;
  return false;
}

/** One NFA step from `from` on a token with `features`: the next DFA state, or null when no state survives. */
function transition(dfa: PatternDfa, from: DfaState, features: readonly number[]): DfaState | null {
  if (dfa.generation === 0xffffffff) {
    dfa.stamp.fill(0);
    dfa.generation = 0;
  }
  const generation = ++dfa.generation;
  let size = 0;
  let accepting = false;
  for (const s of from.consume) {
    const f = dfa.feature[s];
    if (f !== ANY && !hasFeature(features, f)) continue;
    const to = dfa.target[s];
    if (dfa.accepts[to]) accepting = true;
    for (const r of dfa.closure[to]) {
      if (dfa.stamp[r] === generation) continue;
      dfa.stamp[r] = generation;
      dfa.scratch[size++] = r;
    }
  }
  if (size === 0 && !accepting) return null;
  return internState(dfa, dfa.scratch.slice(0, size).sort(), accepting);
}

/** Longest match of the pattern starting at token `from`, or -1 (the end token, exclusive). */
function runFrom(dfa: PatternDfa, sets: readonly FeatureSet[], tokens: Tokens, from: number): number {
  let state: DfaState | null = dfa.start;
  let best = -1;
  const clause = tokens.clause[from];
  for (let pos = from; pos < tokens.count && state !== null && tokens.clause[pos] === clause; pos++) {
    const set = sets[pos];
    let next = state.next.get(set.id);
    if (next === undefined) {
      next = state.wildcard || set.ids.some((f) => state!.features.has(f)) ? transition(dfa, state, set.ids) : null;
      if (state.next.size < MAX_TRANSITIONS_PER_STATE) state.next.set(set.id, next);
    }
    if (next !== null && next.accepting) best = pos + 1;
    state = next;
  }
  return best;
}

/** A bound on each DFA state's cached transitions (one per distinct feature set seen there). */
export const MAX_TRANSITIONS_PER_STATE = 65536;

/** The patterns that can start at a word with this feature set (deduplicated, in anchor order), cached on the set. */
function patternsStartingWith(lexicon: CompiledLexicon, set: FeatureSet): Int32Array {
  if (set.starts) return set.starts;
  const list: number[] = [];
  const seen = new Set<number>();
  for (const f of set.ids) {
    for (const p of lexicon.anchors.get(f) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      list.push(p);
    }
  }
  set.starts = Int32Array.from(list);
  return set.starts;
}

/** Per lexicon: scratch marks of the features present in the current utterance and of the patterns checked against them. */
interface UtteranceScratch {
  featureStamp: Uint32Array;
  patternStamp: Uint32Array;
  patternPossible: Uint8Array;
  generation: number;
}

const scratchCache = new WeakMap<CompiledLexicon, UtteranceScratch>();

function scratchFor(lexicon: CompiledLexicon): UtteranceScratch {
  let scratch = scratchCache.get(lexicon);
  if (!scratch) {
    scratch = {
      featureStamp: new Uint32Array(lexicon.featureCount),
      patternStamp: new Uint32Array(lexicon.patterns.length),
      patternPossible: new Uint8Array(lexicon.patterns.length),
      generation: 0,
    };
    scratchCache.set(lexicon, scratch);
  }
  if (scratch.generation === 0xffffffff) {
    scratch.featureStamp.fill(0);
    scratch.patternStamp.fill(0);
    for (const set of lexicon.featureSets.values()) set.viableIn = undefined;
    scratch.generation = 0;
  }
  scratch.generation++;
  return scratch;
}

/** Can the utterance (its features marked in `scratch`) meet every requirement of the pattern? Cached per utterance. */
function possible(scratch: UtteranceScratch, pattern: CompiledPattern, index: number): boolean {
  const generation = scratch.generation;
  if (scratch.patternStamp[index] === generation) return scratch.patternPossible[index] === 1;
  let ok = true;
  for (const anyOf of pattern.required) {
    let met = false;
    for (let i = 0; i < anyOf.length && !met; i++) met = scratch.featureStamp[anyOf[i]] === generation;
    if (!met) {
      ok = false;
      break;
    }
  }
  scratch.patternStamp[index] = generation;
  scratch.patternPossible[index] = ok ? 1 : 0;
  return ok;
}

/**
 * Of the patterns that can start at a word with this feature set, those the
 * current utterance can match: worked out once per distinct set and
 * utterance (function words recur within a sentence), kept on the set.
 */
function viableStarts(lexicon: CompiledLexicon, scratch: UtteranceScratch, set: FeatureSet): readonly number[] {
  const starts = patternsStartingWith(lexicon, set);
  if (starts.length === 0) return EMPTY;
  if (set.viableIn === scratch.generation) return set.viable!;
  const viable = (set.viable ??= []);
  viable.length = 0;
  for (let k = 0; k < starts.length; k++) if (possible(scratch, lexicon.patterns[starts[k]], starts[k])) viable.push(starts[k]);
  set.viableIn = scratch.generation;
  return viable;
}

const EMPTY: readonly number[] = Object.freeze([]);

/** The feature sets of the current utterance's tokens (reused: matching never nests). */
let sets: FeatureSet[] = [];

/** All rule matches in the utterance, one per rule and non-overlapping, in text order. */
export function matchTokens(lexicon: CompiledLexicon, tokens: Tokens): RuleMatch[] {
  const scratch = scratchFor(lexicon);
  const generation = scratch.generation;
  const n = tokens.count;
  if (sets.length < n) sets = new Array<FeatureSet>(n);
  let anyFeatures = false;
  for (let i = 0; i < n; i++) {
    const set = featureSetOf(lexicon, tokens.words[i]);
    sets[i] = set;
    const ids = set.ids;
    for (let k = 0; k < ids.length; k++) scratch.featureStamp[ids[k]] = generation;
    if (ids.length > 0) anyFeatures = true;
  }
  const found: RuleMatch[] = [];
  if (!anyFeatures) return found;
  for (let i = 0; i < n; i++) {
    const viable = viableStarts(lexicon, scratch, sets[i]);
    for (let k = 0; k < viable.length; k++) {
      const p = viable[k];
      const pattern = lexicon.patterns[p];
      const end = runFrom(dfaOf(pattern), sets, tokens, i);
      if (end > i) found.push({ rule: pattern.rule, pattern: p, startToken: i, endToken: end });
    }
  }
  return keepNonOverlappingPerRule(found);
}

/** For each rule keep the earliest, then longest, match and drop its overlaps. */
function keepNonOverlappingPerRule(matches: RuleMatch[]): RuleMatch[] {
  if (matches.length <= 1) return matches;
  const sorted = [...matches].sort((a, b) => a.rule - b.rule || a.startToken - b.startToken || b.endToken - a.endToken || a.pattern - b.pattern);
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
