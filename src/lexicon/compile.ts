// Compile every pattern of every rule into one matcher: each written word
// becomes a *feature* (a set of surface forms, a prefix or a stem); each pattern
// becomes a small NFA over features; an index from feature to the patterns that
// can start with it means a sentence costs one feature lookup per token plus
// NFA runs only where some pattern can begin. Compile cost grows linearly with
// pattern size (each element adds a bounded number of states).
import { MIN_PREFIX, type Atom, type PatternAst } from './pattern.js';
import { inflections, stem, STOPWORDS } from './morph.js';
import type { Rule } from './types.js';

export const ANY = -1;

/** NFA state: consume a token with `feature` (or ANY) and go to `next`; or split; or accept. */
export type NfaState = { op: 'consume'; feature: number; next: number } | { op: 'split'; a: number; b: number } | { op: 'accept' };

/**
 * A compiled pattern keeps its NFA packed, NFA_STRIDE numbers per state (op,
 * then two operands): one typed array instead of an object per state, which a
 * cached lexicon loads without building tens of thousands of objects.
 */
export const NFA_STRIDE = 3;
export const NFA_CONSUME = 0; // feature, next
export const NFA_SPLIT = 1; // a, b
export const NFA_ACCEPT = 2;

function packNfa(states: NfaState[]): Int32Array {
  const nfa = new Int32Array(states.length * NFA_STRIDE);
  states.forEach((state, s) => {
    const at = s * NFA_STRIDE;
    if (state.op === 'consume') nfa.set([NFA_CONSUME, state.feature, state.next], at);
    else if (state.op === 'split') nfa.set([NFA_SPLIT, state.a, state.b], at);
    else nfa[at] = NFA_ACCEPT;
  });
  return nfa;
}

/** The pattern's NFA states, unpacked (for reading and tests; the matcher reads `nfa`). */
export function nfaStates(pattern: Pick<CompiledPattern, 'nfa'>): NfaState[] {
  const states: NfaState[] = [];
  const { nfa } = pattern;
  for (let at = 0; at < nfa.length; at += NFA_STRIDE) {
    const op = nfa[at];
    states.push(
      op === NFA_CONSUME
        ? { op: 'consume', feature: nfa[at + 1], next: nfa[at + 2] }
        : op === NFA_SPLIT
          ? { op: 'split', a: nfa[at + 1], b: nfa[at + 2] }
          : { op: 'accept' },
    );
  }
  return states;
}

/** What tagging reads of a rule (a compiled lexicon keeps no patterns, examples or descriptions). */
export type CompiledRule = Pick<Rule, 'id' | 'category' | 'weight' | 'requires' | 'requiresOwnSentence' | 'strongRelevance' | 'whenNegated'>;

export interface CompiledPattern {
  rule: number; // index into CompiledLexicon.rules
  source: string;
  /** The NFA, packed: see NFA_STRIDE. */
  nfa: Int32Array;
  start: number;
  firstFeatures: number[];
  /**
   * For each element every match must contain: the features of which one must
   * occur in the utterance (one per alternative). The matcher skips a pattern
   * whose requirements the utterance cannot meet, without running it.
   */
  required: Int32Array[];
  /** Features the pattern consumes as words (not gaps or `_`): a negator among them is part of the claim. */
  literalFeatures: ReadonlySet<number>;
  /** One of the rule's `unless` patterns: its matches make none of their own, they except the rule's matches they overlap. */
  exception?: true;
}

/** A distinct list of features, shared by every word of a lexicon's vocabulary that has exactly these. */
export interface FeatureSet {
  /** Its number in the lexicon (0: no features), a cheap key for the matcher's caches. */
  readonly id: number;
  readonly ids: readonly number[];
  /** The matcher's cache: the patterns that can start at a word with these features. */
  starts?: readonly number[];
  /** The term-layer term of words with these features (null: none), worked out on first use. */
  term?: string | null;
}

export interface CompiledLexicon {
  rules: CompiledRule[];
  patterns: CompiledPattern[];
  /** form → feature ids (word and exact atoms). */
  formFeatures: Map<string, number[]>;
  prefixFeatures: Array<[string, number]>;
  stemFeatures: Map<string, number[]>;
  /** feature id → patterns that can start with it. */
  anchors: Map<number, number[]>;
  featureCount: number;
  /** Per distinct word: its features. Grows with the vocabulary seen (cached work). */
  vocabulary: Vocabulary;
  /** Each distinct feature list once, so words with equal features share one set (the matcher keys caches by it). */
  featureSets: Map<string, FeatureSet>;
  /** prefixFeatures by their first MIN_PREFIX code units: a new word checks only its own bucket. */
  prefixIndex: Map<string, Array<[string, number]>>;
  /** First characters of the stems in stemFeatures (a Porter stem keeps its word's first character). */
  stemInitials: Set<string>;
  /** Feature id → the term-layer term (a Porter stem) it stands for. */
  termByFeature: Map<number, string>;
}

class FeatureRegistry {
  private readonly ids = new Map<string, number>();
  readonly formFeatures = new Map<string, number[]>();
  readonly prefixFeatures: Array<[string, number]> = [];
  readonly stemFeatures = new Map<string, number[]>();

  get count(): number {
    return this.ids.size;
  }

  featureFor(atom: Exclude<Atom, { kind: 'any' }>): number {
    const key = atom.kind === 'prefix' ? `prefix:${atom.prefix}` : `${atom.kind}:${atom.word}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(key, id);
    if (atom.kind === 'word') for (const form of inflections(atom.word)) push(this.formFeatures, form, id);
    if (atom.kind === 'exact') push(this.formFeatures, atom.word, id);
    if (atom.kind === 'prefix') this.prefixFeatures.push([atom.prefix, id]);
    if (atom.kind === 'stem') push(this.stemFeatures, stem(atom.word), id);
    return id;
  }

  /** A term of the term layer: a Porter stem, matched by every word with that stem. */
  termFeature(term: string): number {
    const key = `term:${term}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(key, id);
    push(this.stemFeatures, term, id);
    return id;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** Thompson construction: append states for the pattern, return the start state. */
function buildNfa(ast: PatternAst, features: FeatureRegistry): { states: NfaState[]; start: number } {
  const states: NfaState[] = [{ op: 'accept' }];
  let next = 0; // build back to front: `next` is where the rest of the pattern starts
  const consume = (feature: number, to: number): number => states.push({ op: 'consume', feature, next: to }) - 1;
  const split = (a: number, b: number): number => states.push({ op: 'split', a, b }) - 1;
  const atomFeature = (atom: Atom): number => (atom.kind === 'any' ? ANY : features.featureFor(atom));

  for (let i = ast.elements.length - 1; i >= 0; i--) {
    const element = ast.elements[i];
    if (element.kind === 'gap') {
      for (let g = 0; g < element.max; g++) next = split(consume(ANY, next), next);
      continue;
    }
    const rest = next;
    const starts = element.alternatives.map((alt) => {
      let s = rest;
      for (let j = alt.length - 1; j >= 0; j--) s = consume(atomFeature(alt[j]), s);
      return s;
    });
    let entry = starts[0];
    for (let k = 1; k < starts.length; k++) entry = split(starts[k], entry);
    next = element.optional ? split(entry, rest) : entry;
  }
  return { states, start: next };
}

/** Features a pattern can consume first (follow splits from the start state). */
function firstFeatures(states: NfaState[], start: number): number[] {
  const out = new Set<number>();
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const state = states[s];
    if (state.op === 'consume') out.add(state.feature);
    else if (state.op === 'split') stack.push(state.a, state.b);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Per mandatory element: one feature per alternative, since a match of the
 * element includes every atom of one of its alternatives. Of an alternative's
 * atoms the one likeliest to be rare is taken (not a stop word, the longest):
 * "the international community" requires "international", not "the", so the
 * matcher skips the pattern in most utterances with "the". An element with an
 * all-wildcard alternative requires nothing.
 */
function requiredFeatures(ast: PatternAst, features: FeatureRegistry): Int32Array[] {
  const required: Int32Array[] = [];
  for (const element of ast.elements) {
    if (element.kind !== 'seq' || element.optional) continue;
    const ids = new Set<number>();
    let open = false;
    for (const alt of element.alternatives) {
      const atom = rarestAtom(alt);
      if (!atom) open = true;
      else ids.add(features.featureFor(atom));
    }
    if (!open) required.push(Int32Array.from([...ids].sort((a, b) => a - b)));
  }
  return required;
}

/** The atom of an alternative likeliest to be rare in text (undefined: wildcards only). */
function rarestAtom(alt: Atom[]): Exclude<Atom, { kind: 'any' }> | undefined {
  let best: Exclude<Atom, { kind: 'any' }> | undefined;
  let bestScore = -1;
  for (const atom of alt) {
    if (atom.kind === 'any') continue;
    const written = atom.kind === 'prefix' ? atom.prefix : atom.word;
    const score = STOPWORDS.has(written) ? 0 : written.length;
    if (score > bestScore) {
      best = atom;
      bestScore = score;
    }
  }
  return best;
}

export function compileRules(rules: Rule[], terms: Iterable<string> = []): CompiledLexicon {
  const features = new FeatureRegistry();
  const termByFeature = new Map<number, string>();
  for (const term of terms) termByFeature.set(features.termFeature(term), term);
  const patterns: CompiledPattern[] = [];
  const anchors = new Map<number, number[]>();
  const add = (ast: PatternAst, ruleIndex: number, exception: boolean) => {
    const { states, start } = buildNfa(ast, features);
    const first = firstFeatures(states, start);
    const required = requiredFeatures(ast, features);
    const literalFeatures = new Set(states.flatMap((st) => (st.op === 'consume' && st.feature !== ANY ? [st.feature] : [])));
    const pattern: CompiledPattern = { rule: ruleIndex, source: ast.source, nfa: packNfa(states), start, firstFeatures: first, required, literalFeatures };
    if (exception) pattern.exception = true;
    const index = patterns.push(pattern) - 1;
    for (const f of first) push(anchors, f, index);
  };
  rules.forEach((rule, ruleIndex) => {
    for (const ast of rule.patterns) add(ast, ruleIndex, false);
    for (const ast of rule.unless) add(ast, ruleIndex, true);
  });
  return {
    rules: rules.map(compiledRule),
    patterns,
    formFeatures: features.formFeatures,
    prefixFeatures: features.prefixFeatures,
    stemFeatures: features.stemFeatures,
    anchors,
    featureCount: features.count,
    vocabulary: new Vocabulary(),
    featureSets: new Map(),
    prefixIndex: indexPrefixes(features.prefixFeatures),
    stemInitials: new Set([...features.stemFeatures.keys()].map((s) => s.charAt(0))),
    termByFeature,
  };
}

function compiledRule(rule: Rule): CompiledRule {
  return {
    id: rule.id,
    category: rule.category,
    weight: rule.weight,
    requires: rule.requires,
    requiresOwnSentence: rule.requiresOwnSentence,
    strongRelevance: rule.strongRelevance,
    whenNegated: rule.whenNegated,
  };
}

/**
 * A compiled lexicon as plain data, without the caches tagging fills (the
 * vocabulary seen, the shared feature sets): what a lexicon cache stores,
 * v8-serializable. `fromForm` gives it fresh caches again.
 */
export type CompiledForm = Omit<CompiledLexicon, 'vocabulary' | 'featureSets'>;

export function formOf(lexicon: CompiledLexicon): CompiledForm {
  const { vocabulary: _vocabulary, featureSets: _featureSets, ...form } = lexicon;
  return form;
}

export function fromForm(form: CompiledForm): CompiledLexicon {
  return { ...form, vocabulary: new Vocabulary(), featureSets: new Map() };
}

/** The term-layer term of a word, if it has one (cached on its shared feature set; pass the set when it is known). */
export function termOf(lexicon: CompiledLexicon, word: string, set: FeatureSet = featureSetOf(lexicon, word)): string | null {
  if (set.ids.length === 0) return null; // the shared, frozen empty set
  if (set.term === undefined) {
    const id = set.ids.find((f) => lexicon.termByFeature.has(f));
    set.term = id === undefined ? null : lexicon.termByFeature.get(id)!;
  }
  return set.term;
}

function indexPrefixes(prefixes: Array<[string, number]>): Map<string, Array<[string, number]>> {
  const index = new Map<string, Array<[string, number]>>();
  for (const entry of prefixes) {
    const key = entry[0].slice(0, MIN_PREFIX);
    const bucket = index.get(key);
    if (bucket) bucket.push(entry);
    else index.set(key, [entry]);
  }
  return index;
}

/** FNV-1a over the word's UTF-16 code units. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Distinct words a lexicon remembers (a worker sees ~55,000 in half of the 200 MB General Debate corpus). */
export const MAX_VOCABULARY = 1 << 20;

/**
 * Word → feature set, open addressing over one Int32Array of (hash, entry)
 * pairs. Every token is looked up here; a Map keyed by the word would hash the
 * fresh string in C++ and then chase a bucket, an entry and the stored key
 * across the heap, which tagging keeps evicting from the CPU caches. Here the
 * probe reads one small typed array and compares the stored word only when
 * the full 32-bit hash agrees.
 */
export class Vocabulary {
  private slots = new Int32Array(2 << 15);
  private mask = (1 << 15) - 1;
  private readonly words: string[] = [];
  private readonly sets: FeatureSet[] = [];

  get size(): number {
    return this.words.length;
  }

  get(word: string, h: number): FeatureSet | undefined {
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const entry = slots[2 * i + 1];
      if (entry === 0) return undefined;
      if (slots[2 * i] === h && this.words[entry - 1] === word) return this.sets[entry - 1];
    }
  }

  add(word: string, h: number, set: FeatureSet): void {
    // Past the bound, new words are looked up each time instead (memory stays flat on any corpus).
    if (this.words.length >= MAX_VOCABULARY) return;
    this.words.push(word);
    this.sets.push(set);
    if (this.words.length * 2 > this.mask + 1) this.grow();
    else this.place(h, this.words.length);
  }

  private place(h: number, entry: number): void {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (this.slots[2 * i + 1] === 0) {
        this.slots[2 * i] = h;
        this.slots[2 * i + 1] = entry;
        return;
      }
    }
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    this.words.forEach((w, i) => this.place(hashWord(w), i + 1));
  }
}

/** Words without features share one set in every lexicon (nothing can start there). */
const NO_FEATURES: FeatureSet = Object.freeze({ id: 0, ids: Object.freeze([]), starts: Object.freeze([]), term: null });

/** Features of one lowercased word, computed once per distinct word. */
export function featuresOf(lexicon: CompiledLexicon, word: string): readonly number[] {
  return featureSetOf(lexicon, word).ids;
}

/** The shared feature set of one lowercased word, computed once per distinct word. */
export function featureSetOf(lexicon: CompiledLexicon, word: string): FeatureSet {
  const h = hashWord(word);
  const cached = lexicon.vocabulary.get(word, h);
  if (cached) return cached;
  // Kept by the vocabulary and the stem cache: a copy that does not hold its sentence.
  word = detached(word);
  let found: number[] | undefined = lexicon.formFeatures.get(word)?.slice();
  for (const [prefix, id] of lexicon.prefixIndex.get(word.slice(0, MIN_PREFIX)) ?? []) {
    if (word.startsWith(prefix)) (found ??= []).push(id);
  }
  if (lexicon.stemInitials.has(word.charAt(0))) {
    const ids = lexicon.stemFeatures.get(stem(word));
    if (ids) (found ??= []).push(...ids);
  }
  const result = found
    ? internFeatures(
        lexicon,
        [...new Set(found)].sort((a, b) => a - b),
      )
    : NO_FEATURES;
  lexicon.vocabulary.add(word, h, result);
  return result;
}

/**
 * A copy of the word that does not keep its source alive: a word cut from a
 * document may be a view into the whole document text, and the vocabulary
 * lives as long as the lexicon (concatenating flattens into a new string).
 */
function detached(word: string): string {
  return word.length < DETACH_FROM_LENGTH ? word : ` ${word}`.slice(1);
}

/** V8 copies substrings shorter than this; longer ones are views into their source. */
const DETACH_FROM_LENGTH = 13;

function internFeatures(lexicon: CompiledLexicon, ids: number[]): FeatureSet {
  const key = ids.join(',');
  let shared = lexicon.featureSets.get(key);
  if (!shared) {
    // Every field present from the start: one object shape for all sets keeps the matcher's reads monomorphic.
    shared = { id: lexicon.featureSets.size + 1, ids: Object.freeze(ids), starts: undefined, term: undefined };
    lexicon.featureSets.set(key, shared);
  }
  return shared;
}
