// Time units of a grouping: none (country), a year, or a period of N years
// aligned to multiples of N (period 5: 1985–1989, 1990–1994).
import type { GroupBy, PeriodSpan } from './types.js';

export interface TimeUnit {
  year: number | null;
  period: PeriodSpan | null;
  /** Consecutive integer for persistence: the year, or the period number; null for 'country'. */
  ordinal: number | null;
  label: string; // "" | "1990" | "1985-1989"
}

export const WHOLE_SPAN: TimeUnit = { year: null, period: null, ordinal: null, label: '' };

export function periodOf(year: number, length: number): PeriodSpan {
  const start = Math.floor(year / length) * length;
  const end = start + length - 1;
  return { start, end, label: length === 1 ? String(start) : `${start}-${end}` };
}

/** The unit a year falls in; null when the grouping needs a year and there is none. */
export function unitOf(by: GroupBy, year: number | null, periodLength: number): TimeUnit | null {
  if (by === 'country') return WHOLE_SPAN;
  if (year === null) return null;
  if (by === 'country-year') return { year, period: null, ordinal: year, label: String(year) };
  const period = periodOf(year, periodLength);
  return { year: null, period, ordinal: period.start / periodLength, label: period.label };
}

/** "KEN", "KEN|1990", "KEN|1985-1989". */
export function unitKey(country: string, unit: TimeUnit): string {
  return unit.label ? `${country}|${unit.label}` : country;
}

/** The last day of a unit, as an ISO date (facts are read as of this day); null for the whole span. */
export function unitEndDate(unit: TimeUnit): string | null {
  const lastYear = unit.year ?? unit.period?.end;
  return lastYear === undefined || lastYear === null ? null : `${String(lastYear).padStart(4, '0')}-12-31`;
}
