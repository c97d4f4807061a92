// Dates and years in metadata: ISO forms only (YYYY, YYYY-MM, YYYY-MM-DD), and
// a compact YYYYMMDD from file names. Anything impossible is refused with a
// reason, so the caller can warn and leave the field out.

/** Years outside this range are taken as typos (statements from 1800 to 2100). */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2100;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A metadata value as a warning shows it: JSON, except numbers JSON cannot
 * hold (1e400 parses to Infinity, YAML has .inf and .nan), which
 * JSON.stringify would show as "null".
 */
export function shownValue(raw: unknown): string {
  if (typeof raw === 'number' && Number.isNaN(raw)) return 'NaN (not a number)';
  if (typeof raw === 'number' && !Number.isFinite(raw)) return `${raw} (a number too large to hold, such as 1e400)`;
  return JSON.stringify(raw);
}

export function checkYear(raw: unknown): Checked<number> {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{1,4}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) return { ok: false, reason: `year ${shownValue(raw)} is not a whole number` };
  if (n < MIN_YEAR || n > MAX_YEAR) return { ok: false, reason: `impossible year ${n} (expected ${MIN_YEAR}–${MAX_YEAR})` };
  return { ok: true, value: n };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_TIME_SUFFIX = /(?<=^\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** A date as YYYY, YYYY-MM or YYYY-MM-DD (also a JS Date, from YAML timestamps, and YYYYMMDD). */
export function checkDate(raw: unknown): Checked<string> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: 'invalid date' };
    return checkDate(raw.toISOString().slice(0, 10));
  }
  if (typeof raw === 'number' && Number.isInteger(raw)) return checkDate(String(raw));
  if (typeof raw !== 'string') return { ok: false, reason: `date ${shownValue(raw)} is not text` };
  // An ISO timestamp (web pages' <meta name="date">) counts by its date part.
  const s = raw.trim().replace(ISO_TIME_SUFFIX, '');
  const m = ISO_DATE.exec(s) ?? COMPACT_DATE.exec(s);
  if (!m) return { ok: false, reason: `unrecognised date ${shownValue(raw)} (expected YYYY, YYYY-MM or YYYY-MM-DD)` };
  const year = checkYear(Number(m[1]));
  if (!year.ok) return { ok: false, reason: `impossible date ${shownValue(raw)}: ${year.reason}` };
  if (m[2] === undefined) return { ok: true, value: m[1] };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, reason: `impossible date ${shownValue(raw)} (month ${month})` };
  if (m[3] === undefined) return { ok: true, value: `${m[1]}-${m[2]}` };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year.value, month)) {
    return { ok: false, reason: `impossible date ${shownValue(raw)} (day ${day})` };
  }
  return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}` };
}

/** The year of a checked ISO date. */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}
