// Word forms for lexicon patterns, computed once when a lexicon is compiled:
// compromise conjugates verbs and pluralises nouns (so `deny` matches denies,
// denied, denying), natural's Porter stemmer serves `~word` patterns.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Import the stemmer file alone: natural's package entry loads database clients.
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

interface Transforms {
  verb: { conjugate(word: string, model: unknown): Record<string, string> };
  noun: { toPlural(word: string, model: unknown): string };
}
interface Compromise {
  model(): { one: { lexicon: Record<string, string | undefined> } };
  methods(): { two: { transform: Transforms } };
}

// compromise takes a noticeable share of start-up to load: load it on first use
// (compiling a lexicon), not when a command that never compiles one starts.
let loaded: { model: ReturnType<Compromise['model']>; transforms: Transforms } | undefined;
function morphology(): NonNullable<typeof loaded> {
  if (!loaded) {
    const nlp = require('compromise') as Compromise;
    loaded = { model: nlp.model(), transforms: nlp.methods().two.transform };
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
  if (tag && KEEP_AS_WRITTEN.has(tag)) return true;
  return /(?:ing|ed)$/.test(word) && word.length > 5;
}

const formCache = new Map<string, string[]>();

/** The word plus its plural and verb forms (one token each), lowercased and sorted. */
export function inflections(word: string): string[] {
  const cached = formCache.get(word);
  if (cached) return cached;
  const forms = new Set([word]);
  if (!keepAsWritten(word)) {
    const { model, transforms } = morphology();
    for (const form of Object.values(transforms.verb.conjugate(word, model))) addSingleToken(forms, form);
    addSingleToken(forms, transforms.noun.toPlural(word, model));
  }
  const result = [...forms].sort();
  formCache.set(word, result);
  return result;
}

function addSingleToken(forms: Set<string>, form: string | undefined): void {
  if (form && /^[\p{L}\p{N}]+$/u.test(form)) forms.add(form.toLowerCase());
}

/** English stop words (natural's list): the words a pattern is least selective by. */
export const STOPWORDS: ReadonlySet<string> = new Set((require('natural/lib/natural/util/stopwords') as { words: string[] }).words);

const stemCache = new Map<string, string>();

/** Porter stem of a lowercased word, cached per distinct word. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porter.stem(word);
    stemCache.set(word, s);
  }
  return s;
}
