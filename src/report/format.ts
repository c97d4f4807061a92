// Small text formatters shared by the HTML and Markdown renderers.
import { INDICATOR_NAMES, type IndicatorName } from '../indicators/types.js';
import type { CountryReport, PhaseSpan } from './model.js';

export const INDICATOR_TITLES: Record<IndicatorName, string> = {
  ratification: 'ratification',
  institutionalisation: 'institutions',
  complaint_mechanism: 'complaints',
  discursive_practice: 'discourse',
};
export { INDICATOR_NAMES };

export function signedNumber(n: number | null, digits = 2): string {
  if (n === null) return '–';
  return n >= 0 ? `+${n.toFixed(digits)}` : n.toFixed(digits);
}

export function percent(n: number | null): string {
  return n === null ? '–' : `${Math.round(n * 100)}%`;
}

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

export function yearSpan(country: CountryReport): string {
  if (country.points.length === 0) return '–';
  const first = country.points[0].unit.start;
  const last = country.points[country.points.length - 1].unit.end;
  return first === last ? String(first) : `${first}–${last}`;
}

/** The most recent point with a net score and enough evidence, or else the most recent with a net score. */
export function latestNet(country: CountryReport): { unit: string; net: number; insufficient: boolean } | null {
  const withNet = country.points.filter((p) => p.net !== null);
  const p = withNet.filter((q) => !q.insufficient).at(-1) ?? withNet.at(-1);
  return p ? { unit: p.unit.label, net: p.net!, insufficient: p.insufficient } : null;
}

export function phaseLabel(phase: PhaseSpan['phase'], possible: PhaseSpan['possible']): string {
  if (phase !== null) return String(phase);
  if (possible && possible.length > 0) return possible.join(' or ');
  return 'unknown';
}

export function durationText(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
