// The lexicon files that hold fitted numbers and reference data rather than
// rules: model.yaml (biases, relevance and context weights, temperatures),
// terms.yaml (the weighted term layer) and countries.yaml (names that refer to
// States, for target attribution). Each reader validates its file and reports
// problems as file:line, like the rule files.
import { isMap, isScalar, type Node as YamlNode, type YAMLMap } from 'yaml';
import { countryNameEntries, countryRuleId, isCountryCode } from '../countries.js';
import { LABELS, MOVE_LABELS, TARGET_KINDS, type Label, type TargetKind } from '../types.js';
import type { SourceLocation } from './errors.js';
import { parsePattern, PatternError } from './pattern.js';
import type { Rule } from './types.js';
import { defaultModelConfig, type ModelConfig } from '../tag/model.js';

type Problem = SourceLocation & { message: string };

/** What the readers need of a parsed YAML file. */
export interface ParsedYaml {
  rel: string;
  root: YamlNode | null;
  line(node: unknown): number | undefined;
}

export const MODEL_FILE = 'model.yaml';
export const TERMS_FILE = 'terms.yaml';
export const COUNTRIES_FILE = 'countries.yaml';

/** A term of the term layer: a Porter stem, lowercase letters. */
const TERM_SHAPE = /^[a-z][a-z0-9]*$/;

function keyOf(pair: { key: unknown }): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function numberVector<K extends string>(file: ParsedYaml, node: unknown, keys: readonly K[], what: string, problems: Problem[]): Record<K, number> | undefined {
  if (!isMap(node)) {
    problems.push({ file: file.rel, line: file.line(node), message: `${what} must be a mapping of ${keys.join(', ')}` });
    return undefined;
  }
  const out = {} as Record<K, number>;
  for (const pair of node.items) {
    const k = keyOf(pair);
    if (!(keys as readonly string[]).includes(k))
      problems.push({ file: file.rel, line: file.line(pair.key), message: `${what}: unknown key "${k}" (allowed: ${keys.join(', ')})` });
  }
  for (const k of keys) {
    const v = node.get(k);
    if (typeof v !== 'number' || !Number.isFinite(v))
      problems.push({ file: file.rel, line: file.line(node.get(k, true) ?? node), message: `${what}.${k} must be a number` });
    else out[k] = v;
  }
  return out;
}

function positive(file: ParsedYaml, map: YAMLMap, key: string, what: string, problems: Problem[], allowZero = true): number | undefined {
  const v = map.get(key);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    problems.push({ file: file.rel, line: file.line(map.get(key, true) ?? map), message: `${what}.${key} must be a number ${allowZero ? '≥' : '>'} 0` });
    return undefined;
  }
  return v;
}

function checkKeys(file: ParsedYaml, map: YAMLMap, allowed: readonly string[], what: string, problems: Problem[]): void {
  for (const pair of map.items) {
    const k = keyOf(pair);
    if (!allowed.includes(k))
      problems.push({ file: file.rel, line: file.line(pair.key), message: `unknown key "${k}" in ${what} (allowed: ${allowed.join(', ')})` });
  }
}

/** model.yaml → the decision layer's numbers (tag/model.ts documents each). */
export function readModel(file: ParsedYaml, problems: Problem[]): ModelConfig {
  const config = defaultModelConfig();
  const root = file.root;
  if (!isMap(root)) {
    problems.push({ file: file.rel, line: 1, message: `${MODEL_FILE} must be a mapping` });
    return config;
  }
  checkKeys(file, root, ['description', 'fitted_on', 'moves', 'targets'], MODEL_FILE, problems);
  const moves = root.get('moves', true);
  if (isMap(moves)) {
    checkKeys(file, moves, ['bias', 'upr_bias', 'relevance_weight', 'relevance_cap', 'context_relevance_weight', 'temperature'], 'moves', problems);
    config.moves.bias = numberVector(file, moves.get('bias', true), LABELS, 'moves.bias', problems) ?? config.moves.bias;
    config.moves.upr_bias = numberVector(file, moves.get('upr_bias', true), LABELS, 'moves.upr_bias', problems) ?? config.moves.upr_bias;
    config.moves.relevance_weight = positive(file, moves, 'relevance_weight', 'moves', problems) ?? 0;
    config.moves.relevance_cap = positive(file, moves, 'relevance_cap', 'moves', problems) ?? 0;
    config.moves.context_relevance_weight = positive(file, moves, 'context_relevance_weight', 'moves', problems) ?? 0;
    config.moves.temperature = positive(file, moves, 'temperature', 'moves', problems, false) ?? 1;
  } else problems.push({ file: file.rel, line: file.line(moves ?? root), message: '"moves" must be a mapping' });
  const targets = root.get('targets', true);
  if (isMap(targets)) {
    checkKeys(
      file,
      targets,
      [
        'bias',
        'label_bias',
        'upr_bias',
        'context_weight',
        'other_country_weight',
        'own_country_weight',
        'speaker_voice_weight',
        'own_victim_weight',
        'first_mention_weight',
        'move_rule_bias',
        'temperature',
      ],
      'targets',
      problems,
    );
    config.targets.bias = numberVector(file, targets.get('bias', true), TARGET_KINDS, 'targets.bias', problems) ?? config.targets.bias;
    config.targets.upr_bias = numberVector(file, targets.get('upr_bias', true), TARGET_KINDS, 'targets.upr_bias', problems) ?? config.targets.upr_bias;
    const byLabel = targets.get('label_bias', true);
    if (isMap(byLabel)) {
      checkKeys(file, byLabel, MOVE_LABELS, 'targets.label_bias', problems);
      for (const label of MOVE_LABELS) {
        const v = numberVector(file, byLabel.get(label, true), TARGET_KINDS, `targets.label_bias.${label}`, problems);
        if (v) config.targets.label_bias[label] = v;
      }
    } else problems.push({ file: file.rel, line: file.line(byLabel ?? targets), message: '"targets.label_bias" must be a mapping by move label' });
    config.targets.context_weight = positive(file, targets, 'context_weight', 'targets', problems) ?? 0;
    config.targets.other_country_weight = positive(file, targets, 'other_country_weight', 'targets', problems) ?? 0;
    config.targets.own_country_weight = positive(file, targets, 'own_country_weight', 'targets', problems) ?? 0;
    // Optional, both: a model fitted before they existed gave the speaker's voice and the first mention no weight.
    if (targets.has('speaker_voice_weight')) config.targets.speaker_voice_weight = positive(file, targets, 'speaker_voice_weight', 'targets', problems) ?? 0;
    // Optional: a model fitted before it existed counted the speaker's own nationals as victims for nothing.
    if (targets.has('own_victim_weight')) config.targets.own_victim_weight = positive(file, targets, 'own_victim_weight', 'targets', problems) ?? 0;
    if (targets.has('first_mention_weight')) config.targets.first_mention_weight = positive(file, targets, 'first_mention_weight', 'targets', problems) ?? 0;
    config.targets.move_rule_bias = readMoveRuleBias(file, targets.get('move_rule_bias', true), problems);
    config.targets.temperature = positive(file, targets, 'temperature', 'targets', problems, false) ?? 1;
  } else problems.push({ file: file.rel, line: file.line(targets ?? root), message: '"targets" must be a mapping' });
  return config;
}

/** targets.move_rule_bias: move rule id → {self?, other?, general?} (absent: no lean). */
function readMoveRuleBias(file: ParsedYaml, node: unknown, problems: Problem[]): ModelConfig['targets']['move_rule_bias'] {
  const out: ModelConfig['targets']['move_rule_bias'] = {};
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return out;
  if (!isMap(node)) {
    problems.push({ file: file.rel, line: file.line(node), message: 'targets.move_rule_bias must be a mapping of rule id → {self, other, general}' });
    return out;
  }
  for (const pair of node.items) {
    const rule = keyOf(pair);
    if (!isMap(pair.value)) {
      problems.push({ file: file.rel, line: file.line(pair.key), message: `targets.move_rule_bias.${rule} must be a mapping of target → number` });
      continue;
    }
    const lean: Partial<Record<TargetKind, number>> = {};
    for (const inner of pair.value.items) {
      const k = keyOf(inner);
      const v = isScalar(inner.value) ? inner.value.value : undefined;
      if (!(TARGET_KINDS as readonly string[]).includes(k))
        problems.push({ file: file.rel, line: file.line(inner.key), message: `targets.move_rule_bias.${rule}: unknown target "${k}"` });
      else if (typeof v !== 'number' || !Number.isFinite(v))
        problems.push({ file: file.rel, line: file.line(inner.key), message: `targets.move_rule_bias.${rule}.${k} must be a number` });
      else lean[k as TargetKind] = v;
    }
    out[rule] = lean;
  }
  return out;
}

export interface TermLayer {
  /** term (Porter stem) → fitted weight per label (labels without a weight are absent). */
  weights: Map<string, Partial<Record<Label, number>>>;
}

/** terms.yaml → the term layer. */
export function readTerms(file: ParsedYaml, problems: Problem[]): TermLayer {
  const weights = new Map<string, Partial<Record<Label, number>>>();
  const root = file.root;
  if (!isMap(root)) {
    problems.push({ file: file.rel, line: 1, message: `${TERMS_FILE} must be a mapping` });
    return { weights };
  }
  checkKeys(file, root, ['description', 'fitted_on', 'terms'], TERMS_FILE, problems);
  const terms = root.get('terms', true);
  if (terms === undefined || terms === null || (isScalar(terms) && terms.value === null)) return { weights };
  if (!isMap(terms)) {
    problems.push({ file: file.rel, line: file.line(terms), message: '"terms" must be a mapping of term → {label: weight}' });
    return { weights };
  }
  for (const pair of terms.items) {
    const term = keyOf(pair);
    const line = file.line(pair.key);
    if (!TERM_SHAPE.test(term)) problems.push({ file: file.rel, line, message: `term "${term}" must be a lowercase stem (letters and digits)` });
    if (!isMap(pair.value)) {
      problems.push({ file: file.rel, line, message: `term "${term}": weights must be a mapping of label → number` });
      continue;
    }
    const w: Partial<Record<Label, number>> = {};
    for (const inner of pair.value.items) {
      const label = keyOf(inner);
      const value = isScalar(inner.value) ? inner.value.value : undefined;
      if (!(LABELS as readonly string[]).includes(label))
        problems.push({ file: file.rel, line: file.line(inner.key), message: `term "${term}": unknown label "${label}"` });
      else if (typeof value !== 'number' || !Number.isFinite(value))
        problems.push({ file: file.rel, line: file.line(inner.key), message: `term "${term}": weight for ${label} must be a number` });
      else w[label as Label] = value;
    }
    weights.set(term, w);
  }
  return { weights };
}

/** Name forms that are common English words and would misfire as a State ("Isle of Man" → "man"). */
const AMBIGUOUS_NAME_FORMS = new Set(['man', 'jersey', 'guernsey', 'chad']);

function isUsableNameForm(words: string[]): boolean {
  if (words.length === 0) return false;
  return !(words.length === 1 && (words[0].length <= 2 || AMBIGUOUS_NAME_FORMS.has(words[0])));
}

const NAME_WORDS = /[\p{L}\p{N}]+/gu;

/** A State's name as an exact-word pattern: "Côte d'Ivoire" → `=côte =d =ivoire`. */
function namePattern(name: string): string | undefined {
  const words =
    name
      .toLowerCase()
      .replace(/\(.*?\)/g, ' ')
      .match(NAME_WORDS) ?? [];
  if (!isUsableNameForm(words)) return undefined;
  return words.map((w) => `=${w}`).join(' ');
}

/**
 * countries.yaml (demonyms, capitals used for governments, regime names, by
 * ISO3) plus every name form spiral knows for a State → one rule per State,
 * `country.<iso3>`, category target_other. The tagger claims the speaker's own
 * State's rule as self-reference.
 */
export function readCountries(file: ParsedYaml | undefined, problems: Problem[]): Rule[] {
  const extra = new Map<string, Array<{ pattern: string; line?: number }>>();
  if (!file) return countryRules(undefined, extra, problems);
  const root = file.root;
  if (!isMap(root)) problems.push({ file: file.rel, line: 1, message: `${COUNTRIES_FILE} must be a mapping` });
  else {
    checkKeys(file, root, ['description', 'countries'], COUNTRIES_FILE, problems);
    const countries = root.get('countries', true);
    if (!isMap(countries))
      problems.push({ file: file.rel, line: file.line(countries ?? root), message: '"countries" must be a mapping of ISO3 → list of patterns' });
    else {
      for (const pair of countries.items) {
        const code = keyOf(pair);
        const line = file.line(pair.key);
        if (!isCountryCode(code) || code !== code.toUpperCase()) problems.push({ file: file.rel, line, message: `"${code}" is not an ISO alpha-3 code` });
        const list = pair.value as { items?: unknown[] } | null;
        if (!list || !Array.isArray(list.items)) {
          problems.push({ file: file.rel, line, message: `${code}: a list of patterns is expected` });
          continue;
        }
        const forms = extra.get(code) ?? [];
        for (const item of list.items) {
          const value = isScalar(item) ? item.value : undefined;
          if (typeof value !== 'string') problems.push({ file: file.rel, line: file.line(item), message: `${code}: a pattern must be a string` });
          else forms.push({ pattern: value, line: file.line(item) });
        }
        extra.set(code, forms);
      }
    }
  }
  return countryRules(file, extra, problems);
}

function countryRules(file: ParsedYaml | undefined, extra: Map<string, Array<{ pattern: string; line?: number }>>, problems: Problem[]): Rule[] {
  const byCode = new Map<string, Set<string>>();
  const claimed = new Set<string>();
  const add = (code: string, pattern: string) => {
    // A form two States share ("Korea") stays with the first: one mention, one State.
    if (claimed.has(pattern)) return;
    claimed.add(pattern);
    (byCode.get(code) ?? byCode.set(code, new Set()).get(code)!).add(pattern);
  };
  for (const [code, forms] of extra) {
    for (const f of forms) {
      try {
        parsePattern(f.pattern);
        add(code, f.pattern);
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        problems.push({ file: file?.rel ?? COUNTRIES_FILE, line: f.line, message: `${code}: pattern "${f.pattern}": ${err.message}` });
      }
    }
  }
  for (const [name, code] of countryNameEntries()) {
    if (code === 'EU') continue;
    const pattern = namePattern(name);
    if (pattern) add(code, pattern);
  }
  return [...byCode]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([code, patterns]) => ({
      id: countryRuleId(code),
      category: 'target_other' as const,
      description: `A mention of ${code} (its names, demonyms and regime names): another State, or the speaker's own.`,
      patterns: [...patterns].sort().map((p) => parsePattern(p)),
      unless: [],
      weight: 1,
      weightEvidence: 'reference data: the target model weighs target evidence through model.yaml',
      requires: [],
      requiresOwnSentence: false,
      strongRelevance: false,
      whenNegated: 'keep' as const,
      examples: { match: [], nomatch: [] },
      file: COUNTRIES_FILE,
      line: 0,
    }));
}
