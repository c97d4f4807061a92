// Per-country trajectories from the scores cells (country-year or
// country-period, all audiences) and the phases of a status file. Pure: data
// in, data out.
import type { IndexName, Interval, ScoreCell } from '../aggregate/types.js';
import type { StatusRow } from '../indicators/types.js';
import { countryName } from '../countries.js';
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import type { Target } from '../kwic/lines.js';
import type { CountryIndicators, CountryReport, PhaseSpan, TimeSpan, TrajectoryPoint } from './model.js';
import { compareText } from '../run/lines.js';

/** The index whose value is a move's share, for its interval (docs/indicators.md); acknowledgment alone has none. */
const SHARE_INDEX: Record<MoveLabel, IndexName | null> = {
  denial: 'rejection',
  rhetorical_action: 'deflection',
  argumentative_concession: 'dialogue',
  norm_acknowledgment: null,
};

function unitOfCell(cell: ScoreCell): TimeSpan | null {
  if (cell.year !== null) return { start: cell.year, end: cell.year, label: String(cell.year) };
  if (cell.period) return { start: cell.period.start, end: cell.period.end, label: cell.period.label };
  return null;
}

function toPoint(cell: ScoreCell): TrajectoryPoint | null {
  const unit = unitOfCell(cell);
  if (unit === null || cell.audience !== 'all') return null;
  const shares = { ...cell.shares };
  for (const l of MOVE_LABELS) if (shares[l] === undefined) shares[l] = null;
  const shareIntervals = Object.fromEntries(
    MOVE_LABELS.map((l) => {
      const index = SHARE_INDEX[l];
      return [l, index ? (cell.indices[index]?.ci95 ?? null) : null];
    }),
  ) as Record<MoveLabel, Interval | null>;
  return {
    unit,
    n_documents: cell.n_documents,
    n_relevant: cell.n_relevant,
    shares,
    shareIntervals,
    net: cell.indices.net?.value ?? null,
    netInterval: cell.indices.net?.ci95 ?? null,
    insufficient: cell.insufficient_evidence,
  };
}

function rowSpan(row: StatusRow): { start: number; end: number } | null {
  if (row.year !== null) return { start: row.year, end: row.year };
  if (row.period) return { start: row.period.start, end: row.period.end };
  return null;
}

function toPhaseSpan(row: StatusRow): PhaseSpan | null {
  const span = rowSpan(row);
  if (!span) return null;
  return { ...span, phase: row.phase.phase, possible: row.phase.possible ?? null, rule: row.phase.rule, reason: row.phase.reason };
}

function toIndicators(row: StatusRow): CountryIndicators {
  return {
    key: row.key,
    as_of: row.as_of,
    phase: row.phase.phase,
    possible: row.phase.possible ?? null,
    phaseReason: row.phase.reason,
    indicators: row.indicators,
    insufficient: row.insufficient_evidence,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** One report per country found in the cells or the status rows, sorted by code. */
export function buildCountries(
  cells: readonly ScoreCell[],
  rows: readonly StatusRow[],
  targets: ReadonlyMap<string, Record<Target, number>> = new Map(),
): CountryReport[] {
  const cellsBy = groupBy(cells, (c) => c.country);
  const rowsBy = groupBy(rows, (r) => r.country);
  const codes = [...new Set([...cellsBy.keys(), ...rowsBy.keys()])].sort(compareText);
  return codes.map((country) => {
    const own = cellsBy.get(country) ?? [];
    const points = own
      .map(toPoint)
      .filter((p): p is TrajectoryPoint => p !== null)
      .sort((a, b) => a.unit.start - b.unit.start);
    const statusRows = rowsBy.get(country) ?? [];
    const phases = statusRows
      .map(toPhaseSpan)
      .filter((p): p is PhaseSpan => p !== null)
      .sort((a, b) => a.start - b.start);
    const latestRow = [...statusRows].sort((a, b) => compareText(a.as_of, b.as_of)).at(-1);
    const allCells = own.filter((c) => c.audience === 'all');
    return {
      country,
      name: countryName(country),
      points,
      phases,
      latest: latestRow ? toIndicators(latestRow) : null,
      utterances: allCells.reduce((sum, c) => sum + c.n_utterances, 0),
      relevant: allCells.reduce((sum, c) => sum + c.n_relevant, 0),
      targets: targets.get(country) ?? null,
    };
  });
}
