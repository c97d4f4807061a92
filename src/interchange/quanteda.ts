// quanteda's YAML dictionary format (quanteda::dictionary(file = "x.yml"),
// as.yaml()): a mapping of named keys; a key holds a list of values or further
// keys; values are character strings (glob patterns: `*` any characters, `?`
// one; a multi-word value separates its words with a space); quanteda
// lowercases values on reading. The R yaml package reads YAML 1.1, where `yes`,
// `no`, `on` or `1975` are not strings — so the writer double-quotes every key
// and value, and the reader parses as YAML 1.1 and rejects what quanteda would
// reject ("Non-character entries found in dictionary key ...", unnamed keys).
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseYamlLines } from '../yaml/lines.js';
import { DictionaryFormatError, type Dictionary, type DictNode } from './dictionary.js';

const INDENT = '  ';
const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function writeNode(node: DictNode, depth: number, lines: string[]): void {
  const pad = INDENT.repeat(depth);
  if (node.note) lines.push(`${pad}# ${node.note}`);
  lines.push(`${pad}${q(node.name)}:`);
  if (node.children.length && node.values.length) {
    // quanteda's as.yaml() keeps a key's own values beside its sub-keys under "__".
    lines.push(`${pad}${INDENT}"__":`);
    for (const v of node.values) lines.push(`${pad}${INDENT}${INDENT}- ${q(v)}`);
  } else {
    for (const v of node.values) lines.push(`${pad}${INDENT}- ${q(v)}`);
  }
  for (const child of node.children) writeNode(child, depth + 1, lines);
}

export function writeQuanteda(dictionary: Dictionary): string {
  const lines = dictionary.header.map((h) => `# ${h}`);
  for (const node of dictionary.nodes) writeNode(node, 0, lines);
  return lines.join('\n') + '\n';
}

type Problem = { line?: number; message: string };

function readNode(name: string, value: YamlNode | null, line: (n: unknown) => number | undefined, problems: Problem[], at: number | undefined): DictNode {
  const node: DictNode = { name, values: [], children: [], line: at };
  const addValue = (item: unknown) => {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') node.values.push(item.value.toLowerCase());
    else problems.push({ line: line(item), message: `non-character entry in dictionary key '${name}': ${JSON.stringify(isScalar(item) ? item.value : null)}` });
  };
  if (isSeq(value)) value.items.forEach(addValue);
  else if (isScalar(value)) addValue(value);
  else if (isMap(value)) {
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' || key === '') {
        problems.push({ line: line(pair.key), message: `unnamed dictionary entry under '${name}'` });
        continue;
      }
      const child = pair.value as YamlNode | null;
      if (key === '__') {
        const own = readNode(name, child, line, problems, at);
        node.values.push(...own.values);
      } else node.children.push(readNode(key, child, line, problems, line(pair.key)));
    }
  } else problems.push({ line: at, message: `dictionary key '${name}' has no values` });
  return node;
}

export function readQuanteda(text: string, file: string): Dictionary {
  const yaml = parseYamlLines(text, { version: '1.1' });
  const doc = yaml.doc;
  const lineOf = yaml.lineOf;
  if (yaml.errors.length) throw new DictionaryFormatError(file, yaml.errors);
  const root = doc.contents;
  if (!isMap(root)) throw new DictionaryFormatError(file, [{ line: 1, message: 'a quanteda dictionary is a mapping of named keys' }]);
  const problems: Problem[] = [];
  const nodes: DictNode[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || key === '') {
      problems.push({ line: lineOf(pair.key), message: 'unnamed dictionary entry at the top level' });
      continue;
    }
    nodes.push(readNode(key, pair.value as YamlNode | null, lineOf, problems, lineOf(pair.key)));
  }
  if (problems.length) throw new DictionaryFormatError(file, problems);
  return { header: [], nodes };
}
