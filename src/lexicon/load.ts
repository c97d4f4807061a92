// Load a lexicon set from a folder (the edge that reads files) and validate it:
// schema, unknown keys, duplicate ids, pattern syntax. Problems are collected and
// reported together as `file:line: message`. Examples are checked by
// checkExamples() (lexicon/examples.ts), which needs a tagger.
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { isLabel, MOVE_LABELS, type Category } from '../types.js';
import { isCountryCode } from '../countries.js';
import { parseYamlLines, type YamlLines } from '../yaml/lines.js';
import { LexiconError, type SourceLocation } from './errors.js';
import { existsDir, hashFiles, listYaml, readRegularFile } from './files.js';
import { parseClassMember, parsePattern, PatternError, type Atom, type PatternAst, type WordClasses } from './pattern.js';
import type { CaseOverlay, LexiconSet, Rule, RuleExample, ScoringConfig, WeightAdjustment, WhenNegated, WordClass } from './types.js';
import { SCORING_KEYS } from './scoring.js';
import {
  CASE_FILE_KEYS,
  CATEGORIES,
  CATEGORY_FILE_KEYS,
  CLASS_KEYS,
  CLASS_NAME_SHAPE,
  CLASSES_FILE_KEYS,
  defaultWhenNegated,
  isCategory,
  RULE_ID_SHAPE,
  RULE_KEYS,
  SET_FILE_KEYS,
} from './schema.js';
import { COUNTRIES_FILE, MODEL_FILE, readCountries, readModel, readTerms, TERMS_FILE, type TermLayer } from './fitted.js';
import { defaultModelConfig } from '../tag/model.js';

type Problem = SourceLocation & { message: string };

const CLASSES_FILE = 'classes.yaml';
const SPECIAL_FILES = new Set(['lexicon.yaml', 'scoring.yaml', CLASSES_FILE, MODEL_FILE, TERMS_FILE, COUNTRIES_FILE]);

/** A YAML file parsed with line numbers. */
class YamlFile {
  private readonly yaml: YamlLines;
  readonly root: YamlNode | null;
  constructor(
    readonly rel: string,
    source: string,
    problems: Problem[],
  ) {
    this.yaml = parseYamlLines(source);
    for (const err of this.yaml.errors) problems.push({ file: rel, line: err.line, message: err.message });
    this.root = this.yaml.errors.length ? null : (this.yaml.doc.contents as YamlNode | null);
  }
  line(node: unknown): number | undefined {
    return this.yaml.lineOf(node);
  }
}

export interface LoadOptions {
  /** Check only this category file set, e.g. when a calibration writes a partial set. */
  allowMissingCategories?: boolean;
}

export function loadLexiconSet(dir: string, options: LoadOptions = {}): LexiconSet {
  const problems: Problem[] = [];
  if (!existsDir(dir)) throw new LexiconError([{ file: dir, message: 'lexicon folder not found' }]);
  const files = listYaml(dir);
  const hash = hashFiles(dir, files);
  const setInfo = readSetFile(dir, problems);
  const scoring = readScoring(dir, problems);
  const classes = files.includes(CLASSES_FILE) ? readClasses(dir, problems) : [];
  const table: WordClasses = new Map(classes.map((c) => [c.name, c.alternatives]));
  const rules: Rule[] = [];
  for (const rel of files.filter((f) => !SPECIAL_FILES.has(f) && !f.startsWith('cases/'))) {
    rules.push(...readCategoryFile(dir, rel, table, problems));
  }
  const cases: Record<string, CaseOverlay> = {};
  for (const rel of files.filter((f) => f.startsWith('cases/'))) {
    const overlay = readCaseFile(dir, rel, table, problems);
    if (overlay) cases[overlay.country] = overlay;
  }
  const special = (name: string) => (files.includes(name) ? openYaml(dir, name, problems) : undefined);
  const modelFile = special(MODEL_FILE);
  const model = modelFile ? readModel(modelFile, problems) : defaultModelConfig();
  const termsFile = special(TERMS_FILE);
  const terms: TermLayer = termsFile ? readTerms(termsFile, problems) : { weights: new Map() };
  const countriesFile = special(COUNTRIES_FILE);
  // State names are always known (i18n-iso-countries and UN forms); countries.yaml adds demonyms and regime names.
  const countryRules = readCountries(countriesFile, problems);
  checkDuplicates(dir, rules, Object.values(cases), problems);
  checkCoverage(rules, options, dir, problems);
  checkOverlayTargets(dir, rules, Object.values(cases), problems);
  if (problems.length) throw new LexiconError(problems);
  return { dir, name: setInfo.name, version: setInfo.version, hash, rules, scoring: scoring!, cases, classes, model, terms, countryRules };
}

function openYaml(dir: string, rel: string, problems: Problem[]): YamlFile | undefined {
  let source: string;
  try {
    source = readRegularFile(path.join(dir, rel)).toString('utf8');
  } catch (err) {
    problems.push({ file: displayPath(dir, rel), message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  const file = new YamlFile(displayPath(dir, rel), source, problems);
  return file.root ? file : undefined;
}

/** Paths in messages are the lexicon folder joined with the file, as the user named it. */
function displayPath(dir: string, rel: string): string {
  return path.join(dir, rel);
}

function mapOf(file: YamlFile, node: unknown, what: string, problems: Problem[]): YAMLMap | undefined {
  if (isMap(node)) return node;
  problems.push({ file: file.rel, line: file.line(node), message: `${what} must be a mapping` });
  return undefined;
}

function checkKeys(file: YamlFile, map: YAMLMap, allowed: ReadonlySet<string>, what: string, problems: Problem[]): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.has(key)) {
      problems.push({ file: file.rel, line: file.line(pair.key), message: `unknown key "${key}" in ${what} (allowed: ${[...allowed].join(', ')})` });
    }
  }
}

function readSetFile(dir: string, problems: Problem[]): { name: string; version: string } {
  const file = openYaml(dir, 'lexicon.yaml', problems);
  if (!file) return { name: 'unnamed', version: '0' };
  const map = mapOf(file, file.root, 'lexicon.yaml', problems);
  if (!map) return { name: 'unnamed', version: '0' };
  checkKeys(file, map, SET_FILE_KEYS, 'lexicon.yaml', problems);
  const name = map.get('name');
  const version = map.get('version');
  if (typeof name !== 'string') problems.push({ file: file.rel, line: file.line(map), message: '"name" must be a string' });
  if (typeof version !== 'string' && typeof version !== 'number')
    problems.push({ file: file.rel, line: file.line(map), message: '"version" must be a string' });
  return { name: String(name ?? 'unnamed'), version: String(version ?? '0') };
}

function readScoring(dir: string, problems: Problem[]): ScoringConfig | undefined {
  const file = openYaml(dir, 'scoring.yaml', problems);
  if (!file) return undefined;
  const map = mapOf(file, file.root, 'scoring.yaml', problems);
  if (!map) return undefined;
  checkKeys(file, map, new Set(SCORING_KEYS), 'scoring.yaml', problems);
  const config: Record<string, number> = {};
  for (const key of SCORING_KEYS) {
    const value = map.get(key);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push({ file: file.rel, line: file.line(map.get(key, true) ?? map), message: `"${key}" must be a number ≥ 0` });
    } else config[key] = value;
  }
  return config as unknown as ScoringConfig;
}

/**
 * classes.yaml: named word classes shared by the rules (`@violation` in a
 * pattern). A class may use classes defined above it (`@other` as a member), so
 * a definition never loops.
 */
function readClasses(dir: string, problems: Problem[]): WordClass[] {
  const file = openYaml(dir, CLASSES_FILE, problems);
  if (!file) return [];
  const map = mapOf(file, file.root, CLASSES_FILE, problems);
  if (!map) return [];
  checkKeys(file, map, CLASSES_FILE_KEYS, CLASSES_FILE, problems);
  const node = map.get('classes', true);
  const classesMap = mapOf(file, node, '"classes"', problems);
  if (!classesMap) return [];
  const out: WordClass[] = [];
  const table = new Map<string, Atom[][]>();
  for (const pair of classesMap.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = file.line(pair.key);
    const fail = (message: string) => problems.push({ file: file.rel, line, message: `class ${name}: ${message}` });
    if (!CLASS_NAME_SHAPE.test(name)) fail('a class name is lowercase letters, digits, _ and -');
    if (table.has(name)) fail('defined twice');
    const body = mapOf(file, pair.value, `class ${name}`, problems);
    if (!body) continue;
    checkKeys(file, body, CLASS_KEYS, `class ${name}`, problems);
    const description = body.get('description');
    if (typeof description !== 'string' || !description.trim()) fail('"description" is required');
    const membersNode = body.get('members', true);
    if (!isSeq(membersNode) || membersNode.items.length === 0) {
      fail('"members" must be a non-empty list');
      continue;
    }
    const members: string[] = [];
    const alternatives: Atom[][] = [];
    for (const item of membersNode.items) {
      const member = isScalar(item) ? item.value : undefined;
      if (typeof member !== 'string') {
        problems.push({ file: file.rel, line: file.line(item), message: `class ${name}: a member must be a string` });
        continue;
      }
      if (members.includes(member)) problems.push({ file: file.rel, line: file.line(item), message: `class ${name}: duplicate member "${member}"` });
      try {
        alternatives.push(...parseClassMember(member, table));
        members.push(member);
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        problems.push({ file: file.rel, line: file.line(item), message: `class ${name}: member "${member}": ${err.message}` });
      }
    }
    table.set(name, alternatives);
    out.push({ name, description: String(description ?? ''), members, alternatives, line: line ?? 0 });
  }
  return out;
}

function readCategoryFile(dir: string, rel: string, classes: WordClasses, problems: Problem[]): Rule[] {
  const file = openYaml(dir, rel, problems);
  if (!file) return [];
  const map = mapOf(file, file.root, 'a category file', problems);
  if (!map) return [];
  checkKeys(file, map, CATEGORY_FILE_KEYS, 'a category file', problems);
  const category = map.get('category');
  if (!isCategory(category)) {
    problems.push({ file: file.rel, line: file.line(map.get('category', true) ?? map), message: `"category" must be one of ${CATEGORIES.join(', ')}` });
    return [];
  }
  return readRules(file, map.get('rules', true), category as Category, rel, classes, problems);
}

function readRules(file: YamlFile, node: unknown, category: Category | undefined, rel: string, classes: WordClasses, problems: Problem[]): Rule[] {
  if (!isSeq(node)) {
    problems.push({ file: file.rel, line: file.line(node), message: '"rules" must be a list' });
    return [];
  }
  const rules: Rule[] = [];
  for (const item of node.items) {
    const rule = readRule(file, item, category, rel, classes, problems);
    if (rule) rules.push(rule);
  }
  return rules;
}

function readRule(file: YamlFile, node: unknown, fileCategory: Category | undefined, rel: string, classes: WordClasses, problems: Problem[]): Rule | undefined {
  const map = mapOf(file, node, 'a rule', problems);
  if (!map) return undefined;
  const before = problems.length;
  const at = (key: string) => file.line(map.get(key, true) ?? map);
  const fail = (key: string, message: string) => problems.push({ file: file.rel, line: at(key), message });
  const keys = fileCategory ? RULE_KEYS : new Set([...RULE_KEYS, 'category']);
  checkKeys(file, map, keys, 'a rule', problems);
  const id = map.get('id');
  if (typeof id !== 'string' || !RULE_ID_SHAPE.test(id)) fail('id', `rule "id" must look like "category.slug" (lowercase), got ${JSON.stringify(id)}`);
  const where = typeof id === 'string' ? `rule ${id}: ` : '';
  const category = fileCategory ?? (map.get('category') as Category);
  if (!isCategory(category)) fail('category', `${where}"category" must be one of ${CATEGORIES.join(', ')}`);
  const description = map.get('description');
  if (typeof description !== 'string' || !description.trim()) fail('description', `${where}"description" is required`);
  const weight = map.get('weight');
  if (typeof weight !== 'number' || !(weight > 0)) fail('weight', `${where}"weight" must be a number > 0`);
  if (map.get('weight_evidence') === undefined) fail('weight_evidence', `${where}"weight_evidence" is required (where the weight comes from)`);
  const patterns = readPatterns(file, map.get('patterns', true), where, classes, problems);
  const unlessNode = map.get('unless', true);
  const unless = unlessNode === undefined ? [] : readPatterns(file, unlessNode, where, classes, problems, 'unless');
  const requires = readRequires(file, map.get('requires', true), where, problems);
  // Flags that qualify a requirement: each means nothing without the one it qualifies.
  const flag = (key: string, qualifies: boolean, needs: string): boolean => {
    const value = map.get(key) ?? false;
    if (typeof value !== 'boolean') fail(key, `${where}"${key}" must be true or false`);
    else if (value && !qualifies) fail(key, `${where}"${key}" needs ${needs}`);
    return value === true;
  };
  const requiresOwnSentence = flag('requires_own_sentence', requires.length > 0, '"requires"');
  const strongRelevance = flag('strong_relevance', requires.includes('relevance'), '"requires: [relevance]"');
  const whenNegated = readWhenNegated(map.get('when_negated'), category, (m) => fail('when_negated', where + m));
  const examples = readExamples(file, map.get('examples', true), where, problems);
  if (problems.length > before) return undefined;
  return {
    id: id as string,
    category,
    description: description as string,
    patterns,
    unless,
    weight: weight as number,
    weightEvidence: map.toJSON().weight_evidence,
    requires,
    requiresOwnSentence,
    strongRelevance,
    whenNegated,
    examples,
    file: rel,
    line: file.line(map) ?? 0,
  };
}

function readPatterns(file: YamlFile, node: unknown, where: string, classes: WordClasses, problems: Problem[], key = 'patterns'): PatternAst[] {
  if (!isSeq(node) || node.items.length === 0) {
    problems.push({ file: file.rel, line: file.line(node), message: `${where}"${key}" must be a non-empty list` });
    return [];
  }
  const out: PatternAst[] = [];
  for (const item of node.items) {
    const source = isScalar(item) ? item.value : undefined;
    if (typeof source !== 'string') {
      problems.push({ file: file.rel, line: file.line(item), message: `${where}a pattern must be a string` });
      continue;
    }
    try {
      out.push(parsePattern(source, classes));
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      problems.push({ file: file.rel, line: file.line(item), message: `${where}pattern "${source}": ${err.message}` });
    }
  }
  return out;
}

function readRequires(file: YamlFile, node: unknown, where: string, problems: Problem[]): Category[] {
  if (node === undefined || node === null) return [];
  const values = isSeq(node) ? node.items.map((i) => (isScalar(i) ? i.value : i)) : [isScalar(node) ? node.value : node];
  const out: Category[] = [];
  for (const v of values) {
    if (isCategory(v)) out.push(v);
    else problems.push({ file: file.rel, line: file.line(node), message: `${where}"requires" entries must be categories, got ${JSON.stringify(v)}` });
  }
  return out;
}

function readWhenNegated(value: unknown, category: Category, fail: (m: string) => void): WhenNegated {
  if (value === undefined) return defaultWhenNegated(category);
  if (value === 'drop' || value === 'keep' || isCategory(value)) return value as WhenNegated;
  fail(`"when_negated" must be drop, keep or a category, got ${JSON.stringify(value)}`);
  return 'drop';
}

function readExamples(file: YamlFile, node: unknown, where: string, problems: Problem[]): Rule['examples'] {
  const examples: Rule['examples'] = { match: [], nomatch: [] };
  const map = mapOf(file, node, `${where}"examples"`, problems);
  if (!map) return examples;
  checkKeys(file, map, new Set(['match', 'nomatch']), '"examples"', problems);
  for (const kind of ['match', 'nomatch'] as const) {
    const list = map.get(kind, true);
    if (!isSeq(list) || list.items.length === 0) {
      problems.push({ file: file.rel, line: file.line(list ?? map), message: `${where}examples.${kind} must list at least one sentence` });
      continue;
    }
    for (const item of list.items) {
      const example = readExample(file, item, `${where}examples.${kind}: `, problems);
      if (example) examples[kind].push(example);
    }
  }
  const texts = [...examples.match, ...examples.nomatch].map((e) => e.text);
  const dup = texts.find((t, i) => texts.indexOf(t) !== i);
  if (dup) problems.push({ file: file.rel, line: file.line(map), message: `${where}duplicate example "${dup}"` });
  return examples;
}

function readExample(file: YamlFile, item: unknown, where: string, problems: Problem[]): RuleExample | undefined {
  const line = file.line(item);
  if (isScalar(item) && typeof item.value === 'string') return { text: item.value, line };
  if (isMap(item)) {
    const text = item.get('text');
    const label = item.get('label');
    const venue = item.get('venue');
    const country = item.get('country');
    checkKeys(file, item, new Set(['text', 'label', 'venue', 'country']), 'an example', problems);
    const venueOk = venue === undefined || (typeof venue === 'string' && venue.trim() !== '');
    const countryOk = country === undefined || (typeof country === 'string' && isCountryCode(country) && country === country.toUpperCase());
    if (typeof text === 'string' && (label === undefined || isLabel(label)) && venueOk && countryOk) {
      const example: RuleExample = { text, line };
      if (label !== undefined) example.label = label as RuleExample['label'];
      if (venue !== undefined) example.venue = venue as string;
      if (country !== undefined) example.country = country as string;
      return example;
    }
  }
  problems.push({
    file: file.rel,
    line,
    message: `${where}an example is a sentence or {text, label, venue, country} with a valid label and an ISO alpha-3 country`,
  });
  return undefined;
}

function readCaseFile(dir: string, rel: string, classes: WordClasses, problems: Problem[]): CaseOverlay | undefined {
  const file = openYaml(dir, rel, problems);
  if (!file) return undefined;
  const map = mapOf(file, file.root, 'a case overlay', problems);
  if (!map) return undefined;
  checkKeys(file, map, CASE_FILE_KEYS, 'a case overlay', problems);
  const country = map.get('country');
  if (typeof country !== 'string' || !isCountryCode(country) || country !== country.toUpperCase()) {
    problems.push({ file: file.rel, line: file.line(map.get('country', true) ?? map), message: '"country" must be an ISO alpha-3 code' });
    return undefined;
  }
  const expectedName = `cases/${country}.yaml`;
  if (rel !== expectedName) problems.push({ file: file.rel, line: 1, message: `a case overlay for ${country} must be named ${expectedName}` });
  const rulesNode = map.get('rules', true);
  const rules = rulesNode ? readRules(file, rulesNode, undefined, rel, classes, problems).map((r) => ({ ...r, country })) : [];
  const adjust = readAdjustments(file, map.get('adjust', true), problems);
  const description = String(map.get('description') ?? '');
  return { country, file: rel, description, rules, adjust };
}

function readAdjustments(file: YamlFile, node: unknown, problems: Problem[]): WeightAdjustment[] {
  if (node === undefined) return [];
  if (!isSeq(node)) {
    problems.push({ file: file.rel, line: file.line(node), message: '"adjust" must be a list of {rule, weight, why}' });
    return [];
  }
  const out: WeightAdjustment[] = [];
  for (const item of node.items) {
    const map = mapOf(file, item, 'an adjustment', problems);
    if (!map) continue;
    checkKeys(file, map, new Set(['rule', 'weight', 'why']), 'an adjustment', problems);
    const rule = map.get('rule');
    const weight = map.get('weight');
    const why = map.get('why');
    if (typeof rule !== 'string' || typeof weight !== 'number' || weight < 0 || typeof why !== 'string') {
      problems.push({ file: file.rel, line: file.line(map), message: 'an adjustment needs rule (id), weight (≥ 0) and why (text)' });
      continue;
    }
    out.push({ rule, weight, why, line: file.line(map) ?? 0 });
  }
  return out;
}

function checkDuplicates(dir: string, rules: Rule[], overlays: CaseOverlay[], problems: Problem[]): void {
  const seen = new Map<string, Rule>();
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first) {
      problems.push({
        file: displayPath(dir, rule.file),
        line: rule.line,
        message: `duplicate rule id "${rule.id}" (first in ${displayPath(dir, first.file)}:${first.line})`,
      });
    } else seen.set(rule.id, rule);
  }
  for (const overlay of overlays) {
    for (const rule of overlay.rules) {
      if (seen.has(rule.id))
        problems.push({ file: displayPath(dir, rule.file), line: rule.line, message: `overlay rule id "${rule.id}" already exists in the base set` });
    }
  }
}

function checkCoverage(rules: Rule[], options: LoadOptions, dir: string, problems: Problem[]): void {
  if (options.allowMissingCategories) return;
  const present = new Set(rules.map((r) => r.category));
  const missing = [...MOVE_LABELS, 'relevance' as const].filter((c) => !present.has(c));
  if (missing.length) problems.push({ file: dir, message: `the set has no rules for: ${missing.join(', ')}` });
}

function checkOverlayTargets(dir: string, rules: Rule[], overlays: CaseOverlay[], problems: Problem[]): void {
  const ids = new Set(rules.map((r) => r.id));
  for (const overlay of overlays) {
    for (const a of overlay.adjust) {
      if (!ids.has(a.rule)) problems.push({ file: displayPath(dir, overlay.file), line: a.line, message: `adjustment names unknown rule "${a.rule}"` });
    }
  }
}
