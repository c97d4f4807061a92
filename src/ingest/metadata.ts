// Metadata: check raw values from one source into a layer, then resolve the
// layers by precedence (record/front matter > manifest > file name > defaults),
// recording where every field came from. Pure: no I/O.
import { AUDIENCES, DOC_TYPES, type Audience, type DocMeta, type DocType, type MetaSource } from '../types.js';
import { normaliseCountry } from '../countries.js';
import { checkDate, checkYear, shownValue, yearOfDate } from './dates.js';
import { canonicalVenue, impliedAudience } from './venues.js';
import { META_FIELDS, type MetaField, type MetaLayer, type RawFields } from './types.js';

/** Precedence of sources, highest first. `implied` is derived, never a layer of its own. */
export const SOURCE_PRECEDENCE: readonly MetaSource[] = ['record', 'front_matter', 'manifest', 'file_name', 'default'];

const SOURCE_LABEL: Record<MetaSource, string> = {
  record: 'record',
  front_matter: 'front matter',
  manifest: 'manifest',
  file_name: 'file name',
  default: 'default',
  implied: 'implied',
};

const TYPE_ALIASES: Record<string, DocType> = {
  submission: 'un_submission',
  un_submission: 'un_submission',
  upr: 'un_submission',
  upr_report: 'un_submission',
  report: 'un_submission',
  press: 'press_release',
  press_release: 'press_release',
  statement: 'speech',
};

export function isMetaField(key: string): key is MetaField {
  return (META_FIELDS as readonly string[]).includes(key);
}

type Check = { ok: true; value: unknown } | { ok: false; reason: string };

function checkText(field: string, raw: unknown): Check {
  if (typeof raw === 'number') raw = String(raw);
  if (typeof raw !== 'string') return { ok: false, reason: `${field} ${shownValue(raw)} is not text` };
  const value = raw.trim().replace(/\s+/g, ' ');
  return value ? { ok: true, value } : { ok: false, reason: `${field} is empty` };
}

function checkCountry(raw: unknown): Check {
  if (typeof raw !== 'string') return { ok: false, reason: `country ${shownValue(raw)} is not text` };
  const code = normaliseCountry(raw);
  return code ? { ok: true, value: code } : { ok: false, reason: `unknown country ${shownValue(raw)}` };
}

function checkAudience(raw: unknown): Check {
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if ((AUDIENCES as readonly unknown[]).includes(value)) return { ok: true, value: value as Audience };
  return { ok: false, reason: `audience ${shownValue(raw)} is not one of ${AUDIENCES.join(', ')}` };
}

function checkType(raw: unknown): Check {
  const key =
    typeof raw === 'string'
      ? raw
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      : '';
  if ((DOC_TYPES as readonly string[]).includes(key)) return { ok: true, value: key };
  const alias = TYPE_ALIASES[key];
  if (alias) return { ok: true, value: alias };
  return { ok: false, reason: `type ${shownValue(raw)} is not one of ${DOC_TYPES.join(', ')}` };
}

function checkField(field: MetaField, raw: unknown): Check {
  switch (field) {
    case 'country':
      return checkCountry(raw);
    case 'year':
      return checkYear(raw);
    case 'date':
      return checkDate(raw);
    case 'audience':
      return checkAudience(raw);
    case 'type':
      return checkType(raw);
    case 'venue': {
      const text = checkText(field, raw);
      return text.ok ? { ok: true, value: canonicalVenue(text.value as string) } : text;
    }
    case 'speaker':
    case 'title':
      return checkText(field, raw);
  }
}

/**
 * Check the metadata fields among `raw` (other keys are ignored: a JSON record
 * or front matter may carry more). Null/empty values count as absent.
 * Warnings name the source: `front matter: unknown country "Atlantis"`.
 */
export function checkFields(raw: RawFields, source: MetaSource, where = SOURCE_LABEL[source]): { layer: MetaLayer; warnings: string[] } {
  const meta: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const field of META_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null || value === '') continue;
    const checked = checkField(field, value);
    if (checked.ok) meta[field] = checked.value;
    else warnings.push(`${where}: ${checked.reason}; ignored`);
  }
  return { layer: { source, meta: meta as DocMeta }, warnings };
}

export interface ResolvedMeta {
  meta: DocMeta;
  metaSources: Partial<Record<keyof DocMeta, MetaSource>>;
  warnings: string[];
}

function rank(source: MetaSource | undefined): number {
  const index = source === undefined ? -1 : SOURCE_PRECEDENCE.indexOf(source);
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}

/**
 * Merge layers field by field, the highest-precedence source winning, then derive:
 * - year from date when the date's source ranks at least as high as the year's
 *   (a year that disagrees with a higher-ranked date is replaced, with a warning);
 *   a date that disagrees with a higher-ranked year is dropped, with a warning;
 * - audience from venue when no source of at least the venue's rank gives one
 *   (source `implied`).
 */
export function resolveMeta(layers: MetaLayer[]): ResolvedMeta {
  const ordered = [...layers].sort((a, b) => rank(a.source) - rank(b.source));
  const meta: Record<string, unknown> = {};
  const sources: Partial<Record<keyof DocMeta, MetaSource>> = {};
  const warnings: string[] = [];
  for (const field of META_FIELDS) {
    const layer = ordered.find((l) => l.meta[field] !== undefined);
    if (!layer) continue;
    meta[field] = layer.meta[field];
    sources[field] = layer.source;
  }
  reconcileYearAndDate(meta as DocMeta, sources, warnings);
  implyAudience(meta as DocMeta, sources);
  return { meta: meta as DocMeta, metaSources: sources, warnings };
}

function reconcileYearAndDate(meta: DocMeta, sources: ResolvedMeta['metaSources'], warnings: string[]): void {
  if (meta.date === undefined) return;
  const dateYear = yearOfDate(meta.date);
  if (meta.year === undefined) {
    meta.year = dateYear;
    sources.year = sources.date;
    return;
  }
  if (meta.year === dateYear) return;
  if (rank(sources.date) < rank(sources.year)) {
    warnings.push(
      `year ${meta.year} (${SOURCE_LABEL[sources.year!]}) disagrees with date ${meta.date} (${SOURCE_LABEL[sources.date!]}); year ${dateYear} from the date used`,
    );
    meta.year = dateYear;
    sources.year = sources.date;
  } else {
    warnings.push(`date ${meta.date} (${SOURCE_LABEL[sources.date!]}) disagrees with year ${meta.year} (${SOURCE_LABEL[sources.year!]}); date ignored`);
    delete meta.date;
    delete sources.date;
  }
}

function implyAudience(meta: DocMeta, sources: ResolvedMeta['metaSources']): void {
  if (meta.venue === undefined) return;
  const implied = impliedAudience(meta.venue);
  if (!implied) return;
  if (meta.audience !== undefined && rank(sources.audience) <= rank(sources.venue)) return;
  meta.audience = implied;
  sources.audience = 'implied';
}

/** A copy of `meta` with keys in the fixed field order (stable JSON output). */
export function orderedMeta(meta: DocMeta): DocMeta {
  const out: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (meta[field] !== undefined) out[field] = meta[field];
  return out as DocMeta;
}
