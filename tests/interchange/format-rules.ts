// The structure rules of the two dictionary formats, as the tools that read them
// apply them, for checking what `spiral lexicon export` writes.
//
// quanteda (dictionary(file = "x.yml"), R/dictionaries.R): the file is read by
// the R yaml package (YAML 1.1, as.named.list) into a named list; every element
// must be named ("Dictionary elements must be named", "Unnamed dictionary
// entry"), keys hold character vectors or further named lists, and values must
// be character ("Non-character entries found in dictionary key ..."); values
// are glob patterns (`*`, `?`), multi-word values separated by " ", lowercased
// on reading. R's yaml stops at a duplicated map key.
//
// LIWC .dic: "%" line, category legend "<number>\t<name>", "%" line, then one
// term per line followed by tab-separated category numbers, each defined in the
// legend; `*` only at the end of a term.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

const VALUE = /^[\p{L}\p{N}'’*?-]+(?: [\p{L}\p{N}'’*?-]+)*$/u;

function checkQuantedaNode(name: string, node: YamlNode | null, problems: string[]): void {
  if (isSeq(node)) {
    if (node.items.length === 0) problems.push(`key "${name}" has an empty list`);
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string')
        problems.push(`non-character entry in key "${name}": ${JSON.stringify(isScalar(item) ? item.value : item)}`);
      else {
        if (item.value !== item.value.toLowerCase()) problems.push(`value "${item.value}" is not lowercase (quanteda lowercases)`);
        if (!VALUE.test(item.value)) problems.push(`value "${item.value}" is not words separated by single spaces`);
      }
    }
    return;
  }
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' || key === '') problems.push(`unnamed entry under "${name}"`);
      else if (seen.has(key)) problems.push(`duplicate key "${key}" under "${name}"`);
      else seen.add(key);
      checkQuantedaNode(String(key), pair.value as YamlNode | null, problems);
    }
    return;
  }
  problems.push(`key "${name}" holds neither a list of values nor keys`);
}

export function quantedaProblems(text: string): string[] {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length) return doc.errors.map((e) => e.message);
  if (!isMap(doc.contents)) return ['the top level is not a mapping of named keys'];
  const problems: string[] = [];
  checkQuantedaNode('(top)', doc.contents as YamlNode, problems);
  return problems;
}

export function liwcProblems(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: string[] = [];
  if (lines[0] !== '%') problems.push('line 1 must be "%"');
  const end = lines.indexOf('%', 1);
  if (end < 0) return [...problems, 'no closing "%" after the legend'];
  const numbers = new Set<number>();
  for (const line of lines.slice(1, end)) {
    const m = /^(\d+)\t(\S+)$/.exec(line);
    if (!m) problems.push(`legend line "${line}" is not "<number>\\t<name>"`);
    else numbers.add(Number(m[1]));
  }
  const terms = new Set<string>();
  for (const line of lines.slice(end + 1)) {
    const [term, ...cats] = line.split('\t');
    if (!term || cats.length === 0) problems.push(`entry "${line}" is not "term\\tcategory..."`);
    if (/\*./.test(term) || /[?]/.test(term)) problems.push(`term "${term}" has a wildcard before its end`);
    if (terms.has(term)) problems.push(`term "${term}" listed twice`);
    terms.add(term);
    for (const c of cats) if (!/^\d+$/.test(c) || !numbers.has(Number(c))) problems.push(`term "${term}" names undefined category "${c}"`);
  }
  return problems;
}
