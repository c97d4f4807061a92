// Metadata from file names: two built-in patterns for the corpora users start
// from, and a user pattern in a small placeholder syntax (never a raw regular
// expression, so no user input can make matching slow).
//
// Built-in:
//   UN General Debate Corpus  ISO3_SS_YYYY   KEN_45_1990.txt → KEN, 1990, UN General Assembly, speech
//   UPR Working Group reports countryYYYY    southafrica2008.txt → ZAF, 2008, UPR Working Group, un_submission
//     (only when the name part is a country we know: "notes2010.txt" is not a UPR report)
//
// User pattern (`--name-pattern`), e.g. `{country}_{year}_{venue}`:
//   - `{field}` captures a metadata field: country, year, date, speaker, venue,
//     audience, type, title; `{*}` matches any text and keeps nothing;
//   - everything else is literal text, matched case-insensitively;
//   - it is matched against the whole file name without its extension; with
//     `/` it also matches the folders above (`{country}/{year}` matches KEN/1990.txt);
//   - `{year}` is 4 digits, `{date}` is YYYY-MM-DD, YYYY-MM or YYYYMMDD; other fields
//     take the shortest text that lets the rest match, never across `/`;
//   - `-` and `_` inside captured speaker, venue and title become spaces.
// The user pattern is tried first; when it does not match, the built-ins are tried.
import { posix } from 'node:path';
import { normaliseCountry } from '../meta/countries.js';
import { NamePatternError } from './errors.js';
import { META_FIELDS, type RawFields } from './types.js';

export interface NamePattern {
  source: string;
  regex: RegExp;
  fields: string[]; // capture group i+1 → field (or '*')
  segments: number; // how many trailing path segments it matches
}

const FIXED_WIDTH_CAPTURE: Record<string, string> = {
  year: '(\\d{4})',
  date: '(\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{2}|\\d{8})',
};
const FREE_CAPTURE = '([^/]+?)';
const SPACED_FIELDS = new Set(['speaker', 'venue', 'title']);

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compile a user name pattern; throws NamePatternError with what is wrong. */
export function compileNamePattern(source: string): NamePattern {
  const parts = source.split(/(\{[^{}]*\})/);
  const fields: string[] = [];
  let regex = '';
  let previousFree = false;
  for (const part of parts) {
    if (part === '') continue;
    const placeholder = /^\{([^{}]*)\}$/.exec(part);
    if (!placeholder) {
      if (/[{}]/.test(part)) throw new NamePatternError(`name pattern ${JSON.stringify(source)}: unbalanced brace in ${JSON.stringify(part)}`);
      regex += escapeRegex(part);
      previousFree = false;
      continue;
    }
    const field = placeholder[1].trim();
    if (field !== '*' && !(META_FIELDS as readonly string[]).includes(field)) {
      throw new NamePatternError(
        `name pattern ${JSON.stringify(source)}: unknown placeholder {${field}} (use ${META_FIELDS.map((f) => `{${f}}`).join(', ')} or {*})`,
      );
    }
    if (field !== '*' && fields.includes(field)) {
      throw new NamePatternError(`name pattern ${JSON.stringify(source)}: {${field}} appears twice`);
    }
    const fixed = FIXED_WIDTH_CAPTURE[field];
    if (!fixed && previousFree) {
      throw new NamePatternError(`name pattern ${JSON.stringify(source)}: {${field}} follows another placeholder with no text between them`);
    }
    regex += fixed ?? FREE_CAPTURE;
    fields.push(field);
    previousFree = !fixed;
  }
  if (fields.length === 0) throw new NamePatternError(`name pattern ${JSON.stringify(source)} has no placeholder`);
  return { source, regex: new RegExp(`^${regex}$`, 'i'), fields, segments: source.split('/').length };
}

/** The last `segments` path segments of `rel`, extension removed from the file name. */
function subjectOf(rel: string, segments: number): string {
  const parts = rel.split('/');
  const last = parts[parts.length - 1];
  const dot = last.lastIndexOf('.');
  parts[parts.length - 1] = dot > 0 ? last.slice(0, dot) : last;
  return parts.slice(-segments).join('/');
}

function matchUserPattern(pattern: NamePattern, rel: string): RawFields | undefined {
  const m = pattern.regex.exec(subjectOf(rel, pattern.segments));
  if (!m) return undefined;
  const raw: RawFields = {};
  pattern.fields.forEach((field, i) => {
    if (field === '*') return;
    const value = m[i + 1];
    raw[field] = SPACED_FIELDS.has(field) ? value.replace(/[-_]+/g, ' ') : value;
  });
  return raw;
}

const UNGDC_NAME = /^([A-Za-z]{2,3})_(\d{1,3})_(\d{4})$/;
// The name runs straight into the year ("guinea-bissau2010"); "kenya-1990-speech" is not a UPR report name.
const UPR_NAME = /^([A-Za-z]+(?:-[A-Za-z]+)*)(\d{4})$/;

function matchBuiltIn(rel: string): RawFields | undefined {
  const stem = subjectOf(rel, 1);
  const ungdc = UNGDC_NAME.exec(stem);
  if (ungdc) {
    return { country: ungdc[1].toUpperCase(), year: ungdc[3], venue: 'UN General Assembly', type: 'speech' };
  }
  const upr = UPR_NAME.exec(stem);
  if (upr && normaliseCountry(upr[1])) {
    return { country: upr[1], year: upr[2], venue: 'UPR Working Group', type: 'un_submission' };
  }
  return undefined;
}

/** Raw metadata read from a file's name (user pattern first, then the built-ins), if any pattern matches. */
export function fieldsFromFileName(rel: string, pattern?: NamePattern): RawFields | undefined {
  return (pattern && matchUserPattern(pattern, rel)) || matchBuiltIn(posix.basename(rel));
}
