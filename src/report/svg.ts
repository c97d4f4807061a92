// A country's trajectory as one inline SVG: the shares of the four moves
// among relevant utterances (top panel), the net score with its bootstrap
// interval (bottom panel), and the estimated phase as a background band.
// Pure string building; every text goes through escapeHtml.
import type { Phase } from '../indicators/types.js';
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import { escapeHtml } from './escape.js';
import type { CountryReport, PhaseSpan, TrajectoryPoint } from './model.js';

/** Chart geometry in SVG user units (the SVG scales to the page width). */
export const CHART = {
  width: 640,
  left: 44,
  right: 12,
  top: 18,
  sharesHeight: 140,
  gap: 22,
  netHeight: 80,
  bottom: 26,
  /** At most this many year labels on the x axis. */
  xLabelTarget: 8,
} as const;

/** Year steps the x axis may label at, smallest first. */
const YEAR_STEPS = [1, 2, 5, 10, 20, 50] as const;

/** Lines join consecutive years only: a gap in the data (a State absent from the Assembly) stays a gap. */
export const MAX_JOINED_GAP_YEARS = 1;

export const MOVE_COLOURS: Record<MoveLabel, string> = {
  denial: '#b3261e',
  rhetorical_action: '#e8710a',
  argumentative_concession: '#1a73e8',
  norm_acknowledgment: '#188038',
};
export const NET_COLOUR = '#333333';

export const PHASE_COLOURS: Record<Phase | 'unknown', string> = {
  1: '#f6d5d3',
  2: '#fbe3cc',
  3: '#fdf3c4',
  4: '#dcefd8',
  5: '#d3e3f8',
  unknown: '#ececec',
};

export const MOVE_NAMES: Record<MoveLabel, string> = {
  denial: 'denial',
  rhetorical_action: 'rhetorical action',
  argumentative_concession: 'argumentative concession',
  norm_acknowledgment: 'norm acknowledgment',
};

interface Frame {
  x: (year: number) => number;
  shareY: (share: number) => number;
  netY: (net: number) => number;
  plotLeft: number;
  plotRight: number;
  sharesTop: number;
  sharesBottom: number;
  netTop: number;
  netBottom: number;
  height: number;
  minYear: number;
  maxYear: number;
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const signed = (n: number): string => (n >= 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

function yearRange(points: readonly TrajectoryPoint[], phases: readonly PhaseSpan[]): [number, number] {
  const years = [...points.map((p) => p.year), ...phases.flatMap((s) => [s.start, s.end])];
  let min = Math.min(...years);
  let max = Math.max(...years);
  if (min === max) [min, max] = [min - 1, max + 1];
  return [min, max];
}

function frameFor(points: readonly TrajectoryPoint[], phases: readonly PhaseSpan[]): Frame {
  const [minYear, maxYear] = yearRange(points, phases);
  const plotLeft = CHART.left;
  const plotRight = CHART.width - CHART.right;
  const sharesTop = CHART.top;
  const sharesBottom = sharesTop + CHART.sharesHeight;
  const netTop = sharesBottom + CHART.gap;
  const netBottom = netTop + CHART.netHeight;
  // Half a year of room on both sides so a one-year phase band has a width.
  const x = (year: number) => plotLeft + ((year - minYear + 0.5) / (maxYear - minYear + 1)) * (plotRight - plotLeft);
  return {
    x,
    shareY: (s) => sharesBottom - s * CHART.sharesHeight,
    netY: (n) => netTop + ((1 - n) / 2) * CHART.netHeight,
    plotLeft,
    plotRight,
    sharesTop,
    sharesBottom,
    netTop,
    netBottom,
    height: netBottom + CHART.bottom,
    minYear,
    maxYear,
  };
}

function phaseText(span: PhaseSpan): string {
  const years = span.start === span.end ? `${span.start}` : `${span.start}–${span.end}`;
  const phase = span.phase !== null ? `phase ${span.phase}` : span.possible ? `phase ${span.possible.join(' or ')}` : 'phase unknown';
  return `${years}: ${phase} (${span.rule}) — ${span.reason}`;
}

function phaseBands(f: Frame, phases: readonly PhaseSpan[]): string {
  const halfYear = (f.x(f.minYear + 1) - f.x(f.minYear)) / 2;
  return phases
    .map((span) => {
      const x0 = f.x(span.start) - halfYear;
      const x1 = f.x(span.end) + halfYear;
      const colour = PHASE_COLOURS[span.phase ?? 'unknown'];
      return `<rect class="phase" x="${fmt(x0)}" y="${f.sharesTop}" width="${fmt(x1 - x0)}" height="${f.netBottom - f.sharesTop}" fill="${colour}"><title>${escapeHtml(phaseText(span))}</title></rect>`;
    })
    .join('');
}

function xTicks(f: Frame): string {
  const span = f.maxYear - f.minYear;
  const step = YEAR_STEPS.find((s) => span / s <= CHART.xLabelTarget) ?? YEAR_STEPS[YEAR_STEPS.length - 1];
  const first = Math.ceil(f.minYear / step) * step;
  const out: string[] = [];
  for (let year = first; year <= f.maxYear; year += step) {
    const x = fmt(f.x(year));
    out.push(`<line class="grid" x1="${x}" x2="${x}" y1="${f.sharesTop}" y2="${f.netBottom}"/>`);
    out.push(`<text class="tick" x="${x}" y="${f.netBottom + 16}" text-anchor="middle">${year}</text>`);
  }
  return out.join('');
}

function yAxes(f: Frame): string {
  const out: string[] = [];
  for (const s of [0, 0.5, 1]) {
    const y = fmt(f.shareY(s));
    out.push(`<line class="grid" x1="${f.plotLeft}" x2="${f.plotRight}" y1="${y}" y2="${y}"/>`);
    out.push(`<text class="tick" x="${f.plotLeft - 4}" y="${y}" dy="4" text-anchor="end">${pct(s)}</text>`);
  }
  for (const n of [-1, 0, 1]) {
    const y = fmt(f.netY(n));
    out.push(`<line class="${n === 0 ? 'zero' : 'grid'}" x1="${f.plotLeft}" x2="${f.plotRight}" y1="${y}" y2="${y}"/>`);
    out.push(`<text class="tick" x="${f.plotLeft - 4}" y="${y}" dy="4" text-anchor="end">${n > 0 ? '+1' : n}</text>`);
  }
  // Panel titles sit above their panels, clear of the data.
  out.push(`<text class="axis" x="${f.plotLeft}" y="${f.sharesTop - 6}">share of relevant utterances</text>`);
  out.push(`<text class="axis" x="${f.plotLeft}" y="${f.netTop - 6}">net score (acceptance − rejection)</text>`);
  return out.join('');
}

/** Polyline segments through consecutive points with a value; a missing value or a gap in the years breaks the line. */
function lineSegments(points: ReadonlyArray<{ year: number; x: number; y: number } | null>): string[][] {
  const runs: string[][] = [];
  let current: string[] = [];
  let lastYear: number | null = null;
  for (const p of points) {
    const breaks = p === null || (lastYear !== null && p.year - lastYear > MAX_JOINED_GAP_YEARS);
    if (breaks && current.length > 0) {
      runs.push(current);
      current = [];
    }
    if (p !== null) {
      current.push(`${fmt(p.x)},${fmt(p.y)}`);
      lastYear = p.year;
    } else lastYear = null;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function polylines(runs: string[][], colour: string, cls: string): string {
  return runs.map((run) => (run.length === 1 ? '' : `<polyline class="${cls}" fill="none" stroke="${colour}" points="${run.join(' ')}"/>`)).join('');
}

function shareSeries(f: Frame, points: readonly TrajectoryPoint[], label: MoveLabel): string {
  const colour = MOVE_COLOURS[label];
  const coords = points.map((p) => (p.shares[label] === null ? null : { year: p.year, x: f.x(p.year), y: f.shareY(p.shares[label]!) }));
  const dots = points
    .filter((p) => p.shares[label] !== null)
    .map((p) => {
      const title = `${p.year} ${MOVE_NAMES[label]}: ${pct(p.shares[label]!)} of ${p.n_relevant} relevant${p.insufficient ? ' (insufficient evidence)' : ''}`;
      const fill = p.insufficient ? '#ffffff' : colour;
      return `<circle cx="${fmt(f.x(p.year))}" cy="${fmt(f.shareY(p.shares[label]!))}" r="2.5" fill="${fill}" stroke="${colour}"><title>${escapeHtml(title)}</title></circle>`;
    });
  return `<g class="series" data-series="${label}">${polylines(lineSegments(coords), colour, 'line')}${dots.join('')}</g>`;
}

function netSeries(f: Frame, points: readonly TrajectoryPoint[]): string {
  const coords = points.map((p) => (p.net === null ? null : { year: p.year, x: f.x(p.year), y: f.netY(p.net) }));
  const parts: string[] = [polylines(lineSegments(coords), NET_COLOUR, 'line')];
  for (const p of points) {
    if (p.net === null) continue;
    const x = fmt(f.x(p.year));
    if (p.netInterval) {
      parts.push(
        `<line class="interval" x1="${x}" x2="${x}" y1="${fmt(f.netY(p.netInterval.high))}" y2="${fmt(f.netY(p.netInterval.low))}" stroke="${NET_COLOUR}"/>`,
      );
    }
    const interval = p.netInterval
      ? `, 95% interval ${signed(p.netInterval.low)} to ${signed(p.netInterval.high)}`
      : ', no interval (fewer than two documents)';
    const title = `${p.year} net score ${signed(p.net)}${interval}${p.insufficient ? ' (insufficient evidence)' : ''}`;
    parts.push(
      `<circle cx="${x}" cy="${fmt(f.netY(p.net))}" r="2.5" fill="${p.insufficient ? '#ffffff' : NET_COLOUR}" stroke="${NET_COLOUR}"><title>${escapeHtml(title)}</title></circle>`,
    );
  }
  return `<g class="series" data-series="net">${parts.join('')}</g>`;
}

/** The trajectory chart of one country, or a short note when it has no dated cells. */
export function trajectorySvg(country: CountryReport): string {
  if (country.points.length === 0 && country.phases.length === 0) return `<p class="muted">No dated utterances for ${escapeHtml(country.country)}.</p>`;
  const f = frameFor(country.points, country.phases);
  const label = `Trajectory of ${country.name} (${country.country}), ${f.minYear}–${f.maxYear}`;
  return [
    `<svg class="chart" role="img" viewBox="0 0 ${CHART.width} ${f.height}" xmlns="http://www.w3.org/2000/svg" data-country="${escapeHtml(country.country)}">`,
    `<title>${escapeHtml(label)}</title>`,
    phaseBands(f, country.phases),
    xTicks(f),
    yAxes(f),
    ...MOVE_LABELS.map((l) => shareSeries(f, country.points, l)),
    netSeries(f, country.points),
    '</svg>',
  ].join('');
}

/** CSS classes of the legend swatches (inline style attributes would need a looser CSP). */
export function legendCss(): string {
  const moves = MOVE_LABELS.map((l) => `.sw-${l}{background:${MOVE_COLOURS[l]}}`);
  const phases = (Object.keys(PHASE_COLOURS) as Array<keyof typeof PHASE_COLOURS>).map((p) => `.sw-phase-${p}{background:${PHASE_COLOURS[p]}}`);
  return [...moves, `.sw-net{background:${NET_COLOUR}}`, ...phases].join('\n');
}

function key(swatchClass: string, text: string): string {
  return `<span class="key"><span class="swatch ${swatchClass}"></span>${escapeHtml(text)}</span>`;
}

/** The legend shared by every chart (HTML, so it wraps on narrow pages). */
export function chartLegendHtml(withPhases: boolean): string {
  const moves = MOVE_LABELS.map((l) => key(`sw-${l}`, MOVE_NAMES[l]));
  const net = key('sw-net', 'net score (bar: 95% bootstrap interval)');
  const hollow = key('hollow', 'insufficient evidence');
  const phases = withPhases ? [...([1, 2, 3, 4, 5] as const).map((p) => key(`sw-phase-${p}`, `phase ${p}`)), key('sw-phase-unknown', 'phase unknown')] : [];
  return `<div class="legend">${[...moves, net, hollow, ...phases].join('')}</div>`;
}
