// Word forms for lexicon patterns, computed once when a lexicon is compiled:
// compromise conjugates verbs and pluralises nouns (so `deny` matches denies,
// denied, denying), natural's Porter stemmer serves `~word` patterns.
//
// Only real word forms: compromise inflects any word it is given ("are" →
// "ares", "selectivity" → "selectivitied"), so each form it makes is kept only
// when it is a word of wink-nlp's English lexicon related to the word (a
// regular form, compromise's plural, or one sharing a lemma: "are" → "were",
// not "his" → "hiss"), or when it is a regular (or, by wink's lemmatizer,
// irregular) inflection that the word's part of speech allows: a plural of a
// word that can be a noun (rapporteur → rapporteurs, which wink lacks), a verb
// form of a word that can be a verb — never a form of a word that is itself
// inflected ("allegations" → "allegationses") or a pronoun. The part of speech
// comes from wink's lexicon and compromise's tagger; a word also counts as a
// verb when one of its past or -ing forms is in wink's lexicon (wink knows
// "mainstreamed", so "mainstreaming" is kept). The matcher (lexicon/compile.ts)
// and the dictionary export (interchange/expand.ts) both use inflections(), so
// they match and write the same forms. The forms kept are a subset of what
// compromise makes: a pattern never matches more than it did before.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Import the stemmer file alone: natural's package entry loads database clients.
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

interface Transforms {
  verb: { conjugate(word: string, model: unknown): Record<string, string | undefined> };
  noun: { toPlural(word: string, model: unknown): string };
}
interface Compromise {
  (text: string): { json(): Array<{ terms: Array<{ tags: string[] }> }> };
  model(): { one: { lexicon: Record<string, string | string[] | undefined> } };
  methods(): { two: { transform: Transforms } };
}

/** The parts of wink-nlp's lexicon cache read here (wink-nlp/src/cache.js). */
interface WinkCache {
  intrinsicSize(): number;
  property(index: number[], name: string): number;
  value(index: number): string | undefined;
  isMemberPOS(lexeme: number, pos: number): boolean;
}
interface WinkCore {
  features: { lexeme: { hash: Record<string, number | undefined> } };
  pos: { hash: Record<string, number> };
}

type WinkPos = 'NOUN' | 'VERB' | 'ADJ';
/** wink's lemmatizer: WordNet's irregular forms, then regular endings checked against its lexicon. */
type WinkLemmatize = (word: string, pos: WinkPos, cache: WinkCache) => string;

interface Morphology {
  nlp: Compromise;
  model: ReturnType<Compromise['model']>;
  transforms: Transforms;
  wink: { core: WinkCore; cache: WinkCache; lemmatize: WinkLemmatize; irregularPlurals: ReadonlySet<string> };
}

// compromise and wink's lexicon take a noticeable share of start-up to load:
// load them on first use (compiling a lexicon), not when a command that never
// compiles one starts.
let loaded: Morphology | undefined;
function morphology(): Morphology {
  if (!loaded) {
    const nlp = require('compromise') as Compromise;
    const model = require('wink-eng-lite-web-model') as { core(): WinkCore; featureFn: unknown };
    const createCache = require('wink-nlp/src/cache.js') as (core: WinkCore, featureFn: unknown) => WinkCache;
    const lemmatize = require('wink-eng-lite-web-model/dist/lemmatize.js') as WinkLemmatize;
    const core = model.core();
    // WordNet's irregular noun forms (children → child), as wink's lemmatizer reads them: which nouns have one.
    const nounExceptions = require('wink-eng-lite-web-model/dist/wn-noun-exceptions.js') as Record<string, string>;
    const wink = { core, cache: createCache(core, model.featureFn), lemmatize, irregularPlurals: new Set(Object.values(nounExceptions)) };
    loaded = { nlp, model: nlp.model(), transforms: nlp.methods().two.transform, wink };
  }
  return loaded;
}

/** Lexicon tags meaning the word is already inflected or a function word: keep it as written. */
const KEEP_AS_WRITTEN = new Set([
  'PastTense',
  'Gerund',
  'Participle',
  'Plural',
  'Adverb',
  'Determiner',
  'Preposition',
  'Pronoun',
  'Conjunction',
  'Copula',
  'Modal',
  'Negative',
  'QuestionWord',
  'Auxiliary',
  'Possessive',
]);

function keepAsWritten(word: string): boolean {
  if (word.length <= 2 || /\d/.test(word)) return true;
  const tag = morphology().model.one.lexicon[word];
  if (typeof tag === 'string' && KEEP_AS_WRITTEN.has(tag)) return true;
  return /(?:ing|ed)$/.test(word) && word.length > 5;
}

/** Tags of compromise's tagger that mark a word as inflected already. */
const INFLECTED_TAGS = ['Plural', 'PastTense', 'Gerund', 'Participle', 'Comparative', 'Superlative'];
/** Verbs that are not conjugated as content verbs: be, have (as auxiliary), can, will. */
const FUNCTION_VERB_TAGS = ['Copula', 'Modal', 'Auxiliary'];
/** Closed-class words (pronouns, determiners, ...): no plural or verb forms of theirs but known words. */
const CLOSED_CLASS_TAGS = ['Pronoun', 'Reflexive', 'Possessive', 'Determiner', 'Preposition', 'Conjunction'];
const CLOSED_CLASS_POS = ['PRON', 'DET', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'AUX'];

/** wink's index of a word in its own (intrinsic) lexicon, or undefined. */
function winkIndex(word: string): number | undefined {
  const { core, cache } = morphology().wink;
  const index = core.features.lexeme.hash[word];
  return index !== undefined && index < cache.intrinsicSize() ? index : undefined;
}

function winkCanBe(index: number | undefined, pos: string): boolean {
  const { core, cache } = morphology().wink;
  return index !== undefined && cache.isMemberPOS(index, core.pos.hash[pos]);
}

/**
 * A word of wink's lexicon. (Not compromise's: it fills its lexicon with the
 * forms it makes itself, "citizenses" among them.)
 */
function isKnownWord(word: string): boolean {
  return winkIndex(word) !== undefined;
}

/** wink's lemma of a word as a noun, verb or adjective (WordNet's irregular forms, then regular endings checked against its lexicon). */
function winkLemma(word: string, pos: WinkPos): string {
  const { lemmatize, cache } = morphology().wink;
  return lemmatize(word, pos, cache).toLowerCase();
}

/** What the word can be, from wink's lexicon and compromise's tags (the lexicon's, and the tagger's for the word alone). */
interface WordClass {
  noun: boolean;
  verb: boolean;
  /** be, have, can, ...: conjugated only into known words. */
  functionVerb: boolean;
  /** A pronoun, determiner, preposition or conjunction. */
  closed: boolean;
  /** Already a plural, a verb form or a comparative ("allegations", "damages", "born", "worse"). */
  inflected: boolean;
}

/** "others" (other + s), "news" (new + s): a word that reads as the -s form of a known word is not given another -s. */
function isRegularSOfKnownWord(word: string): boolean {
  const bases = [word.replace(/s$/, ''), word.replace(/es$/, ''), word.replace(/ies$/, 'y')].filter((b) => b !== word);
  return bases.some((b) => isKnownWord(b) && regularS(b).includes(word));
}

function wordClass(word: string): WordClass {
  const { nlp, model } = morphology();
  const listed = model.one.lexicon[word];
  const tags = new Set([...(nlp(word).json()[0]?.terms[0]?.tags ?? []), ...(listed === undefined ? [] : [listed].flat())]);
  const index = winkIndex(word);
  const winkPos = index === undefined ? [] : ['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV', ...CLOSED_CLASS_POS].filter((p) => winkCanBe(index, p));
  return {
    noun: winkPos.includes('NOUN') || winkPos.includes('PROPN') || tags.has('Noun'),
    verb: winkPos.includes('VERB') || tags.has('Verb'),
    functionVerb: FUNCTION_VERB_TAGS.some((t) => tags.has(t)),
    closed: CLOSED_CLASS_TAGS.some((t) => tags.has(t)) || (winkPos.length > 0 && winkPos.every((p) => CLOSED_CLASS_POS.includes(p))),
    inflected:
      INFLECTED_TAGS.some((t) => tags.has(t)) ||
      isRegularSOfKnownWord(word) ||
      (tags.has('PresentTense') && !tags.has('Infinitive')) ||
      (['NOUN', 'VERB', 'ADJ'] as const).some((pos) => {
        const lemma = winkLemma(word, pos);
        return lemma !== word && isKnownWord(lemma);
      }),
  };
}

/** English spelling of the regular -s, -ed and -ing endings. */
const SIBILANT = /(?:s|x|z|ch|sh)$/;
const CONSONANT_Y = /[^aeiou]y$/;
/** A short vowel before a final consonant (not w, x, y): "ban" → "banned", "commit" → "committed". */
const DOUBLES = /[^aeiou][aeiou][b-df-hj-np-tvz]$/;

/** The regular plural (or third person) of a word. */
function regularS(word: string): string[] {
  if (CONSONANT_Y.test(word)) return [`${word.slice(0, -1)}ies`];
  if (SIBILANT.test(word)) return [`${word}es`];
  if (word.endsWith('o')) return [`${word}s`, `${word}es`];
  return [`${word}s`];
}

/** The regular past and -ing forms of a verb. */
function regularVerbForms(word: string): string[] {
  if (word.endsWith('ie')) return [`${word}d`, `${word.slice(0, -2)}ying`];
  if (word.endsWith('e')) return [`${word}d`, `${word.slice(0, -1)}ing`, `${word}ing`];
  if (CONSONANT_Y.test(word)) return [`${word.slice(0, -1)}ied`, `${word}ing`];
  const last = word.slice(-1);
  const forms = [`${word}ed`, `${word}ing`];
  if (DOUBLES.test(word)) forms.push(`${word}${last}ed`, `${word}${last}ing`);
  if (last === 'c') forms.push(`${word}ked`, `${word}king`);
  return forms;
}

/**
 * A form of the word: its regular spelling, or an irregular form (one that
 * does not begin with the word: "men", "overthrew") that wink's lemmatizer
 * takes back to it. A regular-looking misspelling ("apologys") is neither.
 */
function isFormOf(word: string, form: string, pos: 'NOUN' | 'VERB'): boolean {
  const regular = pos === 'NOUN' ? regularS(word) : [...regularS(word), ...regularVerbForms(word)];
  return regular.includes(form) || (!form.startsWith(word) && winkLemma(form, pos) === word);
}

/** Conjugation keys whose forms show that a word is used as a verb (the present tense may be a plural). */
const VERB_EVIDENCE = new Set(['PastTense', 'Gerund', 'Participle', 'PerfectTense', 'PastParticiple']);
/** The conjugation key of the third person (-s) form, which is also a noun's regular plural. */
const THIRD_PERSON = 'PresentTense';
/** Nouns from Latin and Greek whose -s plural is in use beside the irregular one (moratoriums, forums). */
const CLASSICAL_SINGULAR = /(?:um|on)$/;

interface Candidate {
  form: string;
  /** compromise's plural of the word. */
  plural: boolean;
  /** The conjugation keys that gave this form. */
  verb: string[];
}

/** compromise's plural and conjugations of the word, one token each, lowercased. */
function candidates(word: string): Candidate[] {
  const { model, transforms } = morphology();
  const byForm = new Map<string, Candidate>();
  const add = (form: string | undefined, key?: string) => {
    if (!form || !/^[\p{L}\p{N}]+$/u.test(form)) return;
    const lower = form.toLowerCase();
    if (lower === word) return;
    const c = byForm.get(lower) ?? { form: lower, plural: false, verb: [] };
    if (key) c.verb.push(key);
    else c.plural = true;
    byForm.set(lower, c);
  };
  for (const [key, form] of Object.entries(transforms.verb.conjugate(word, model))) add(form, key);
  add(transforms.noun.toPlural(word, model));
  return [...byForm.values()];
}

/**
 * The noun's plurals among the candidates: compromise's plural, and the -s
 * form of the conjugation where it is the regular plural — unless the noun
 * has an irregular plural ("children", "ombudsmen"), which then is its only
 * one (but "moratoriums" beside "moratoria").
 */
function isPluralCandidate(word: string, c: Candidate, made: readonly Candidate[]): boolean {
  const irregular =
    morphology().wink.irregularPlurals.has(word) || made.some((m) => m.plural && !regularS(word).includes(m.form) && winkLemma(m.form, 'NOUN') === word);
  if (irregular && regularS(word).includes(c.form)) return CLASSICAL_SINGULAR.test(word);
  return c.plural || (c.verb.includes(THIRD_PERSON) && regularS(word).includes(c.form));
}

/** The lemmas wink gives a word as a noun, a verb and an adjective. */
function winkLemmas(word: string): Set<string> {
  return new Set((['NOUN', 'VERB', 'ADJ'] as const).map((pos) => winkLemma(word, pos)));
}

/** A known word made from the word: compromise's plural, a regular form, or one sharing a lemma ("are" → "were"; not "his" → "hiss"). */
function isRelatedForm(word: string, c: Candidate): boolean {
  if (c.plural || regularS(word).includes(c.form) || regularVerbForms(word).includes(c.form)) return true;
  const lemmas = winkLemmas(c.form);
  return lemmas.has(word) || [...winkLemmas(word)].some((l) => l !== c.form && lemmas.has(l));
}

/** Keep a form that is a known word, or an inflection the word's part of speech allows. */
function realForms(word: string, made: readonly Candidate[]): string[] {
  const known = made.filter((c) => isKnownWord(c.form) && isRelatedForm(word, c));
  const unknown = made.filter((c) => !isKnownWord(c.form));
  if (unknown.length === 0) return known.map((c) => c.form);
  // Only words with an unknown form need their part of speech (the tagger is the slow part).
  const cls = wordClass(word);
  if (cls.inflected || cls.closed) return known.map((c) => c.form);
  const knownVerbForm = known.some((c) => c.verb.some((k) => VERB_EVIDENCE.has(k)) && regularVerbForms(word).includes(c.form));
  const usedAsVerb = !cls.functionVerb && (cls.verb || knownVerbForm);
  const listed = morphology().model.one.lexicon;
  const kept = unknown.filter((c) => {
    // compromise lists it ("others"): a word, when it is the regular form.
    if (listed[c.form] !== undefined && (regularS(word).includes(c.form) || regularVerbForms(word).includes(c.form))) return true;
    if (cls.noun && isPluralCandidate(word, c, made) && isFormOf(word, c.form, 'NOUN')) return true;
    return c.verb.length > 0 && usedAsVerb && isFormOf(word, c.form, 'VERB');
  });
  return [...known, ...kept].map((c) => c.form);
}

const formCache = new Map<string, string[]>();

/** The word plus its real plural and verb forms (one token each), lowercased and sorted. */
export function inflections(word: string): string[] {
  const cached = formCache.get(word);
  if (cached) return cached;
  const forms = new Set([word]);
  if (!keepAsWritten(word)) for (const form of realForms(word, candidates(word))) forms.add(form);
  const result = [...forms].sort();
  formCache.set(word, result);
  return result;
}

/** English stop words (natural's list): the words a pattern is least selective by. */
export const STOPWORDS: ReadonlySet<string> = new Set((require('natural/lib/natural/util/stopwords') as { words: string[] }).words);

const stemCache = new Map<string, string>();
/**
 * Distinct words the stem cache holds at most; then it starts again. Tagging
 * stems a word once per lexicon (the vocabulary remembers it after that), so
 * the cache only saves the stems of a word new to a case overlay; unbounded,
 * it grew to ~4.5 MB per worker on the General Debate corpus.
 */
export const MAX_STEM_CACHE = 1 << 14;

/** Porter stem of a lowercased word, cached per distinct word. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porter.stem(word);
    if (stemCache.size >= MAX_STEM_CACHE) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}
