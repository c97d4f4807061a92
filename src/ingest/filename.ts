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
//
// Matching is not done with a regular expression: `{*}-{*}-{*}-{*}-{*}-{year}`
// as a backtracking regex takes seconds per file on a name with many dashes
// that does not match (exponential in the number of placeholders). A table of
// "can the rest of the pattern match from here" makes it O(name² × pattern).
import { posix } from 'node:path';
import { normaliseCountry } from '../countries.js';
import { NamePatternError } from './errors.js';
import { META_FIELDS, type RawFields } from './types.js';

/** One piece of a compiled pattern: literal text, or a capture of a fixed shape or of free text. */
type Piece = { kind: 'literal'; text: string } | { kind: 'fixed'; shapes: RegExp[] } | { kind: 'free' };

export interface NamePattern {
  source: string;
  pieces: Piece[];
  fields: string[]; // capture i → field (or '*'), in the order of the capture pieces
  segments: number; // how many trailing path segments it matches
}

/** Fixed-width captures: the shapes they accept, tried in this order (as a regex alternation would). */
const FIXED_SHAPES: Record<string, RegExp[]> = {
  year: [/^\d{4}/],
  date: [/^\d{4}-\d{2}-\d{2}/, /^\d{4}-\d{2}/, /^\d{8}/],
};
const SPACED_FIELDS = new Set(['speaker', 'venue', 'title']);

/** Compile a user name pattern; throws NamePatternError with what is wrong. */
export function compileNamePattern(source: string): NamePattern {
  const parts = source.split(/(\{[^{}]*\})/);
  const fields: string[] = [];
  const pieces: Piece[] = [];
  let previousFree = false;
  for (const part of parts) {
    if (part === '') continue;
    const placeholder = /^\{([^{}]*)\}$/.exec(part);
    if (!placeholder) {
      if (/[{}]/.test(part)) throw new NamePatternError(`name pattern ${JSON.stringify(source)}: unbalanced brace in ${JSON.stringify(part)}`);
      pieces.push({ kind: 'literal', text: part });
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
    const shapes = FIXED_SHAPES[field];
    if (!shapes && previousFree) {
      throw new NamePatternError(`name pattern ${JSON.stringify(source)}: {${field}} follows another placeholder with no text between them`);
    }
    pieces.push(shapes ? { kind: 'fixed', shapes } : { kind: 'free' });
    fields.push(field);
    previousFree = !shapes;
  }
  if (fields.length === 0) throw new NamePatternError(`name pattern ${JSON.stringify(source)} has no placeholder`);
  return { source, pieces, fields, segments: source.split('/').length };
}

/** Literal text matches case-insensitively, character by character. */
function literalAt(subject: string, at: number, text: string): boolean {
  if (at + text.length > subject.length) return false;
  for (let k = 0; k < text.length; k++) {
    const a = subject[at + k];
    const b = text[k];
    if (a !== b && a.toLowerCase() !== b.toLowerCase() && a.toUpperCase() !== b.toUpperCase()) return false;
  }
  return true;
}

/** Lengths a fixed capture can take at `at`, in the order its shapes are tried. */
function fixedLengths(subject: string, at: number, shapes: RegExp[]): number[] {
  const rest = subject.slice(at);
  return shapes.map((shape) => shape.exec(rest)?.[0].length ?? 0).filter((n) => n > 0);
}

/** Counts the matcher's work (table cells filled and capture lengths tried), for tests. */
export interface MatchWork {
  steps: number;
}

/**
 * Match a whole subject. Captures take the shortest text (free, never across
 * `/`) or the first shape (fixed) that lets the rest match — what a regex with
 * lazy groups would return, without its backtracking. Returns the captured texts.
 */
export function matchNamePattern(pattern: NamePattern, subject: string, work: MatchWork = { steps: 0 }): string[] | undefined {
  const { pieces } = pattern;
  const n = subject.length;
  const width = n + 1;
  // 0 unknown, 1 the pieces from j on match subject[i..], 2 they do not.
  const table = new Uint8Array((pieces.length + 1) * width);
  const rest = (j: number, i: number): boolean => {
    if (j === pieces.length) return i === n;
    const cell = j * width + i;
    if (table[cell] === 0) table[cell] = fill(j, i) ? 1 : 2;
    return table[cell] === 1;
  };
  // The next piece is matched before this one is decided; the recursion is as deep as the pattern is long.
  const fill = (j: number, i: number): boolean => {
    work.steps++;
    for (const length of candidateLengths(j, i)) if (rest(j + 1, i + length)) return true;
    return false;
  };
  const candidateLengths = function* (j: number, i: number): Generator<number> {
    const piece = pieces[j];
    if (piece.kind === 'literal') {
      if (literalAt(subject, i, piece.text)) yield piece.text.length;
      return;
    }
    if (piece.kind === 'fixed') {
      yield* fixedLengths(subject, i, piece.shapes);
      return;
    }
    for (let length = 1; i + length <= n && subject[i + length - 1] !== '/'; length++) {
      work.steps++;
      yield length;
    }
  };
  if (!rest(0, 0)) return undefined;
  const captures: string[] = [];
  let at = 0;
  pieces.forEach((piece, j) => {
    for (const length of candidateLengths(j, at)) {
      if (!rest(j + 1, at + length)) continue;
      if (piece.kind !== 'literal') captures.push(subject.slice(at, at + length));
      at += length;
      return;
    }
  });
  return captures;
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
  const captures = matchNamePattern(pattern, subjectOf(rel, pattern.segments));
  if (!captures) return undefined;
  const raw: RawFields = {};
  pattern.fields.forEach((field, i) => {
    if (field === '*') return;
    const value = captures[i];
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
