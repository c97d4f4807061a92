// A lexicon set compiled once, as bytes. Compiling a set (word forms from the
// morphology model, every pattern into an NFA, the State names, every case
// overlay) and running its examples takes seconds; its result is plain data,
// kept here as named sections, each v8-serialized on its own:
//
//   info      name, version, hash, scoring, model, terms (what tagging reads)
//   set       rules, cases, classes, countryRules (unpacked only when read)
//   base      the matcher of the base rules, with their weights
//   case:ISO3 the matcher of each case overlay, with its weights
//   failures  the rule examples that failed when the set was checked
//
// The bytes are what the lexicon cache stores (cache.ts) and what a classify
// run hands its worker threads, so a tagger never compiles what another one
// compiled. Each tagger unpacks its own matchers (fresh caches), so a tagger
// made from these bytes behaves exactly like one made from the set.
import v8 from 'node:v8';
import { compileRules, formOf, fromForm, type CompiledForm, type CompiledLexicon } from './compile.js';
import type { ExampleFailure } from './examples.js';
import { rulesForCountry } from './overlay.js';
import type { LexiconSet, Rule } from './types.js';

/** One matcher and the weights of the rules it was compiled from (a case overlay changes some). */
export interface CompiledPart {
  lexicon: CompiledLexicon;
  ruleWeights: ReadonlyMap<string, number>;
}

/** The matcher of a set's base rules or of one overlay's rules, plus the State names (target attribution) and the term layer. */
export function compilePart(set: LexiconSet, rules: Rule[]): CompiledPart {
  return {
    lexicon: compileRules([...rules, ...set.countryRules], set.terms.weights.keys()),
    ruleWeights: new Map(rules.map((r) => [r.id, r.weight])),
  };
}

/** A compiled set: v8-serialized sections by name, each with its own buffer (cloned cheaply into a worker thread). */
export interface CompiledSet {
  sections: Record<string, Uint8Array>;
}

const INFO = 'info';
const BODY = 'set';
const BASE = 'base';
const FAILURES = 'failures';
const CASE = 'case:';

/** LexiconSet's fields in the loader's order: `info` holds the small ones, `set` the rest. */
const INFO_FIELDS = ['name', 'version', 'hash', 'scoring', 'model', 'terms'] as const;
const BODY_FIELDS = ['rules', 'cases', 'classes', 'countryRules'] as const;
const FIELD_ORDER = ['dir', 'name', 'version', 'hash', 'rules', 'scoring', 'cases', 'classes', 'model', 'terms', 'countryRules'] as const;

type SetInfo = Pick<LexiconSet, (typeof INFO_FIELDS)[number]>;
type SetBody = Pick<LexiconSet, (typeof BODY_FIELDS)[number]>;
interface PartForm {
  form: CompiledForm;
  ruleWeights: ReadonlyMap<string, number>;
}

const pick = <T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;

function serialize(value: unknown): Uint8Array {
  return v8.serialize(value);
}

function section<T>(compiled: CompiledSet, name: string): T {
  const bytes = compiled.sections[name];
  if (!bytes) throw new Error(`compiled lexicon set: no section "${name}"`);
  return v8.deserialize(bytes) as T;
}

function partSection(part: CompiledPart): Uint8Array {
  return serialize({ form: formOf(part.lexicon), ruleWeights: part.ruleWeights } satisfies PartForm);
}

/** Compile the base rules and every case overlay of a validated set. Its examples are not run here (withFailures). */
export function compileSet(set: LexiconSet): CompiledSet {
  const sections: Record<string, Uint8Array> = {
    [INFO]: serialize(pick(set, INFO_FIELDS)),
    [BODY]: serialize(pick(set, BODY_FIELDS)),
    [BASE]: partSection(compilePart(set, set.rules)),
  };
  for (const code of Object.keys(set.cases).sort()) sections[CASE + code] = partSection(compilePart(set, rulesForCountry(set, code)));
  return { sections };
}

/** The compiled set with the outcome of its examples (an empty list: every example passed). */
export function withFailures(compiled: CompiledSet, failures: ExampleFailure[]): CompiledSet {
  return { sections: { ...compiled.sections, [FAILURES]: serialize(failures) } };
}

/** The failing examples recorded with the set; undefined when its examples were never run. */
export function failuresOf(compiled: CompiledSet): ExampleFailure[] | undefined {
  return compiled.sections[FAILURES] ? section<ExampleFailure[]>(compiled, FAILURES) : undefined;
}

/** Whether the set has a case overlay for this country. */
export function hasCase(compiled: CompiledSet, code: string): boolean {
  return Object.hasOwn(compiled.sections, CASE + code);
}

/** A fresh matcher (empty caches) of the base rules, or of a case overlay; undefined when the set has no such overlay. */
export function unpackPart(compiled: CompiledSet, caseCode?: string): CompiledPart | undefined {
  const name = caseCode === undefined ? BASE : CASE + caseCode;
  if (!Object.hasOwn(compiled.sections, name)) return undefined;
  const { form, ruleWeights } = section<PartForm>(compiled, name);
  return { lexicon: fromForm(form), ruleWeights };
}

/**
 * The set the bytes were compiled from, as found in `dir`. Its rules, cases,
 * classes and State-name rules are unpacked when first read: tagging with the
 * compiled matchers never reads them.
 */
export function openCompiledSet(compiled: CompiledSet, dir: string): LexiconSet {
  const info = section<SetInfo>(compiled, INFO);
  let body: SetBody | undefined;
  const bodyField = <K extends keyof SetBody>(key: K): SetBody[K] => (body ??= section<SetBody>(compiled, BODY))[key];
  const set = {} as LexiconSet;
  for (const key of FIELD_ORDER) {
    if (key === 'dir') Object.defineProperty(set, key, { value: dir, enumerable: true, writable: true, configurable: true });
    else if ((INFO_FIELDS as readonly string[]).includes(key))
      Object.defineProperty(set, key, { value: info[key as keyof SetInfo], enumerable: true, writable: true, configurable: true });
    else {
      const field = key as keyof SetBody;
      Object.defineProperty(set, key, {
        enumerable: true,
        configurable: true,
        get: () => bodyField(field),
        set: (value: unknown) => Object.defineProperty(set, key, { value, enumerable: true, writable: true, configurable: true }),
      });
    }
  }
  return set;
}
