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
  /** One of the rule's `unless` patterns overlaps it: the match counts for nothing (effect `excepted`). */
  excepted?: true;
}

/** One DFA state: the NFA consume states a run is in (ascending), and whether it has just matched. */
interface DfaState {
  consume: readonly number[];
  accepting: boolean;
  /**
   * The features its consume states need (distinct, ascending; a plain array
   * is a third of a Set's size), and whether one takes any word: a token with
   * none of them ends the run.
   */
  features: readonly number[];
  wildcard: boolean;
  /**
   * Cached transitions, by the id of a feature set with one of `features`;
   * null: the run dies (the map is made with the first one: most states never
   * have one). A word with none of them only moves the wildcards: that one
   * transition is `other` (null: the run dies; undefined: not yet built).
   */
  next: Map<number, DfaState | null> | undefined;
  other?: DfaState | null;
}

/**
 * A pattern's NFA in flat arrays (split closures precomputed), and its DFA
 * built so far. A worker keeps the DFAs of thousands of patterns (base rules
 * and case overlays) for the whole run: views of one typed array per pattern
 * (each typed array of its own costs an ArrayBuffer and a native backing
 * store) and plain arrays per state keep them small.
 */
interface PatternDfa {
  feature: Int32Array;
  target: Int32Array;
  /**
   * Consume states reachable from each state through splits (the state itself
   * when it consumes), ascending: those of state s are
   * closureList[closureStart[s]] to closureList[closureStart[s + 1] - 1].
   */
  closureStart: Int32Array;
  closureList: Int32Array;
  /** Whether the accept state is in that closure (1) or not (0). */
  accepts: Int32Array;
  states: Map<string, DfaState>;
  start: DfaState;
}

/**
 * Scratch for building a transition, shared by every pattern (a transition is
 * built start to end without a pause): the states reached, and a stamp per
 * state so each is taken once.
 */
const step = { reached: new Int32Array(64), stamp: new Uint32Array(64), generation: 0 };

/** The scratch with room for a pattern of `n` NFA states, and a fresh generation of stamps. */
function stepScratch(n: number): number {
  if (step.reached.length < n) {
    const size = Math.max(n, 2 * step.reached.length);
    step.reached = new Int32Array(size);
    step.stamp = new Uint32Array(size);
    step.generation = 0;
  }
  if (step.generation === 0xffffffff) {
    step.stamp.fill(0);
    step.generation = 0;
  }
  return ++step.generation;
}

/**
 * A bound on each pattern's cached DFA; past it, new transitions are computed
 * but not stored (memory stays bounded on adversarial lexicons).
 */
export const MAX_DFA_STATES_PER_PATTERN = 4096;

function dfaOf(pattern: CompiledPattern): PatternDfa {
  const { nfa } = pattern;
  const n = nfa.length / NFA_STRIDE;
  const closures: number[][] = [];
  const accepting: boolean[] = [];
  for (let s = 0; s < n; s++) {
    const reached = splitClosure(nfa, s);
    closures.push(reached.filter((r) => nfa[r * NFA_STRIDE] === NFA_CONSUME).sort((a, b) => a - b));
    accepting.push(reached.some((r) => nfa[r * NFA_STRIDE] === NFA_ACCEPT));
  }
  // One buffer: feature, target, accepts (n each), closureStart (n + 1), closureList.
  const all = new Int32Array(4 * n + 1 + closures.reduce((sum, c) => sum + c.length, 0));
  const feature = all.subarray(0, n);
  const target = all.subarray(n, 2 * n);
  const accepts = all.subarray(2 * n, 3 * n);
  const closureStart = all.subarray(3 * n, 4 * n + 1);
  const closureList = all.subarray(4 * n + 1);
  for (let s = 0; s < n; s++) {
    if (nfa[s * NFA_STRIDE] === NFA_CONSUME) {
      feature[s] = nfa[s * NFA_STRIDE + 1];
      target[s] = nfa[s * NFA_STRIDE + 2];
    }
    accepts[s] = accepting[s] ? 1 : 0;
    closureStart[s + 1] = closureStart[s] + closures[s].length;
    closureList.set(closures[s], closureStart[s]);
  }
  const dfa: PatternDfa = { feature, target, closureStart, closureList, accepts, states: new Map(), start: undefined as unknown as DfaState };
  // The start state never counts as a match (patterns are never empty).
  dfa.start = internState(dfa, closureList.subarray(closureStart[pattern.start], closureStart[pattern.start + 1]), false);
  return dfa;
}

/** The DFA state of these consume states (ascending), made once; `consume` may be scratch, copied when the state is new. */
function internState(dfa: PatternDfa, consume: Int32Array, accepting: boolean): DfaState {
  const key = `${accepting ? 'a' : 'r'}${consume.join(',')}`;
  let state = dfa.states.get(key);
  if (!state) {
    const needed = new Set<number>();
    let wildcard = false;
    for (const c of consume) {
      if (dfa.feature[c] === ANY) wildcard = true;
      else needed.add(dfa.feature[c]);
    }
    const features = [...needed].sort((a, b) => a - b);
    state = { consume: Array.from(consume), accepting, features, wildcard, next: undefined, other: wildcard ? undefined : null };
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
  const generation = stepScratch(dfa.feature.length);
  const { reached, stamp } = step;
  const { closureStart, closureList } = dfa;
  let size = 0;
  let accepting = false;
  for (const s of from.consume) {
    const f = dfa.feature[s];
    if (f !== ANY && !hasFeature(features, f)) continue;
    const to = dfa.target[s];
    if (dfa.accepts[to]) accepting = true;
    for (let k = closureStart[to], end = closureStart[to + 1]; k < end; k++) {
      const r = closureList[k];
      if (stamp[r] === generation) continue;
      stamp[r] = generation;
      reached[size++] = r;
    }
  }
  if (size === 0 && !accepting) return null;
  return internState(dfa, reached.subarray(0, size).sort(), accepting);
}

/** Does the word (its feature set) have one of the features the state's consume states need? */
function meets(state: DfaState, ids: readonly number[]): boolean {
  const features = state.features;
  for (let k = 0; k < ids.length; k++) if (includesSorted(features, ids[k])) return true;
  return false;
}

/** Whether an ascending list holds the value: a scan of a short list, a binary search of a long one. */
export function includesSorted(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length;
  // [lo, hi) holds the value if the list does: list[hi - 1] >= value, or hi is the end.
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid + 1;
  }
  for (; lo < hi; lo++) {
    if (list[lo] === value) return true;
    if (list[lo] > value) return false;
  }
  return false;
}

const NO_IDS: readonly number[] = Object.freeze([]);

/**
 * Longest match of the pattern starting at token `from`, or -1 (the end token,
 * exclusive). A step on a word without any feature the state needs takes the
 * state's one `other` transition (wildcards only, or none); only words that
 * meet the state look up their transition by feature set, so most failing
 * steps cost a few set lookups and no cache entry.
 */
function runFrom(dfa: PatternDfa, sets: readonly FeatureSet[], tokens: Tokens, from: number): number {
  let state: DfaState | null = dfa.start;
  let best = -1;
  const clause = tokens.clause[from];
  for (let pos = from; pos < tokens.count && state !== null && tokens.clause[pos] === clause; pos++) {
    const set = sets[pos];
    let next: DfaState | null | undefined;
    if (!meets(state, set.ids)) {
      next = state.other;
      if (next === undefined) next = state.other = transition(dfa, state, NO_IDS);
    } else {
      next = state.next?.get(set.id);
      if (next === undefined) {
        next = transition(dfa, state, set.ids);
        const cached = (state.next ??= new Map());
        if (cached.size < MAX_TRANSITIONS_PER_STATE) cached.set(set.id, next);
      }
    }
    if (next !== null && next.accepting) best = pos + 1;
    state = next;
  }
  return best;
}

/** A bound on each DFA state's cached transitions (one per distinct feature set seen there). */
export const MAX_TRANSITIONS_PER_STATE = 65536;

/** The patterns that can start at a word with this feature set (deduplicated, in anchor order), cached on the set. */
function patternsStartingWith(lexicon: CompiledLexicon, set: FeatureSet): readonly number[] {
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
  set.starts = list;
  return list;
}

/**
 * Per lexicon: each pattern's DFA, and what the requirement check reads.
 * Every mandatory element of every pattern (CompiledPattern.required) is
 * numbered; `postings` lists, per feature, the elements it meets (CSR:
 * `postingStart[f]` to `postingStart[f + 1]`). An utterance marks the elements
 * its features meet and counts them per pattern: a pattern can match only when
 * all of its elements are met — one comparison per candidate run, however long
 * its alternatives' lists.
 */
interface LexiconScratch {
  dfas: Array<PatternDfa | undefined>;
  postingStart: Int32Array;
  postings: Int32Array;
  elementPattern: Int32Array;
  requiredCount: Int32Array;
  /** Per utterance (valid where stamped with its generation): features seen, elements met, elements met per pattern. */
  featureStamp: Uint32Array;
  elementStamp: Uint32Array;
  metStamp: Uint32Array;
  met: Int32Array;
  generation: number;
}

const scratchCache = new WeakMap<CompiledLexicon, LexiconScratch>();

function buildScratch(lexicon: CompiledLexicon): LexiconScratch {
  const { patterns, featureCount } = lexicon;
  const counts = new Int32Array(featureCount + 1);
  let elements = 0;
  for (const pattern of patterns) {
    for (const anyOf of pattern.required) {
      for (const f of anyOf) counts[f + 1]++;
      elements++;
    }
  }
  const postingStart = new Int32Array(featureCount + 1);
  for (let f = 0; f < featureCount; f++) postingStart[f + 1] = postingStart[f] + counts[f + 1];
  const postings = new Int32Array(postingStart[featureCount]);
  const fill = postingStart.slice(0, featureCount);
  const elementPattern = new Int32Array(elements);
  const requiredCount = new Int32Array(patterns.length);
  let e = 0;
  patterns.forEach((pattern, p) => {
    requiredCount[p] = pattern.required.length;
    for (const anyOf of pattern.required) {
      elementPattern[e] = p;
      for (const f of anyOf) postings[fill[f]++] = e;
      e++;
    }
  });
  return {
    dfas: new Array<PatternDfa | undefined>(patterns.length),
    postingStart,
    postings,
    elementPattern,
    requiredCount,
    featureStamp: new Uint32Array(featureCount),
    elementStamp: new Uint32Array(elements),
    metStamp: new Uint32Array(patterns.length),
    met: new Int32Array(patterns.length),
    generation: 0,
  };
}

function scratchFor(lexicon: CompiledLexicon): LexiconScratch {
  let scratch = scratchCache.get(lexicon);
  if (!scratch) {
    scratch = buildScratch(lexicon);
    scratchCache.set(lexicon, scratch);
  }
  if (scratch.generation === 0xffffffff) {
    scratch.featureStamp.fill(0);
    scratch.elementStamp.fill(0);
    scratch.metStamp.fill(0);
    scratch.generation = 0;
  }
  scratch.generation++;
  return scratch;
}

/** Mark a feature of the current utterance: the elements it meets, counted once each for their pattern. */
function markFeature(scratch: LexiconScratch, f: number, generation: number): void {
  if (scratch.featureStamp[f] === generation) return;
  scratch.featureStamp[f] = generation;
  const { postings, elementStamp, elementPattern, metStamp, met } = scratch;
  for (let k = scratch.postingStart[f], end = scratch.postingStart[f + 1]; k < end; k++) {
    const e = postings[k];
    if (elementStamp[e] === generation) continue;
    elementStamp[e] = generation;
    const p = elementPattern[e];
    if (metStamp[p] === generation) met[p]++;
    else {
      metStamp[p] = generation;
      met[p] = 1;
    }
  }
}

/** Can the current utterance meet every requirement of pattern `p`? */
function possible(scratch: LexiconScratch, p: number, generation: number): boolean {
  const required = scratch.requiredCount[p];
  return required === 0 || (scratch.metStamp[p] === generation && scratch.met[p] === required);
}

/** The feature set of each token of an utterance (looked up once: the matcher and the term layer both read them). */
export function tokenFeatureSets(lexicon: CompiledLexicon, tokens: Tokens): FeatureSet[] {
  const n = tokens.count;
  const sets = new Array<FeatureSet>(n);
  for (let i = 0; i < n; i++) sets[i] = featureSetOf(lexicon, tokens.words[i]);
  return sets;
}

/** All rule matches in the utterance, one per rule and non-overlapping, in text order. */
export function matchTokens(lexicon: CompiledLexicon, tokens: Tokens, sets: readonly FeatureSet[] = tokenFeatureSets(lexicon, tokens)): RuleMatch[] {
  const scratch = scratchFor(lexicon);
  const generation = scratch.generation;
  const n = tokens.count;
  let anyFeatures = false;
  for (let i = 0; i < n; i++) {
    const ids = sets[i].ids;
    for (let k = 0; k < ids.length; k++) markFeature(scratch, ids[k], generation);
    if (ids.length > 0) anyFeatures = true;
  }
  const found: RuleMatch[] = [];
  if (!anyFeatures) return found;
  const { dfas } = scratch;
  for (let i = 0; i < n; i++) {
    const starts = patternsStartingWith(lexicon, sets[i]);
    for (let k = 0; k < starts.length; k++) {
      const p = starts[k];
      if (!possible(scratch, p, generation)) continue;
      const pattern = lexicon.patterns[p];
      const end = runFrom((dfas[p] ??= dfaOf(pattern)), sets, tokens, i);
      if (end > i) found.push({ rule: pattern.rule, pattern: p, startToken: i, endToken: end });
    }
  }
  return applyExceptions(lexicon, found);
}

/** Matches of `unless` patterns make no evidence of their own: they mark the rule's matches they overlap. */
function applyExceptions(lexicon: CompiledLexicon, found: RuleMatch[]): RuleMatch[] {
  const isException = (m: RuleMatch) => lexicon.patterns[m.pattern].exception === true;
  // Most sentences match no exception: no arrays are made for them (this runs on every sentence).
  if (!found.some(isException)) return keepNonOverlappingPerRule(found);
  const exceptions = found.filter(isException);
  const kept = keepNonOverlappingPerRule(found.filter((m) => !isException(m)));
  for (const m of kept) {
    if (exceptions.some((x) => x.rule === m.rule && x.startToken < m.endToken && x.endToken > m.startToken)) m.excepted = true;
  }
  return kept;
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
