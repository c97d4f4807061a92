// What changed between two lexicon versions (`spiral lexicon diff A B`): name,
// version and content hash; rules added, removed and changed (patterns,
// weight, requires, when_negated, category, description); scoring values; case
// overlays and their weight adjustments. Pure: two loaded sets in, a diff out.
import type { CaseOverlay, LexiconSet, Rule } from '../lexicon/types.js';
import { SCORING_KEYS } from '../lexicon/scoring.js';

export interface RuleSummary {
  id: string;
  category: string;
  file: string;
  country?: string;
}

export interface FieldChange {
  field: 'category' | 'weight' | 'requires' | 'requires_own_sentence' | 'strong_relevance' | 'when_negated' | 'description' | 'file';
  old: unknown;
  new: unknown;
}

export interface RuleChange {
  id: string;
  fields: FieldChange[];
  patternsAdded: string[];
  patternsRemoved: string[];
}

export interface ValueChange {
  name: string;
  old: number | undefined;
  new: number | undefined;
}

export interface SetDiff {
  a: { name: string; version: string; hash: string };
  b: { name: string; version: string; hash: string };
  added: RuleSummary[];
  removed: RuleSummary[];
  changed: RuleChange[];
  scoring: ValueChange[];
  /** `<ISO3>: <rule>` → adjusted weight in A and B. */
  adjustments: ValueChange[];
  overlaysAdded: string[];
  overlaysRemoved: string[];
}

function allRules(set: LexiconSet): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const r of set.rules) out.set(r.id, r);
  for (const c of Object.values(set.cases)) for (const r of c.rules) out.set(r.id, r);
  return out;
}

function summary(rule: Rule): RuleSummary {
  const s: RuleSummary = { id: rule.id, category: rule.category, file: rule.file };
  if (rule.country) s.country = rule.country;
  return s;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

function ruleChange(a: Rule, b: Rule): RuleChange | undefined {
  const fields: FieldChange[] = [];
  const compare = (field: FieldChange['field'], x: unknown, y: unknown) => {
    if (!same(x, y)) fields.push({ field, old: x, new: y });
  };
  compare('category', a.category, b.category);
  compare('weight', a.weight, b.weight);
  compare('requires', [...a.requires].sort(), [...b.requires].sort());
  compare('requires_own_sentence', a.requiresOwnSentence, b.requiresOwnSentence);
  compare('strong_relevance', a.strongRelevance, b.strongRelevance);
  compare('when_negated', a.whenNegated, b.whenNegated);
  compare('description', a.description.trim(), b.description.trim());
  compare('file', a.file, b.file);
  const pa = new Set(a.patterns.map((p) => p.source));
  const pb = new Set(b.patterns.map((p) => p.source));
  const patternsAdded = [...pb].filter((p) => !pa.has(p));
  const patternsRemoved = [...pa].filter((p) => !pb.has(p));
  if (!fields.length && !patternsAdded.length && !patternsRemoved.length) return undefined;
  return { id: a.id, fields, patternsAdded, patternsRemoved };
}

function adjustments(overlay: CaseOverlay | undefined): Map<string, number> {
  return new Map((overlay?.adjust ?? []).map((a) => [`${overlay!.country}: ${a.rule}`, a.weight]));
}

function adjustmentChanges(a: LexiconSet, b: LexiconSet): ValueChange[] {
  const out: ValueChange[] = [];
  for (const country of [...new Set([...Object.keys(a.cases), ...Object.keys(b.cases)])].sort()) {
    const x = adjustments(a.cases[country]);
    const y = adjustments(b.cases[country]);
    for (const name of [...new Set([...x.keys(), ...y.keys()])].sort()) {
      if (x.get(name) !== y.get(name)) out.push({ name, old: x.get(name), new: y.get(name) });
    }
  }
  return out;
}

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export function diffSets(a: LexiconSet, b: LexiconSet): SetDiff {
  const ra = allRules(a);
  const rb = allRules(b);
  const changed: RuleChange[] = [];
  for (const [id, rule] of ra) {
    const other = rb.get(id);
    const change = other && ruleChange(rule, other);
    if (change) changed.push(change);
  }
  return {
    a: { name: a.name, version: a.version, hash: a.hash },
    b: { name: b.name, version: b.version, hash: b.hash },
    added: [...rb.values()]
      .filter((r) => !ra.has(r.id))
      .map(summary)
      .sort(byId),
    removed: [...ra.values()]
      .filter((r) => !rb.has(r.id))
      .map(summary)
      .sort(byId),
    changed: changed.sort(byId),
    scoring: SCORING_KEYS.filter((k) => a.scoring[k] !== b.scoring[k]).map((k) => ({ name: k, old: a.scoring[k], new: b.scoring[k] })),
    adjustments: adjustmentChanges(a, b),
    overlaysAdded: Object.keys(b.cases)
      .filter((c) => !a.cases[c])
      .sort(),
    overlaysRemoved: Object.keys(a.cases)
      .filter((c) => !b.cases[c])
      .sort(),
  };
}

export function isEmptyDiff(d: SetDiff): boolean {
  return (
    !d.added.length &&
    !d.removed.length &&
    !d.changed.length &&
    !d.scoring.length &&
    !d.adjustments.length &&
    !d.overlaysAdded.length &&
    !d.overlaysRemoved.length
  );
}

const show = (v: unknown) =>
  Array.isArray(v)
    ? `[${v.join(', ')}]`
    : typeof v === 'string'
      ? v.length > 60
        ? JSON.stringify(v.slice(0, 57) + '...')
        : JSON.stringify(v)
      : String(v ?? '—');

function changeLine(c: RuleChange): string {
  const parts = c.fields.map((f) => `${f.field} ${show(f.old)} → ${show(f.new)}`);
  if (c.patternsAdded.length) parts.push(`patterns + ${c.patternsAdded.map((p) => JSON.stringify(p)).join(', ')}`);
  if (c.patternsRemoved.length) parts.push(`patterns − ${c.patternsRemoved.map((p) => JSON.stringify(p)).join(', ')}`);
  return `~ ${c.id}: ${parts.join('; ')}`;
}

const where = (r: RuleSummary) => `${r.category}, ${r.file}${r.country ? `, case ${r.country}` : ''}`;

export function formatSetDiff(d: SetDiff): string {
  const lines = [`A: ${d.a.name} ${d.a.version} (sha256 ${d.a.hash.slice(0, 12)})`, `B: ${d.b.name} ${d.b.version} (sha256 ${d.b.hash.slice(0, 12)})`];
  if (d.a.hash === d.b.hash) return [...lines, 'identical content'].join('\n') + '\n';
  lines.push(`rules: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`);
  lines.push(...d.added.map((r) => `+ ${r.id} (${where(r)})`));
  lines.push(...d.removed.map((r) => `- ${r.id} (${where(r)})`));
  lines.push(...d.changed.map(changeLine));
  if (d.scoring.length) lines.push(`scoring: ${d.scoring.map((s) => `${s.name} ${s.old} → ${s.new}`).join('; ')}`);
  if (d.overlaysAdded.length) lines.push(`case overlays added: ${d.overlaysAdded.join(', ')}`);
  if (d.overlaysRemoved.length) lines.push(`case overlays removed: ${d.overlaysRemoved.join(', ')}`);
  if (d.adjustments.length) lines.push(`case adjustments: ${d.adjustments.map((s) => `${s.name} ${show(s.old)} → ${show(s.new)}`).join('; ')}`);
  if (isEmptyDiff(d)) lines.push('no rule, scoring or overlay change (the files differ in comments, examples, evidence or layout)');
  return lines.join('\n') + '\n';
}
