// LIWC's .dic format: a category legend between two lines holding only "%"
// (`<number><tab><name>` per line), then one entry per line: the term, a tab,
// and the numbers of its categories separated by tabs. A term ending in `*`
// matches every word that begins with it; a term may be several words (LIWC2015
// and later). LIWC has no comments and no nesting: a dictionary with nested
// keys is written with each top-level key as one category.
import { DictionaryFormatError, type Dictionary, type DictNode, type Warning } from './dictionary.js';

function allValues(node: DictNode): string[] {
  return [...node.values, ...node.children.flatMap(allValues)];
}

export function writeLiwc(dictionary: Dictionary): string {
  const lines = ['%'];
  const termCategories = new Map<string, number[]>();
  dictionary.nodes.forEach((node, i) => {
    const number = i + 1;
    lines.push(`${number}\t${node.name}`);
    for (const term of new Set(allValues(node))) termCategories.set(term, [...(termCategories.get(term) ?? []), number]);
  });
  lines.push('%');
  for (const term of [...termCategories.keys()].sort()) lines.push([term, ...termCategories.get(term)!].join('\t'));
  return lines.join('\n') + '\n';
}

const LEGEND_LINE = /^\s*(\d+)\s+(\S.*?)\s*$/;
/** A term and its category numbers: the trailing run of numbers (a term may contain spaces). */
const ENTRY_LINE = /^(.*?\S)((?:\s+\d+)+)\s*$/;

/**
 * Tab-separated: the first field is the term, every other field a category
 * number (LIWC2007's `(02 134)125/464` codes are not supported). Without tabs,
 * the trailing numbers are the categories and the rest is the term.
 */
function parseEntry(raw: string): { term: string; categories: number[] } | undefined {
  if (raw.includes('\t')) {
    const [term, ...fields] = raw.split('\t').map((f) => f.trim());
    const numbers = fields.filter((f) => f !== '');
    if (!term || numbers.length === 0 || !numbers.every((f) => /^\d+$/.test(f))) return undefined;
    return { term, categories: numbers.map(Number) };
  }
  const m = ENTRY_LINE.exec(raw);
  return m ? { term: m[1].trim(), categories: m[2].trim().split(/\s+/).map(Number) } : undefined;
}

export interface LiwcRead {
  dictionary: Dictionary;
  warnings: Warning[];
}

export function readLiwc(text: string, file: string): LiwcRead {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const marks = lines.flatMap((l, i) => (l.trim() === '%' ? [i] : []));
  if (marks.length < 2)
    throw new DictionaryFormatError(file, [{ line: 1, message: 'a LIWC dictionary starts with a category legend between two lines holding only "%"' }]);
  const problems: Array<{ line: number; message: string }> = [];
  const warnings: Warning[] = [];
  const categories = new Map<number, DictNode>();
  for (let i = marks[0] + 1; i < marks[1]; i++) {
    if (!lines[i].trim()) continue;
    const m = LEGEND_LINE.exec(lines[i]);
    if (!m) problems.push({ line: i + 1, message: `legend line must be "<number> <category>": ${JSON.stringify(lines[i])}` });
    else if (categories.has(Number(m[1]))) problems.push({ line: i + 1, message: `category number ${m[1]} defined twice` });
    else categories.set(Number(m[1]), { name: m[2], values: [], children: [], line: i + 1 });
  }
  for (let i = marks[1] + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim()) continue;
    const entry = parseEntry(raw);
    if (!entry) {
      warnings.push({ where: `${file}:${i + 1}`, message: `entry skipped (not "term<tab>category numbers"): ${JSON.stringify(raw.trim())}` });
      continue;
    }
    const term = entry.term.toLowerCase();
    for (const n of entry.categories) {
      const category = categories.get(n);
      if (category) category.values.push(term);
      else warnings.push({ where: `${file}:${i + 1}`, message: `"${term}" names undefined category ${n}` });
    }
  }
  if (problems.length) throw new DictionaryFormatError(file, problems);
  const nodes = [...categories.entries()].sort((a, b) => a[0] - b[0]).map(([, node]) => ({ ...node, values: [...new Set(node.values)] }));
  return { dictionary: { header: [], nodes }, warnings };
}
