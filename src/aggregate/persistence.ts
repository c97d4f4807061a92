// Persistence (codebook §4): does an accepting stance hold over consecutive time
// units? Units are consecutive integers (years, or period numbers).
import type { Persistence } from './types.js';

export interface UnitStance {
  unit: number; // year, or period start / period length
  accepting: boolean | null; // null: not enough evidence this unit
}

export interface PersistenceRule {
  minUnits: number;
  maxGapUnits: number;
}

/**
 * Walk the units of one country in time order. An accepting unit extends the
 * streak, a non-accepting one ends it, a unit without evidence (or absent) neither
 * — unless more than `maxGapUnits` of them pass in a row.
 */
export function persistenceOf(stances: readonly UnitStance[], rule: PersistenceRule): Map<number, Persistence> {
  const byUnit = new Map(stances.map((s) => [s.unit, s.accepting]));
  const result = new Map<number, Persistence>();
  if (stances.length === 0) return result;
  const units = stances.map((s) => s.unit);
  const first = Math.min(...units);
  const last = Math.max(...units);
  let streak = 0;
  let gap = 0;
  for (let u = first; u <= last; u++) {
    const accepting = byUnit.has(u) ? (byUnit.get(u) ?? null) : null;
    if (accepting === null) {
      gap++;
      if (gap > rule.maxGapUnits) streak = 0;
    } else {
      gap = 0;
      streak = accepting ? streak + 1 : 0;
    }
    if (byUnit.has(u)) {
      result.set(u, {
        accepting,
        streak: accepting ? streak : 0,
        persistent: accepting === true && streak >= rule.minUnits,
        min_units: rule.minUnits,
      });
    }
  }
  return result;
}
