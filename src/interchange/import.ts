// A dictionary as a lexicon set. Top-level keys name spiral categories (by name,
// `denial`, `rhetorical-action`, or through --map KEY=CATEGORY); each key with
// values becomes one rule (a nested key is one rule per sub-key), each value one
// pattern: words as exact forms (`=word`, as a dictionary matches them), `word*`
// as a prefix, `*` alone as any one word (`_`, as `spiral lexicon export` writes
// gaps). Every rule gets weight 1, `weight_evidence: imported ...`, and
// examples made from its own entries — up to three entries that fire on their
// own text (match), and a shortened entry or a neutral sentence that does not
// (nomatch). Those examples prove that the patterns were read as meant, not that
// the rule is precise: docs/calibration.md says so. With `into`, the rules land
// in their own files, `imported-<dictionary>-<category>.yaml`, beside the set's
// (lexicon/examples.ts checks the set's own examples as written for the set).
// Pure: the tagger is built in memory.
import { createHash } from 'node:crypto';
import { MIN_PREFIX, parsePattern, PatternError } from '../lexicon/pattern.js';
import type { LexiconSet, Rule, RuleExample } from '../lexicon/types.js';
import { createTagger, type Tagger } from '../tag/tagger.js';
import { MOVE_LABELS, type Category } from '../types.js';
import { CATEGORIES, defaultWhenNegated, RULE_ID_SHAPE } from '../lexicon/schema.js';
import { rewriteVersion } from '../calibrate/set-edits.js';
import type { Dictionary, DictionaryFormat, DictNode, Warning } from './dictionary.js';
import { IMPORTED_FILE_PREFIX } from '../lexicon/examples.js';
import { UserFacingError } from '../errors.js';

const WORD = /^[\p{L}\p{N}'’-]+$/u;

/**
 * Sentences that say nothing about human rights, used as `nomatch` examples
 * when no shortened entry will do. Each is checked: one the rule fires on is skipped.
 */
export const NEUTRAL_SENTENCES = [
  'The meeting was adjourned at noon.',
  'Rainfall was above the seasonal average.',
  'The committee will meet again next week.',
  'Tea and coffee were served in the lobby.',
];

export class ImportError extends UserFacingError {}

export interface ImportInput {
  dictionary: Dictionary;
  /** The dictionary file's name, as written into descriptions and evidence. */
  source: string;
  format: DictionaryFormat;
  /** Dictionary key → spiral category, beside keys that are category names already. */
  map: ReadonlyMap<string, Category>;
  /** A complete set to take scoring.yaml from (and, with `into`, to add the rules to). */
  reference: LexiconSet;
  referenceFiles: Readonly<Record<string, string>>;
  /** Add the imported rules to a copy of the reference set instead of writing them alone. */
  into: boolean;
}

export interface ImportResult {
  files: Record<string, string>;
  warnings: Warning[];
  rules: number;
  patterns: number;
}

interface Draft {
  category: Category;
  id: string;
  path: string[];
  line?: number;
  patterns: Array<{ source: string; text: string }>;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const fileNameOf = (category: Category) => `${category.replace(/_/g, '-')}.yaml`;
/** Most match examples written per imported rule (each is tagged whenever the set is loaded). */
export const MAX_MATCH_EXAMPLES = 3;
/** The word an example puts where an entry has `*` for any one word. */
const ANY_WORD_FILLER = 'something';
/** Where `--into` writes a dictionary's rules of one category (lexicon/examples.ts knows the prefix). */
export const importedFileName = (source: string, category: Category) =>
  `${IMPORTED_FILE_PREFIX}${slug(source.replace(/\.[a-z]+$/i, '')) || 'dictionary'}-${fileNameOf(category)}`;

function categoryOf(key: string, map: ReadonlyMap<string, Category>): Category | undefined {
  if (map.has(key)) return map.get(key);
  const normal = key.toLowerCase().replace(/-/g, '_');
  return (CATEGORIES as readonly string[]).includes(normal) ? (normal as Category) : undefined;
}

/** One dictionary value → a pattern source and the text it should fire on, or why it cannot be one. */
export function valueToPattern(value: string): { source: string; text: string } | { reason: string } {
  const words = value.trim().toLowerCase().split(/\s+/);
  const parts: string[] = [];
  for (const word of words) {
    if (word === '*') {
      parts.push('_');
      continue;
    }
    const isPrefix = word.endsWith('*');
    const body = isPrefix ? word.slice(0, -1) : word;
    if (/[*?]/.test(body)) return { reason: `glob "${word}" is not a word prefix (spiral has only a trailing *, or * alone for any one word)` };
    if (!WORD.test(body)) return { reason: `"${word}" is not a word (letters, digits, - and ' only)` };
    if (isPrefix && body.replace(/['’-]/g, '').length < MIN_PREFIX) return { reason: `prefix "${word}" is shorter than ${MIN_PREFIX} letters` };
    parts.push(isPrefix ? word : `=${body}`);
  }
  const source = parts.join(' ');
  try {
    parsePattern(source);
  } catch (err) {
    if (err instanceof PatternError) return { reason: err.message };
    throw err;
  }
  return { source, text: words.map((w) => (w === '*' ? ANY_WORD_FILLER : w.replace(/\*$/, ''))).join(' ') };
}

function collectDrafts(input: ImportInput, warnings: Warning[]): Draft[] {
  const drafts: Draft[] = [];
  const visit = (category: Category, node: DictNode, path: string[]) => {
    const at = `${input.source}${node.line !== undefined ? `:${node.line}` : ''}: ${path.join('/')}`;
    if (node.values.length) {
      const patterns: Draft['patterns'] = [];
      for (const value of node.values) {
        const converted = valueToPattern(value);
        if ('reason' in converted) warnings.push({ where: at, message: `"${value}" not imported: ${converted.reason}` });
        else if (!patterns.some((p) => p.source === converted.source)) patterns.push(converted);
      }
      if (patterns.length) drafts.push({ category, id: '', path, line: node.line, patterns });
    }
    for (const child of node.children) visit(category, child, [...path, child.name]);
  };
  for (const node of input.dictionary.nodes) {
    const category = categoryOf(node.name, input.map);
    if (!category) {
      warnings.push({
        where: `${input.source}${node.line !== undefined ? `:${node.line}` : ''}`,
        message: `key "${node.name}" skipped: not a spiral category (map it with --map "${node.name}=denial", or another category)`,
      });
      continue;
    }
    visit(category, node, [node.name]);
  }
  return drafts;
}

/** Keep a key that is already a rule id (a round trip keeps its ids); otherwise `<category>.<key path>`. */
function assignIds(drafts: Draft[], taken: Set<string>): void {
  for (const d of drafts) {
    const last = d.path[d.path.length - 1];
    let id =
      RULE_ID_SHAPE.test(last) && !taken.has(last)
        ? last
        : `${d.category.replace(/_/g, '-')}.${slug(d.path.length > 1 ? d.path.slice(1).join('-') : `imported-${d.path[0]}`) || 'imported'}`;
    for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    taken.add(id);
    d.id = id;
  }
}

function toRule(d: Draft, input: ImportInput): Rule {
  return {
    id: d.id,
    category: d.category,
    description: `imported from ${input.source} (${input.format}): key ${d.path.join('/')}`,
    patterns: d.patterns.map((p) => parsePattern(p.source)),
    unless: [],
    weight: 1,
    weightEvidence: `imported from ${input.source} (${input.format}); weight not calibrated`,
    requires: [],
    requiresOwnSentence: false,
    strongRelevance: false,
    whenNegated: defaultWhenNegated(d.category),
    examples: { match: [], nomatch: [] },
    file: input.into ? importedFileName(input.source, d.category) : fileNameOf(d.category),
    line: 0,
  };
}

function fires(tagger: Tagger, rule: Rule, text: string): boolean {
  return tagger.tag(text).evidence.some((e) => e.rule === rule.id && e.weight > 0);
}

/** Match: entries on their own (the first few that fire). Nomatch: an entry without its last word, else a neutral sentence. */
function chooseExamples(tagger: Tagger, rule: Rule, draft: Draft): { match: RuleExample[]; nomatch: RuleExample[]; silent: string[] } {
  const match: RuleExample[] = [];
  const silent: string[] = [];
  for (const p of draft.patterns) {
    if (match.length >= MAX_MATCH_EXAMPLES) break;
    if (match.some((m) => m.text === p.text)) continue;
    if (fires(tagger, rule, p.text)) match.push({ text: p.text });
    else silent.push(p.text);
  }
  const shortened = draft.patterns
    .map((p) => p.text.split(' '))
    .filter((w) => w.length > 1)
    .map((w) => w.slice(0, -1).join(' '));
  const nomatchText = [...shortened, ...NEUTRAL_SENTENCES].find((t) => !match.some((m) => m.text === t) && !fires(tagger, rule, t));
  return { match, nomatch: nomatchText ? [{ text: nomatchText }] : [], silent };
}

const q = (s: string) => JSON.stringify(s);

function ruleYaml(rule: Rule, draft: Draft): string[] {
  return [
    `  - id: ${rule.id}`,
    `    description: ${q(rule.description)}`,
    '    patterns:',
    ...draft.patterns.map((p) => `      - ${q(p.source)}`),
    `    weight: ${rule.weight}`,
    `    weight_evidence: ${q(String(rule.weightEvidence))}`,
    '    examples:',
    '      match:',
    ...rule.examples.match.map((e) => `        - ${q(e.text)}`),
    '      nomatch:',
    ...rule.examples.nomatch.map((e) => `        - ${q(e.text)}`),
  ];
}

function categoryFile(category: Category, rules: Array<{ rule: Rule; draft: Draft }>, input: ImportInput): string {
  const lines = [
    `# Imported by \`spiral lexicon import --from ${input.format}\` from ${input.source}.`,
    '# Examples were generated from the entries themselves (match) and from shortened entries or',
    '# neutral sentences (nomatch): they show the patterns read as meant, not that the rules are precise.',
    `category: ${category}`,
    `description: ${q(`Rules imported from ${input.source} (${input.format}).`)}`,
    'rules:',
  ];
  rules.forEach(({ rule, draft }, i) => {
    if (i > 0) lines.push('');
    lines.push(...ruleYaml(rule, draft));
  });
  return lines.join('\n') + '\n';
}

function shortHash(input: ImportInput, files: Record<string, string>): string {
  const h = createHash('sha256').update(input.reference.hash);
  for (const [name, text] of Object.entries(files).sort()) h.update(name).update('\0').update(text).update('\0');
  return h.digest('hex').slice(0, 8);
}

function setFiles(input: ImportInput, categoryFiles: Record<string, string>): Record<string, string> {
  const short = shortHash(input, categoryFiles);
  if (input.into) {
    for (const name of Object.keys(categoryFiles)) {
      if (name in input.referenceFiles)
        throw new ImportError(`${input.reference.dir} already has ${name}: this dictionary was imported into it before (remove that file to import it again)`);
    }
    const version = `${input.reference.version.split('+')[0]}+import.${short}`;
    return { ...input.referenceFiles, 'lexicon.yaml': rewriteVersion(input.referenceFiles['lexicon.yaml'], version), ...categoryFiles };
  }
  const lexicon = [
    `name: ${q(`imported-${slug(input.source) || 'dictionary'}`)}`,
    `version: ${q(`0.0.0+import.${short}`)}`,
    `description: ${q(`Imported from ${input.source} (${input.format}) by spiral lexicon import.`)}`,
  ];
  return { 'lexicon.yaml': lexicon.join('\n') + '\n', 'scoring.yaml': input.referenceFiles['scoring.yaml'], ...categoryFiles };
}

function checkCoverage(rules: Rule[], input: ImportInput): void {
  const present = new Set(rules.map((r) => r.category));
  const missing = [...MOVE_LABELS, 'relevance' as const].filter((c) => !present.has(c));
  if (missing.length) {
    throw new ImportError(
      `${input.source}: the dictionary gives no rules for ${missing.join(', ')}; a lexicon set needs all four moves and relevance. ` +
        'Map keys with --map KEY=CATEGORY, or add the rules to a copy of a complete set with --into DIR (e.g. --into lexicons).',
    );
  }
}

export function importDictionary(input: ImportInput): ImportResult {
  const warnings: Warning[] = [];
  const drafts = collectDrafts(input, warnings);
  assignIds(
    drafts,
    new Set(input.into ? [...input.reference.rules.map((r) => r.id), ...Object.values(input.reference.cases).flatMap((c) => c.rules.map((r) => r.id))] : []),
  );
  const drafted = drafts.map((draft) => ({ draft, rule: toRule(draft, input) }));
  const base = input.into ? input.reference.rules : [];
  const set: LexiconSet = { ...input.reference, rules: [...base, ...drafted.map((d) => d.rule)], cases: input.into ? input.reference.cases : {} };
  const tagger = createTagger(set);
  const kept: typeof drafted = [];
  for (const d of drafted) {
    const where = `${input.source}${d.draft.line !== undefined ? `:${d.draft.line}` : ''}: ${d.draft.path.join('/')}`;
    const { match, nomatch, silent } = chooseExamples(tagger, d.rule, d.draft);
    for (const text of silent)
      warnings.push({
        where,
        message: `entry "${text}" does not fire on its own text in spiral (negation or attribution): kept as a pattern without an example`,
      });
    if (match.length === 0 || nomatch.length === 0) {
      warnings.push({
        where,
        message: `rule ${d.rule.id} left out: ${match.length === 0 ? 'none of its entries fires on its own text' : 'no sentence found that it does not fire on'}`,
      });
      continue;
    }
    d.rule.examples = { match, nomatch };
    kept.push(d);
  }
  checkCoverage([...base, ...kept.map((d) => d.rule)], input);
  const byCategory = new Map<Category, typeof kept>();
  for (const d of kept) byCategory.set(d.rule.category, [...(byCategory.get(d.rule.category) ?? []), d]);
  const categoryFiles: Record<string, string> = {};
  for (const category of CATEGORIES) {
    const rules = byCategory.get(category);
    if (rules) categoryFiles[rules[0].rule.file] = categoryFile(category, rules, input);
  }
  return { files: setFiles(input, categoryFiles), warnings, rules: kept.length, patterns: kept.reduce((n, d) => n + d.draft.patterns.length, 0) };
}
