// Fact dates: YYYY, YYYY-MM or YYYY-MM-DD. A fact counts as of a day when the
// LAST day it could have happened is on or before that day — a fact known only
// to its year counts from the end of that year, never earlier than it could be.

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Null when valid, else what is wrong. */
export function checkFactDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return `date "${text}" must be YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(m[1]);
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return `date "${text}": month ${m[2]} does not exist`;
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      if (day < 1 || day > daysInMonth(year, month)) return `date "${text}": day ${m[3]} does not exist`;
    }
  }
  return null;
}

/** The last day a (possibly partial) date could stand for, as YYYY-MM-DD. */
export function latestDay(text: string): string {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`not a fact date: ${text}`);
  const year = Number(m[1]);
  const month = m[2] !== undefined ? Number(m[2]) : 12;
  const day = m[3] !== undefined ? Number(m[3]) : daysInMonth(year, month);
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a fact dated `date` had certainly happened by the end of day `asOf` (YYYY-MM-DD). */
export function happenedBy(date: string, asOf: string): boolean {
  return latestDay(date) <= asOf;
}
