// The edits of a calibrated lexicon version (written by calibrate/files.ts): the same files, with only the changed
// rule weights replaced in place (model.yaml and terms.yaml, which hold nothing
// but fitted numbers, are written whole). The yaml Document API finds each value's source
// range; the new text is spliced into the original, so comments, quoting,
// folded descriptions and blank lines stay exactly as the author wrote them.
// Pure: file texts in, file texts out.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { UserFacingError } from '../errors.js';

export type EvidenceValue = string | number | null;

export interface RuleEdit {
  weight: number;
  /** Replaces `weight_evidence`: the counts behind the weight (a flat mapping). */
  evidence: Record<string, EvidenceValue>;
}

export interface SetEdits {
  /** rule id → new weight and evidence; rules not named are left untouched. */
  rules: ReadonlyMap<string, RuleEdit>;
  /** Whole files written anew (model.yaml and terms.yaml: every value in them is fitted). */
  generated: Readonly<Record<string, string>>;
  version: string;
}

export class WriteSetError extends UserFacingError {}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function applySplices(source: string, splices: Splice[]): string {
  let out = source;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function parse(file: string, source: string) {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, keepSourceTokens: false });
  if (doc.errors.length) throw new WriteSetError(`${file}: cannot parse: ${doc.errors[0].message.split('\n')[0]}`);
  return { doc, lines };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function rangeOf(node: unknown): [number, number] {
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) throw new WriteSetError('internal: a YAML node without a source range');
  return [range[0], range[1]];
}

/** A YAML scalar for a value: numbers as written, strings double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: EvidenceValue): string {
  if (value === null) return 'null';
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** `key:` followed by an indented block mapping, replacing `key: <old value>`. */
function evidenceBlock(evidence: Record<string, EvidenceValue>, indent: string): string {
  return (
    ':' +
    Object.entries(evidence)
      .map(([k, v]) => `\n${indent}${k}: ${yamlScalar(v)}`)
      .join('')
  );
}

/** Inside a flow mapping (`- {id: ..., weight: 1}`) the evidence is a flow mapping too. */
function evidenceFlow(evidence: Record<string, EvidenceValue>): string {
  return `: { ${Object.entries(evidence)
    .map(([k, v]) => `${k}: ${yamlScalar(v)}`)
    .join(', ')} }`;
}

function ruleSplices(source: string, lines: LineCounter, rule: YAMLMap, edit: RuleEdit, where: string): Splice[] {
  const weight = pairOf(rule, 'weight');
  const evidence = pairOf(rule, 'weight_evidence');
  if (!weight?.value || !evidence?.value) throw new WriteSetError(`${where}: rule has no weight or weight_evidence to replace`);
  const [wStart, wEnd] = rangeOf(weight.value);
  const [keyStart, keyEnd] = rangeOf(evidence.key);
  const [, valueEnd] = rangeOf(evidence.value);
  const column = lines.linePos(keyStart).col - 1;
  const indent = ' '.repeat(column + 2);
  // keyEnd is just after the key; the old value (and the ": " before it) is replaced.
  // A block scalar's range ends after its line break: keep that break.
  const trailing = /\s*$/.exec(source.slice(keyEnd, valueEnd))![0].replace(/[^\n]/g, '');
  const block = rule.flow ? evidenceFlow(edit.evidence) : evidenceBlock(edit.evidence, indent);
  return [
    { start: wStart, end: wEnd, text: String(edit.weight) },
    { start: keyEnd, end: valueEnd, text: block + trailing },
  ];
}

/** Rewrite a category file or case overlay: weights and evidence of the rules named in `edits`. */
export function rewriteRuleFile(file: string, source: string, edits: ReadonlyMap<string, RuleEdit>): string {
  const { doc, lines } = parse(file, source);
  const root = doc.contents;
  if (!isMap(root)) return source;
  const rules = root.get('rules', true);
  if (!isSeq(rules)) return source;
  const splices: Splice[] = [];
  for (const item of rules.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    const edit = typeof id === 'string' ? edits.get(id) : undefined;
    if (edit) splices.push(...ruleSplices(source, lines, item, edit, `${file}: rule ${id}`));
  }
  return splices.length ? applySplices(source, splices) : source;
}

export function rewriteVersion(source: string, version: string): string {
  const { doc } = parse('lexicon.yaml', source);
  const root = doc.contents;
  if (!isMap(root)) throw new WriteSetError('lexicon.yaml: not a mapping');
  const pair = pairOf(root, 'version');
  if (!pair?.value) return `${source.replace(/\n?$/, '\n')}version: ${JSON.stringify(version)}\n`;
  const [start, end] = rangeOf(pair.value);
  return applySplices(source, [{ start, end, text: JSON.stringify(version) }]);
}

/** Every file of the set, rewritten where `edits` says; `ruleFiles` maps rule id → its file. */
export function rewriteSet(files: Readonly<Record<string, string>>, ruleFiles: ReadonlyMap<string, string>, edits: SetEdits): Record<string, string> {
  const byFile = new Map<string, Map<string, RuleEdit>>();
  for (const [id, edit] of edits.rules) {
    const file = ruleFiles.get(id);
    if (!file) throw new WriteSetError(`internal: no file known for rule ${id}`);
    byFile.set(file, (byFile.get(file) ?? new Map()).set(id, edit));
  }
  const out: Record<string, string> = {};
  for (const [file, source] of Object.entries(files)) {
    if (file === 'lexicon.yaml') out[file] = rewriteVersion(source, edits.version);
    else if (file in edits.generated) continue;
    else out[file] = byFile.has(file) ? rewriteRuleFile(file, source, byFile.get(file)!) : source;
  }
  return Object.fromEntries(Object.entries({ ...out, ...edits.generated }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
