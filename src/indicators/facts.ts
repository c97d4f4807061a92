// Parse and validate one facts file (corpus/facts/<ISO3>.yaml, docs/facts-format.md).
// Pure: takes the text and the name to report; every problem is collected with
// its line, and all are thrown together.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { parseYamlLines, type YamlLines } from '../yaml/lines.js';
import { checkFactDate } from './dates.js';
import { InputFileError, type Problem } from './errors.js';
import { MECHANISM_KINDS, TREATY_ACTIONS, type CountryFacts, type InstitutionFact, type MechanismFact, type TreatyFact } from './types.js';

const TOP_KEYS = ['country', 'name', 'notes', 'treaties', 'institutionalisation', 'complaint_mechanisms'];
const TREATY_SECTION_KEYS = ['source', 'as_of', 'complete_for', 'actions'];
const LIST_SECTION_KEYS = ['complete', 'entries'];
const TREATY_KEYS = ['id', 'instrument', 'action', 'date', 'source', 'note'];
const INSTITUTION_KEYS = ['id', 'what', 'date', 'source', 'note'];
const MECHANISM_KEYS = ['id', 'kind', 'what', 'date', 'source', 'note'];

class FactsReader {
  readonly problems: Problem[] = [];
  private yaml: YamlLines | null = null;
  private readonly ids = new Map<string, number | undefined>();

  constructor(private readonly file: string) {}

  lineOf(node: unknown): number | undefined {
    return this.yaml?.lineOf(node);
  }

  problem(node: unknown, message: string): void {
    this.problems.push({ file: this.file, line: this.lineOf(node), message });
  }

  parse(text: string): YAMLMap | null {
    this.yaml = parseYamlLines(text);
    const doc = this.yaml.doc;
    for (const err of this.yaml.errors) this.problems.push({ file: this.file, line: err.line, message: err.message });
    if (doc.errors.length > 0) return null;
    if (!isMap(doc.contents)) {
      this.problem(doc.contents, 'a facts file is a mapping with `country:` and sections');
      return null;
    }
    return doc.contents;
  }

  /** Check that a mapping has only known keys; returns key → value node. */
  fields(map: YAMLMap, allowed: readonly string[], what: string): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        this.problem(pair.key, `unknown key "${key}" in ${what} (allowed: ${allowed.join(', ')})`);
        continue;
      }
      out.set(key, (pair.value as Node | null) ?? null);
    }
    return out;
  }

  string(fields: Map<string, Node | null>, key: string, owner: unknown, required = true): string | undefined {
    const node = fields.get(key);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (required) this.problem(owner, `missing "${key}"`);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
      this.problem(node, `"${key}" must be a non-empty string`);
      return undefined;
    }
    return String(node.value).trim();
  }

  date(fields: Map<string, Node | null>, key: string, owner: unknown): string | undefined {
    const text = this.string(fields, key, owner);
    if (text === undefined) return undefined;
    const wrong = checkFactDate(text);
    if (wrong) {
      this.problem(fields.get(key), wrong);
      return undefined;
    }
    return text;
  }

  oneOf<T extends string>(fields: Map<string, Node | null>, key: string, owner: unknown, choices: readonly T[]): T | undefined {
    const text = this.string(fields, key, owner);
    if (text === undefined) return undefined;
    if (!(choices as readonly string[]).includes(text)) {
      this.problem(fields.get(key), `"${key}" must be one of ${choices.join(', ')} (got "${text}")`);
      return undefined;
    }
    return text as T;
  }

  id(fields: Map<string, Node | null>, owner: unknown): string | undefined {
    const id = this.string(fields, 'id', owner);
    if (id === undefined) return undefined;
    if (this.ids.has(id)) {
      const first = this.ids.get(id);
      this.problem(fields.get('id'), `duplicate id "${id}"${first !== undefined ? ` (first at line ${first})` : ''}`);
      return undefined;
    }
    this.ids.set(id, this.lineOf(fields.get('id')));
    return id;
  }

  seqOfMaps(node: Node | null | undefined, what: string): YAMLMap[] {
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.problem(node, `${what} must be a list`);
      return [];
    }
    const maps: YAMLMap[] = [];
    for (const item of node.items) {
      if (isMap(item)) maps.push(item);
      else this.problem(item, `each of ${what} must be a mapping`);
    }
    return maps;
  }

  boolean(fields: Map<string, Node | null>, key: string): boolean {
    const node = fields.get(key);
    if (node === undefined || node === null) return false;
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.problem(node, `"${key}" must be true or false`);
      return false;
    }
    return node.value;
  }

  stringList(node: Node | null | undefined, key: string): string[] {
    if (node === undefined || node === null) return [];
    if (!isSeq(node)) {
      this.problem(node, `"${key}" must be a list`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value !== '') out.push(item.value);
      else this.problem(item, `each of "${key}" must be a non-empty string`);
    }
    return out;
  }
}

function sectionMap(r: FactsReader, node: Node | null | undefined, name: string): YAMLMap | null {
  if (node === undefined || node === null) return null;
  if (!isMap(node)) {
    r.problem(node, `"${name}" must be a mapping`);
    return null;
  }
  return node;
}

function readTreaties(r: FactsReader, node: Node | null | undefined): CountryFacts['treaties'] {
  const empty = { complete_for: [], as_of: null, actions: [] };
  const map = sectionMap(r, node, 'treaties');
  if (!map) return empty;
  const f = r.fields(map, TREATY_SECTION_KEYS, 'treaties');
  const completeFor = r.stringList(f.get('complete_for'), 'complete_for');
  const asOf = f.has('as_of') ? (r.date(f, 'as_of', map) ?? null) : null;
  if (completeFor.length > 0 && asOf === null && !f.has('as_of')) r.problem(map, '"complete_for" needs "as_of": the day the list was complete');
  const actions: TreatyFact[] = [];
  for (const item of r.seqOfMaps(f.get('actions'), 'treaties.actions')) {
    const e = r.fields(item, TREATY_KEYS, 'a treaty action');
    const fact = {
      id: r.id(e, item),
      instrument: r.string(e, 'instrument', item),
      action: r.oneOf(e, 'action', item, TREATY_ACTIONS),
      date: r.date(e, 'date', item),
      source: r.string(e, 'source', item),
      note: r.string(e, 'note', item, false),
    };
    if (fact.id && fact.instrument && fact.action && fact.date && fact.source) actions.push(withoutUndefined(fact) as TreatyFact);
  }
  return { complete_for: completeFor, as_of: asOf, actions };
}

function readInstitutions(r: FactsReader, node: Node | null | undefined): CountryFacts['institutionalisation'] {
  const map = sectionMap(r, node, 'institutionalisation');
  if (!map) return { complete: false, entries: [] };
  const f = r.fields(map, LIST_SECTION_KEYS, 'institutionalisation');
  const entries: InstitutionFact[] = [];
  for (const item of r.seqOfMaps(f.get('entries'), 'institutionalisation.entries')) {
    const e = r.fields(item, INSTITUTION_KEYS, 'an institutionalisation entry');
    const fact = {
      id: r.id(e, item),
      what: r.string(e, 'what', item),
      date: r.date(e, 'date', item),
      source: r.string(e, 'source', item),
      note: r.string(e, 'note', item, false),
    };
    if (fact.id && fact.what && fact.date && fact.source) entries.push(withoutUndefined(fact) as InstitutionFact);
  }
  return { complete: r.boolean(f, 'complete'), entries };
}

function readMechanisms(r: FactsReader, node: Node | null | undefined): CountryFacts['complaint_mechanisms'] {
  const map = sectionMap(r, node, 'complaint_mechanisms');
  if (!map) return { complete: false, entries: [] };
  const f = r.fields(map, LIST_SECTION_KEYS, 'complaint_mechanisms');
  const entries: MechanismFact[] = [];
  for (const item of r.seqOfMaps(f.get('entries'), 'complaint_mechanisms.entries')) {
    const e = r.fields(item, MECHANISM_KEYS, 'a complaint mechanism');
    const fact = {
      id: r.id(e, item),
      kind: r.oneOf(e, 'kind', item, MECHANISM_KINDS),
      what: r.string(e, 'what', item),
      date: r.date(e, 'date', item),
      source: r.string(e, 'source', item),
      note: r.string(e, 'note', item, false),
    };
    if (fact.id && fact.kind && fact.what && fact.date && fact.source) entries.push(withoutUndefined(fact) as MechanismFact);
  }
  return { complete: r.boolean(f, 'complete'), entries };
}

/** Problems in file order (stable for the same line). */
function byLine(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => (a.line ?? 0) - (b.line ?? 0) || i - j)
    .map(([p]) => p);
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Parse one facts file. `expectedCountry` (from the file name) must equal its
 * `country:`. Throws InputFileError listing every problem with its line.
 */
export function parseFacts(text: string, file: string, expectedCountry?: string): CountryFacts {
  const r = new FactsReader(file);
  const root = r.parse(text);
  if (!root) throw new InputFileError(r.problems);
  const f = r.fields(root, TOP_KEYS, 'a facts file');
  const country = r.string(f, 'country', root);
  if (country !== undefined && !/^[A-Z]{3}$/.test(country)) r.problem(f.get('country'), `country "${country}" must be an ISO alpha-3 code in capitals`);
  if (country !== undefined && expectedCountry !== undefined && country !== expectedCountry) {
    r.problem(f.get('country'), `country "${country}" does not match the file name (${expectedCountry}.yaml)`);
  }
  const facts: CountryFacts = {
    country: country ?? expectedCountry ?? '',
    file,
    treaties: readTreaties(r, f.get('treaties')),
    institutionalisation: readInstitutions(r, f.get('institutionalisation')),
    complaint_mechanisms: readMechanisms(r, f.get('complaint_mechanisms')),
  };
  if (r.problems.length > 0) throw new InputFileError(byLine(r.problems));
  return facts;
}

/** Every fact id of a country's facts, for checking uniqueness across files. */
export function factIds(facts: CountryFacts): string[] {
  return [...facts.treaties.actions, ...facts.institutionalisation.entries, ...facts.complaint_mechanisms.entries].map((f) => f.id);
}
