// Gold files: JSON lines of hand-labelled utterances (`id`, `text`, `label`,
// optional metadata such as country, year, venue). Parsing is pure: it takes
// the file's text and its name (for messages) and returns items or throws one
// error that lists every bad line as `file:line: message`.
import { normaliseCountry } from '../countries.js';
import { isLabel, isTarget, LABELS, TARGETS, type Label, type Target } from '../types.js';
import { UserFacingError } from '../errors.js';

export interface GoldMeta {
  country?: string;
  year?: number;
  venue?: string;
  source?: string;
  context?: string;
  /** The document the item was drawn from, when the file names it; else source, country and year stand for it. */
  document?: string;
  /** How a reviewed item was sampled (`spiral review export`): flagged, uncertainty, random, rule:<id>. */
  sampledBy?: string;
}

/** The document an item comes from: folds that keep a document's items together use it. */
export function documentOf(item: GoldItem): string {
  return item.meta.document ?? [item.meta.source ?? '', item.meta.country ?? '', item.meta.year ?? '', item.meta.venue ?? ''].join('|');
}

/** The items of one split (all of them when `split` is undefined); an item without a split is on neither side. */
export function itemsOfSplit(items: readonly GoldItem[], split: Split | undefined): GoldItem[] {
  return split === undefined ? [...items] : items.filter((i) => i.split === split);
}

/**
 * The items sampled so (`sampled_by` of a review export): `rule` stands for
 * any rule queue, `match` for any key-word (recall) queue; items without the
 * field are on no side.
 */
export function itemsSampledBy(items: readonly GoldItem[], how: string | undefined): GoldItem[] {
  if (how === undefined) return [...items];
  const family = how === 'rule' || how === 'match' ? `${how}:` : null;
  return items.filter((i) => i.meta.sampledBy === how || (family !== null && i.meta.sampledBy?.startsWith(family)));
}

/** Which side of the fit/check discipline an item is on (gold README): rules are written from `fit` only. */
export const SPLITS = ['fit', 'check'] as const;
export type Split = (typeof SPLITS)[number];

export interface GoldItem {
  id: string;
  text: string;
  label: Label;
  /** Whose conduct is at stake (`na` with `none`), when the gold file codes it. */
  target?: Target;
  split?: Split;
  /** 1-based line in the gold file, so errors can point back at it. */
  line: number;
  meta: GoldMeta;
}

/** How many problems one error message lists before it says "and N more". */
const MAX_LISTED_PROBLEMS = 20;

export class GoldFormatError extends UserFacingError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(formatProblems(file, problems));
  }
}

function formatProblems(file: string, problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  const tail = more > 0 ? [`${file}: ... and ${more} more problems`] : [];
  return [...listed, ...tail].join('\n');
}

type LineOutcome = { item: GoldItem } | { problem: string };

/**
 * A gold file must be UTF-8 text. NUL bytes mean UTF-16 (or binary) read as
 * UTF-8: one clear problem instead of a garbled message for every line.
 */
function encodingProblem(text: string, file: string): string | undefined {
  if (text.includes('\u0000')) return `${file}: contains NUL bytes: not UTF-8 text (a UTF-16 file? save it as UTF-8)`;
  return undefined;
}

export function parseGold(text: string, file: string): GoldItem[] {
  const badEncoding = encodingProblem(text, file);
  if (badEncoding) throw new GoldFormatError(file, [badEncoding]);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const items: GoldItem[] = [];
  const problems: string[] = [];
  const firstLineOfId = new Map<string, number>();
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const outcome = parseGoldLine(raw, line);
    if ('problem' in outcome) {
      problems.push(`${file}:${line}: ${outcome.problem}`);
      return;
    }
    const seenAt = firstLineOfId.get(outcome.item.id);
    if (seenAt !== undefined) {
      problems.push(`${file}:${line}: duplicate id "${outcome.item.id}" (first on line ${seenAt})`);
      return;
    }
    firstLineOfId.set(outcome.item.id, line);
    items.push(outcome.item);
  });
  if (problems.length > 0) throw new GoldFormatError(file, problems);
  if (items.length === 0) throw new GoldFormatError(file, [`${file}: no gold items (empty file)`]);
  return items;
}

function parseGoldLine(raw: string, line: number): LineOutcome {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { problem: `invalid JSON (${jsonErrorMessage(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'expected a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const id = record.id;
  if ((typeof id !== 'string' || id === '') && typeof id !== 'number') {
    return { problem: 'missing or empty "id"' };
  }
  if (typeof record.text !== 'string' || record.text.trim() === '') {
    return { problem: 'missing or empty "text"' };
  }
  if (!isLabel(record.label)) {
    return { problem: `bad label ${JSON.stringify(record.label)} (expected one of ${LABELS.join(', ')})` };
  }
  const item: GoldItem = { id: String(id), text: record.text, label: record.label, line, meta: readMeta(record) };
  if (record.target !== undefined) {
    if (!isTarget(record.target)) return { problem: `bad target ${JSON.stringify(record.target)} (expected one of ${TARGETS.join(', ')})` };
    if ((record.target === 'na') !== (record.label === 'none'))
      return { problem: `target "${record.target}" with label "${record.label}": "na" goes with "none" and only with it` };
    item.target = record.target;
  }
  if (record.split !== undefined) {
    if (!(SPLITS as readonly unknown[]).includes(record.split))
      return { problem: `bad split ${JSON.stringify(record.split)} (expected ${SPLITS.join(' or ')})` };
    item.split = record.split as Split;
  }
  return { item };
}

/**
 * JSON.parse's message without the copy of the input V8 appends ('..., "xyz" is
 * not valid JSON'): a gold line can be long, or hold control characters that
 * must not reach the terminal. What remains is made printable.
 */
function jsonErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const withoutEcho = raw.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
  return withoutEcho.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Optional metadata: kept when it has the expected type, ignored otherwise. */
function readMeta(record: Record<string, unknown>): GoldMeta {
  const meta: GoldMeta = {};
  // Gold files name countries as codes ("KEN") or compact names ("southafrica"): keep ISO3 when known.
  if (typeof record.country === 'string' && record.country !== '') {
    meta.country = normaliseCountry(record.country) ?? record.country;
  }
  if (typeof record.year === 'number' && Number.isInteger(record.year)) meta.year = record.year;
  if (typeof record.venue === 'string' && record.venue !== '') meta.venue = record.venue;
  if (typeof record.source === 'string' && record.source !== '') meta.source = record.source;
  if (typeof record.context === 'string' && record.context !== '') meta.context = record.context;
  if (typeof record.document === 'string' && record.document !== '') meta.document = record.document;
  if (typeof record.sampled_by === 'string' && record.sampled_by !== '') meta.sampledBy = record.sampled_by;
  return meta;
}
