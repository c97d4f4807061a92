// The report's charts as Vega-Lite specifications (rendered to static SVG by
// vega.ts). Pure: report data in, specs out.
//
// - A country's trajectory: the net score with its 95% interval, the phase as a
//   labelled band row under it, and one small panel per move (share of relevant
//   utterances, with the interval where the scores have one). Lines join only
//   consecutive units that both have enough evidence; a unit with too little is
//   a hollow point, not joined. Every point and band links to its sentences in
//   the browse view (#browse?country=…&period=…&label=…).
// - The comparison of countries: net score per country and unit, one cell each.
// - World time: countries per phase and year, from an input file; under it the
//   world's median self-referential net score with its interval, and the run's
//   countries' own (the book countries' in a run of the world) as lines over it.
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import type { CountryReport, PhaseSpan, TrajectoryPoint, WorldLinePoint, WorldNetRow, WorldTimeRow } from './model.js';
import { MOVE_COLOURS, MOVE_NAMES, NET_COLOUR, PHASE_COLOURS, PHASE_KEYS, PHASE_NAMES, PHASE_TEXT, type PhaseKey } from './palette.js';

export type Spec = Record<string, unknown>;

/** Chart geometry in pixels; SVGs are shown at this size (never scaled down below it on a normal screen). */
export const CHART = {
  netWidth: 700,
  netHeight: 150,
  bandHeight: 26,
  moveWidth: 145,
  moveHeight: 100,
  /** Comparison cells: at most this wide, narrower when there are many units. */
  cellMaxWidth: 52,
  comparisonWidth: 860,
  /** Units beyond which the comparison drops the numbers in its cells. */
  comparisonTextUnits: 20,
  /** Minimum width of a band (in px) that carries its label. */
  bandLabelMinPx: 16,
  fontSize: 12,
} as const;

/** Shared Vega config: legible type (12 px and up), no chart border. */
export const CONFIG = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: CHART.fontSize, titleFontSize: CHART.fontSize, titleFontWeight: 'normal', labelColor: '#333', titleColor: '#333' },
  legend: { labelFontSize: CHART.fontSize, titleFontSize: CHART.fontSize, titleFontWeight: 'normal' },
  title: { fontSize: 13, anchor: 'start', fontWeight: 'bold', offset: 6 },
  text: { fontSize: CHART.fontSize },
  concat: { spacing: 14 },
};

/** A link into the browse view, filtered; keys in the order the page writes them (browse-script.ts FILTERS). */
export function browseHref(filters: { country?: string; period?: string; relevant?: 'yes'; label?: string; role?: 'self' }): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return `#browse?${parts.join('&')}`;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const signed = (v: number) => (v >= 0 ? `+${v.toFixed(2)}` : v.toFixed(2));
const years = (p: { unit: { start: number; end: number } }) => (p.unit.start === p.unit.end ? `${p.unit.start}` : `${p.unit.start}–${p.unit.end}`);

/** Segment ids: consecutive units (no gap) that both have enough evidence share one; others get none. */
export function segments(points: readonly TrajectoryPoint[], has: (p: TrajectoryPoint) => boolean): Array<number | null> {
  const out: Array<number | null> = [];
  let seg = 0;
  let prev: TrajectoryPoint | null = null;
  for (const p of points) {
    const ok = has(p) && !p.insufficient;
    if (!ok) {
      out.push(null);
      prev = null;
      continue;
    }
    if (prev === null || p.unit.start !== prev.unit.end + 1) seg++;
    out.push(seg);
    prev = p;
  }
  return out;
}

function xDomain(country: CountryReport): [number, number] {
  const starts = [...country.points.map((p) => p.unit.start), ...country.phases.map((s) => s.start)];
  const ends = [...country.points.map((p) => p.unit.end + 1), ...country.phases.map((s) => s.end + 1)];
  return [Math.min(...starts), Math.max(...ends)];
}

function xEncoding(domain: [number, number], axis: boolean): Spec {
  return {
    field: 'x',
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    axis: axis ? { format: 'd', title: null, tickMinStep: 1, labelOverlap: true, grid: false } : null,
  };
}

interface SeriesRow {
  x: number;
  value: number;
  low: number | null;
  high: number | null;
  seg: number | null;
  sufficient: boolean;
  href: string;
  desc: string;
}

/** Layers of one series: interval bars, lines between sufficient neighbours, points (hollow when insufficient). */
function seriesLayers(rows: SeriesRow[], colour: string, domain: [number, number], y: Spec): Spec[] {
  const x = xEncoding(domain, true);
  return [
    {
      data: { values: rows.filter((r) => r.low !== null && r.high !== null) },
      mark: { type: 'rule', color: colour, strokeWidth: 1.5, opacity: 0.7 },
      encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, description: { field: 'desc' } },
    },
    {
      data: { values: rows.filter((r) => r.seg !== null) },
      mark: { type: 'line', color: colour, strokeWidth: 2 },
      encoding: { x, y: { ...y, field: 'value' }, detail: { field: 'seg', type: 'nominal' } },
    },
    {
      data: { values: rows },
      mark: { type: 'point', shape: 'circle', size: 55, strokeWidth: 1.6, opacity: 1, cursor: 'pointer' },
      encoding: {
        x,
        y: { ...y, field: 'value' },
        stroke: { value: colour },
        fill: { condition: { test: 'datum.sufficient', value: colour }, value: '#ffffff' },
        href: { field: 'href' },
        description: { field: 'desc' },
      },
    },
  ];
}

function netRows(country: CountryReport): SeriesRow[] {
  const segs = segments(country.points, (p) => p.net !== null);
  return country.points.flatMap((p, i) => {
    if (p.net === null) return [];
    const ci = p.netInterval ? `95% interval ${signed(p.netInterval.low)} to ${signed(p.netInterval.high)}` : 'no interval (too few documents)';
    const evidence = p.insufficient ? '; insufficient evidence' : '';
    return [
      {
        x: (p.unit.start + p.unit.end + 1) / 2,
        value: p.net,
        low: p.netInterval?.low ?? null,
        high: p.netInterval?.high ?? null,
        seg: segs[i],
        sufficient: !p.insufficient,
        href: browseHref({ country: country.country, period: p.unit.label, relevant: 'yes', role: 'self' }),
        desc: `${country.name} ${years(p)}: net score ${signed(p.net)}, ${ci}; ${p.n_relevant} relevant utterances in ${p.n_documents} documents${evidence}. Click for the sentences.`,
      },
    ];
  });
}

function moveRows(country: CountryReport, label: MoveLabel): SeriesRow[] {
  const segs = segments(country.points, (p) => p.shares[label] !== null);
  return country.points.flatMap((p, i) => {
    const share = p.shares[label];
    if (share === null) return [];
    const ci = p.shareIntervals[label];
    const ciText = ci ? `, 95% interval ${pct(ci.low)}–${pct(ci.high)}` : '';
    return [
      {
        x: (p.unit.start + p.unit.end + 1) / 2,
        value: share,
        low: ci?.low ?? null,
        high: ci?.high ?? null,
        seg: segs[i],
        sufficient: !p.insufficient,
        href: browseHref({ country: country.country, period: p.unit.label, label, role: 'self' }),
        desc: `${country.name} ${years(p)}: ${MOVE_NAMES[label]} ${pct(share)} of ${p.n_relevant} relevant${ciText}${p.insufficient ? '; insufficient evidence' : ''}. Click for the sentences.`,
      },
    ];
  });
}

export function phaseKey(span: Pick<PhaseSpan, 'phase' | 'possible'>): PhaseKey {
  if (span.phase !== null) return String(span.phase) as PhaseKey;
  return span.possible && span.possible.length > 0 ? 'possible' : 'unknown';
}

function phaseText(span: PhaseSpan): string {
  if (span.phase !== null) return String(span.phase);
  if (span.possible && span.possible.length > 0) return span.possible.join('/');
  return '?';
}

/** Phase spans with consecutive equal phases merged into runs, each labelled once when wide enough. */
function bandRows(country: CountryReport, domain: [number, number]): Spec[] {
  const pxPerYear = CHART.netWidth / (domain[1] - domain[0]);
  const rows: Spec[] = [];
  const spans = [...country.phases].sort((a, b) => a.start - b.start);
  let i = 0;
  while (i < spans.length) {
    let j = i;
    while (j + 1 < spans.length && spans[j + 1].start === spans[j].end + 1 && phaseText(spans[j + 1]) === phaseText(spans[i])) j++;
    const runWidth = (spans[j].end + 1 - spans[i].start) * pxPerYear;
    for (let k = i; k <= j; k++) {
      const s = spans[k];
      const key = phaseKey(s);
      const unit = s.start === s.end ? `${s.start}` : `${s.start}–${s.end}`;
      rows.push({
        start: s.start,
        end: s.end + 1,
        key,
        text: k === i && runWidth >= CHART.bandLabelMinPx ? phaseText(s) : '',
        mid: (spans[i].start + spans[j].end + 1) / 2,
        textColour: PHASE_TEXT[key],
        href: browseHref({ country: country.country, period: s.start === s.end ? String(s.start) : `${s.start}-${s.end}`, relevant: 'yes', role: 'self' }),
        desc: `${country.name} ${unit}: phase ${phaseText(s)} (${PHASE_NAMES[key]}), rule ${s.rule}: ${s.reason}`,
      });
    }
    i = j + 1;
  }
  return rows;
}

function bandView(country: CountryReport, domain: [number, number]): Spec {
  const rows = bandRows(country, domain);
  const x = xEncoding(domain, false);
  return {
    width: CHART.netWidth,
    height: CHART.bandHeight,
    title: { text: 'estimated phase', fontSize: CHART.fontSize, fontWeight: 'normal', color: '#333' },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1, cursor: 'pointer' },
        encoding: {
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
          fill: { field: 'key', type: 'nominal', scale: { domain: [...PHASE_KEYS], range: PHASE_KEYS.map((k) => PHASE_COLOURS[k]) }, legend: null },
          href: { field: 'href' },
          description: { field: 'desc' },
        },
      },
      {
        transform: [{ filter: "datum.text !== ''" }],
        mark: { type: 'text', fontSize: CHART.fontSize, fontWeight: 'bold', baseline: 'middle' },
        encoding: { x: { ...x, field: 'mid' }, text: { field: 'text' }, color: { field: 'textColour', type: 'nominal', scale: null } },
      },
    ],
  };
}

/** One country's figure: net score, phase band row (with a status file), one panel per move. */
export function trajectorySpec(country: CountryReport, withPhases: boolean): Spec | null {
  if (country.points.length === 0 && country.phases.length === 0) return null;
  const domain = xDomain(country);
  const net: Spec = {
    width: CHART.netWidth,
    height: CHART.netHeight,
    title: { text: 'net score (acceptance − rejection), 95% interval', color: NET_COLOUR },
    layer: [
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#9e9e9e', strokeDash: [4, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      ...seriesLayers(netRows(country), NET_COLOUR, domain, {
        type: 'quantitative',
        scale: { domain: [-1, 1] },
        axis: { title: null, values: [-1, -0.5, 0, 0.5, 1], format: '+.1~f', grid: true, gridColor: '#eeeeee' },
      }),
    ],
  };
  const moves: Spec = {
    hconcat: MOVE_LABELS.map((label) => ({
      width: CHART.moveWidth,
      height: CHART.moveHeight,
      title: { text: MOVE_NAMES[label], color: MOVE_COLOURS[label], fontSize: CHART.fontSize + 1 },
      layer: seriesLayers(moveRows(country, label), MOVE_COLOURS[label], domain, {
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { title: null, values: [0, 0.5, 1], format: '.0%', grid: true, gridColor: '#eeeeee' },
      }),
    })),
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    vconcat: [net, ...(withPhases && country.phases.length > 0 ? [bandView(country, domain)] : []), moves],
  };
}

/** The comparison of countries: one cell per country and unit, coloured by net score; hollow-looking when insufficient. */
export function comparisonSpec(countries: readonly CountryReport[]): Spec | null {
  const rows = countries.flatMap((c) =>
    c.points
      .filter((p) => p.net !== null)
      .map((p) => ({
        name: `${c.name} (${c.country})`,
        unit: p.unit.label,
        start: p.unit.start,
        net: p.net,
        sufficient: !p.insufficient,
        text: p.insufficient ? '' : signed(p.net!).replace(/^([+-])0\./, '$1.'),
        textColour: Math.abs(p.net!) > 0.55 ? '#ffffff' : '#000000',
        href: browseHref({ country: c.country, period: p.unit.label, relevant: 'yes', role: 'self' }),
        desc: `${c.name} ${p.unit.label}: net score ${signed(p.net!)}, ${p.n_relevant} relevant utterances${p.insufficient ? ' (insufficient evidence)' : ''}. Click for the sentences.`,
      })),
  );
  if (rows.length === 0) return null;
  const units = [...new Map(rows.map((r) => [r.unit, r.start])).entries()].sort((a, b) => a[1] - b[1]).map(([u]) => u);
  const names = countries.map((c) => `${c.name} (${c.country})`);
  const step = Math.max(14, Math.min(CHART.cellMaxWidth, Math.floor(CHART.comparisonWidth / units.length)));
  const withText = units.length <= CHART.comparisonTextUnits;
  const x = { field: 'unit', type: 'ordinal', sort: units, axis: { title: null, labelAngle: units.length > 10 ? -45 : 0, labelOverlap: true } };
  const y = { field: 'name', type: 'ordinal', sort: names, axis: { title: null } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: { step },
    height: { step: 24 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1, cursor: 'pointer' },
        encoding: {
          x,
          y,
          fill: {
            field: 'net',
            type: 'quantitative',
            scale: { domain: [-1, 1], scheme: 'redblue' },
            legend: { title: 'net score', orient: 'right', gradientLength: 120 },
          },
          opacity: { condition: { test: 'datum.sufficient', value: 1 }, value: 0.3 },
          href: { field: 'href' },
          description: { field: 'desc' },
        },
      },
      ...(withText
        ? [
            {
              mark: { type: 'text', fontSize: CHART.fontSize, baseline: 'middle' },
              encoding: { x, y, text: { field: 'text' }, color: { field: 'textColour', type: 'nominal', scale: null } },
            },
          ]
        : []),
    ],
  };
}

/** World time: a stacked bar per year, countries per phase; with the median net score and country lines under it when given. */
export function worldSpec(rows: readonly WorldTimeRow[], net: readonly WorldNetRow[] = [], lines: readonly WorldLinePoint[] = []): Spec | null {
  if (rows.length === 0) return null;
  const yearsSeen = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const step = Math.max(4, Math.min(16, Math.floor(CHART.comparisonWidth / yearsSeen.length)));
  const keys = PHASE_KEYS.filter((k) => k !== 'possible');
  const bars = {
    width: { step },
    height: 180,
    data: { values: rows.map((r) => ({ ...r, desc: `${r.year}: ${r.n_countries} countries in phase ${r.phase}` })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', axis: { title: null, labelOverlap: true, labelAngle: -45 } },
      y: { field: 'n_countries', type: 'quantitative', aggregate: 'sum', axis: { title: 'countries', tickMinStep: 1 } },
      color: {
        field: 'phase',
        type: 'nominal',
        scale: { domain: keys, range: keys.map((k) => PHASE_COLOURS[k]) },
        legend: { title: 'phase', orient: 'right' },
      },
      order: { field: 'phase', sort: 'ascending' },
      description: { field: 'desc' },
    },
  };
  const header = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG };
  if (net.length === 0 && lines.length === 0) return { ...header, ...bars };
  return {
    ...header,
    vconcat: [bars, worldNetLayer(yearsSeen, step, net, lines)],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  };
}

/** The median self-referential net score of the world (line and band) and the countries' own, year by year. */
function worldNetLayer(years: readonly number[], step: number, net: readonly WorldNetRow[], lines: readonly WorldLinePoint[]): Spec {
  const x = { field: 'year', type: 'quantitative', scale: { domain: [years[0], years[years.length - 1]] }, axis: { title: null, format: 'd', tickMinStep: 1 } };
  const y = { field: 'net', type: 'quantitative', scale: { domain: [-1, 1] }, axis: { title: 'self-referential net score', format: '.0%' } };
  const median = net.map((r) => ({
    year: r.year,
    net: r.median_net,
    low: r.low ?? r.median_net,
    high: r.high ?? r.median_net,
    desc: `${r.year}: world median ${signed(r.median_net)}`,
  }));
  const layers: Spec[] = [];
  if (median.length > 0) {
    layers.push({
      data: { values: median },
      mark: { type: 'area', color: NET_COLOUR, opacity: 0.15 },
      encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
    });
    layers.push({ data: { values: median }, mark: { type: 'line', color: NET_COLOUR, strokeWidth: 3 }, encoding: { x, y, description: { field: 'desc' } } });
  }
  if (lines.length > 0) {
    // A line joins consecutive years only: a country's gap (no speech, too little evidence) breaks it.
    const sorted = [...lines].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : a.year - b.year));
    let segment = 0;
    const values = sorted.map((p, i) => {
      const prev = sorted[i - 1];
      if (!prev || prev.country !== p.country || p.year - prev.year > 1) segment++;
      return { ...p, segment, desc: `${p.country} ${p.year}: ${signed(p.net)}` };
    });
    layers.push({
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5, point: { size: 12 } },
      encoding: {
        x,
        y,
        color: { field: 'country', type: 'nominal', legend: { title: 'country', orient: 'right' } },
        detail: { field: 'segment', type: 'nominal' },
        description: { field: 'desc' },
      },
    });
  }
  return {
    width: Math.max(step * years.length, 300),
    height: 180,
    title: { text: 'self-referential net score: the world median (thick, with its 95% interval) and each country', color: NET_COLOUR },
    layer: layers,
  };
}
