// `spiral kwic`: key words in context over a run's utterances. The rows and
// their CSV and table forms; the command streams the run (cli/commands/kwic.ts).
import { toCsv } from '../aggregate/csv.js';
import { wordSpans } from '../aggregate/words.js';
import { compileKwicPattern, kwicMatches, type KwicPattern } from './core.js';
import type { TargetedUtterance } from './lines.js';

export { compileKwicPattern, kwicMatches, type KwicMatch, type KwicPattern } from './core.js';
export { forEachTargetedUtterance, listOption, TARGETS, type Target, type TargetedUtterance } from './lines.js';

/** Words of context on each side by default (quanteda's kwic default). */
export const DEFAULT_KWIC_WINDOW = 5;

export interface KwicRow {
  doc: string;
  id: string;
  country: string | null;
  year: number | null;
  label: string;
  target: string | null;
  /** 1-based word positions of the keyword in the sentence (quanteda's from/to). */
  from: number;
  to: number;
  pre: string;
  keyword: string;
  post: string;
}

/** What an utterance must be to be searched: label, country and target lists (empty/undefined = any). */
export interface KwicFilter {
  labels?: Set<string>;
  countries?: Set<string>;
  targets?: Set<string>;
}

export function passes(u: TargetedUtterance, f: KwicFilter): boolean {
  if (f.labels && !f.labels.has(u.label)) return false;
  if (f.countries && !f.countries.has(u.country ?? '')) return false;
  if (f.targets && !f.targets.has(u.target ?? '')) return false;
  return true;
}

/** The key-word rows of one utterance. */
export function kwicRows(u: TargetedUtterance, pattern: KwicPattern, window: number): KwicRow[] {
  return kwicMatches(u.text, wordSpans(u.text), pattern, window).map((m) => ({
    doc: u.doc,
    id: u.id,
    country: u.country,
    year: u.year,
    label: u.label,
    target: u.target,
    from: m.from + 1,
    to: m.to + 1,
    pre: u.text.slice(m.preStart, m.start).trim(),
    keyword: u.text.slice(m.start, m.end),
    post: u.text.slice(m.end, m.postEnd).trim(),
  }));
}

export function parsePattern(pattern: string): KwicPattern | null {
  return compileKwicPattern(pattern);
}

const KWIC_HEADER = ['doc', 'id', 'country', 'year', 'label', 'target', 'from', 'to', 'pre', 'keyword', 'post', 'pattern'];

export function kwicCsv(rows: readonly KwicRow[], pattern: string): string {
  return toCsv(
    KWIC_HEADER,
    rows.map((r) => [r.doc, r.id, r.country, r.year, r.label, r.target, r.from, r.to, r.pre, r.keyword, r.post, pattern]),
  );
}

/** Context width in characters on each side of the terminal table. */
export const TABLE_CONTEXT_CHARS = 40;

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A terminal table: id and label, then the context right-aligned against the keyword, as kwic prints. */
export function kwicTable(rows: readonly KwicRow[]): string {
  const left = (s: string) => {
    const t = flat(s);
    return (t.length > TABLE_CONTEXT_CHARS ? `…${t.slice(t.length - TABLE_CONTEXT_CHARS + 1)}` : t).padStart(TABLE_CONTEXT_CHARS);
  };
  const right = (s: string) => {
    const t = flat(s);
    return t.length > TABLE_CONTEXT_CHARS ? `${t.slice(0, TABLE_CONTEXT_CHARS - 1)}…` : t;
  };
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  const labelWidth = Math.max(5, ...rows.map((r) => r.label.length));
  return (
    rows.map((r) => `${r.id.padEnd(idWidth)}  ${r.label.padEnd(labelWidth)}  ${left(r.pre)} | ${flat(r.keyword)} | ${right(r.post)}`.trimEnd()).join('\n') +
    (rows.length > 0 ? '\n' : '')
  );
}
