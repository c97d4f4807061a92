// The self-contained HTML report: inline CSS, charts as inline static SVG
// (Vega-Lite rendered server-side by vega.ts), every utterance as embedded
// data (browse-data.ts) and one inline script to browse, search and export it
// (browse-script.ts). No external resource of any kind, so it opens from disk
// with no network; a Content-Security-Policy that allows only the report's own
// style and script (by hash) backs up the escaping.
import { createHash } from 'node:crypto';
import { LABELS, MOVE_LABELS } from '../types.js';
import { TARGETS } from '../kwic/lines.js';
import { encodeBrowseData } from './browse-data.js';
import { BROWSE_SCRIPT } from './browse-script.js';
import { browseHref, comparisonSpec, trajectorySpec, worldSpec } from './charts.js';
import { escapeHtml } from './escape.js';
import { INDICATOR_NAMES, INDICATOR_TITLES, durationText, latestNet, phaseLabel, signedNumber, thousands, yearSpan } from './format.js';
import type { CountryReport, ReportData } from './model.js';
import { RUN_HASH_META } from '../run/derived.js';
import { CATEGORY_COLOURS, MOVE_COLOURS, MOVE_NAMES, NET_COLOUR, PHASE_COLOURS, PHASE_KEYS, PHASE_NAMES } from './palette.js';
import { renderSvg } from './vega.js';

const BASE_CSS = `
:root{--fg:#1f1f1f;--muted:#5f6368;--line:#dadce0;--weak:#e5e7eb}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1180px;padding:16px 24px 60px}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:17px;margin:22px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}th{background:#f8f9fa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dl.summary dt{color:var(--muted)}dl.summary dd{margin:0}
.muted{color:var(--muted)}code{font-size:13px;background:#f1f3f4;padding:0 3px;border-radius:3px;word-break:break-all}
.warnings li{color:#8a4b00}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:6px 0 12px;font-size:13px}.key{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:16px;height:12px;border:1px solid #999}.swatch.hollow{background:#fff;border-radius:50%;width:12px;border:2px solid #333}.swatch.bar{width:3px;height:16px;background:#333;border:0}
figure.chart{margin:8px 0 24px;overflow-x:auto}figure.chart svg{display:block;max-width:none;height:auto}
figure.chart figcaption{font-size:14px;color:var(--muted);margin:2px 0 6px}
.slot{border:1px dashed var(--line);padding:10px 14px;background:#fafafa}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:10px 0;padding:10px;background:#f8f9fa;border:1px solid var(--line);position:sticky;top:0;z-index:1}
.filters label{font-size:14px}.filters select,.filters input,.filters button{font:inherit;font-size:14px}
.filters input[type=search]{width:220px}
.utt{border-left:4px solid var(--line);padding:6px 10px;margin:8px 0;background:#fff}
.utt[data-label=denial]{border-left-color:#b3261e}.utt[data-label=rhetorical_action]{border-left-color:#e8710a}.utt[data-label=argumentative_concession]{border-left-color:#1a73e8}.utt[data-label=norm_acknowledgment]{border-left-color:#188038}
.utt .meta{font-size:13px;color:var(--muted)}.utt .text{margin:4px 0;font-size:16px}
.utt .label{font-weight:600;color:var(--fg)}.flag{display:inline-block;font-size:12px;border:1px solid #c6c6c6;border-radius:8px;padding:0 6px;margin-right:4px}
mark{padding:0 1px;border-radius:2px;background:#fde68a}mark.weak{background:var(--weak)!important;text-decoration:line-through}
#b-kwic td.pre{text-align:right;color:#333}#b-kwic td.kw{font-weight:700;white-space:nowrap}#b-kwic{font-size:14px;width:100%}
#b-status{font-size:14px;color:var(--muted)}
`;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Only the report's own style and script may run: an injected tag would be refused even if escaping failed. */
function contentSecurityPolicy(css: string, script: string): string {
  return `default-src 'none'; style-src 'sha256-${sha256Base64(css)}'; script-src 'sha256-${sha256Base64(script)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** A table cell: HTML, or a number shown right-aligned. */
type Cell = string | { num: string | number };

function num(value: string | number): Cell {
  return { num: value };
}

function row(cells: Cell[], header = false): string {
  const tag = header ? 'th' : 'td';
  const html = cells.map((c) => {
    if (typeof c === 'string') return `<${tag}>${c}</${tag}>`;
    return `<td class="num">${escapeHtml(typeof c.num === 'number' ? thousands(c.num) : c.num)}</td>`;
  });
  return `<tr>${html.join('')}</tr>`;
}

function runSummaryHtml(data: ReportData): string {
  const { run, documents, utterances } = data;
  const lexicon = run.lexicon
    ? `${escapeHtml(run.lexicon.name)} ${escapeHtml(run.lexicon.version)} <code>${escapeHtml(run.lexicon.hash)}</code>`
    : '<span class="muted">unknown (no run.json)</span>';
  const inputs = run.inputs.length > 0 ? run.inputs.map((i) => `<code>${escapeHtml(i)}</code>`).join(' ') : '<span class="muted">–</span>';
  const items: Array<[string, string]> = [
    ['run folder', `<code>${escapeHtml(run.dir)}</code>`],
    ['inputs', inputs],
    ['lexicon', lexicon],
    ['files discovered', escapeHtml(thousands(run.counts.files_discovered ?? documents.ok + documents.skipped + documents.failed))],
    ['documents', `${thousands(documents.ok)} ok, ${thousands(documents.skipped)} skipped, ${thousands(documents.failed)} failed`],
    ['utterances', `${thousands(utterances.total)} (${thousands(utterances.relevant)} relevant)`],
    ['labels', LABELS.map((l) => `${escapeHtml(l)} ${thousands(utterances.byLabel[l])}`).join(' · ')],
    ['flagged', `${thousands(data.flagged.total)} (review flags: browse them below)`],
    ['scores', escapeHtml(data.scoresSource)],
    [
      'status',
      data.statusSource ? `<code>${escapeHtml(data.statusSource)}</code>` : '<span class="muted">none (run spiral status for phases and indicators)</span>',
    ],
    ['classify time', escapeHtml(durationText(run.elapsedMs))],
  ];
  const dl = `<dl class="summary">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
  const warnings = [...run.warnings, ...data.warnings];
  const warn = warnings.length > 0 ? `<h3>Warnings</h3><ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  return `<section id="summary"><h2>Run</h2>${dl}${warn}</section>`;
}

function problemsHtml(data: ReportData): string {
  const { documents } = data;
  if (documents.problems.length === 0) return `<section id="problems"><h2>Skipped and failed files</h2><p class="muted">None.</p></section>`;
  const rows = documents.problems.map((p) => row([`<code>${escapeHtml(p.path)}</code>`, escapeHtml(p.status), escapeHtml(p.reason)]));
  const more = documents.problemsLeftOut > 0 ? `<p class="muted">${thousands(documents.problemsLeftOut)} more not listed (see documents.jsonl).</p>` : '';
  return `<section id="problems"><h2>Skipped and failed files</h2><table><thead>${row(['file', 'status', 'reason'], true)}</thead><tbody>${rows.join('')}</tbody></table>${more}</section>`;
}

function indicatorCell(country: CountryReport, name: (typeof INDICATOR_NAMES)[number]): string {
  const result = country.latest?.indicators[name];
  if (!result) return '<span class="muted">–</span>';
  return `<span class="ind ind-${escapeHtml(result.value)}" title="${escapeHtml(result.reason)}">${escapeHtml(result.value)}</span>`;
}

function unitName(period: number): string {
  return period === 1 ? 'year' : `${period}-year period`;
}

function targetsCell(c: CountryReport): string {
  if (!c.targets) return '<span class="muted">–</span>';
  const total = TARGETS.reduce((n, t) => n + c.targets![t], 0);
  if (total === 0) return '<span class="muted">–</span>';
  return TARGETS.filter((t) => t !== 'na')
    .map((t) => `${escapeHtml(t)} ${Math.round((100 * c.targets![t]) / total)}%`)
    .join(' · ');
}

function countriesHtml(data: ReportData): string {
  if (data.countries.length === 0) return `<section id="countries"><h2>Countries</h2><p class="muted">No utterance names a country.</p></section>`;
  const withStatus = data.statusSource !== null;
  const withTargets = data.countries.some((c) => c.targets !== null);
  const head = [
    'country',
    'years',
    'utterances',
    'relevant',
    `latest net (${escapeHtml(unitName(data.period))})`,
    ...(withTargets ? ['relevant by target'] : []),
    ...(withStatus ? ['as of', 'phase', ...INDICATOR_NAMES.map((n) => INDICATOR_TITLES[n])] : []),
    'sentences',
  ];
  const rows = data.countries.map((c) => {
    const net = latestNet(c);
    const link = `<a href="#country-${escapeHtml(c.country)}">${escapeHtml(c.name)}</a> <code>${escapeHtml(c.country)}</code>`;
    const netText = net ? `${signedNumber(net.net)} (${net.unit}${net.insufficient ? ', insufficient' : ''})` : '–';
    const base: Cell[] = [link, num(yearSpan(c)), num(c.utterances), num(c.relevant), num(netText), ...(withTargets ? [targetsCell(c)] : [])];
    const browse = `<a href="${escapeHtml(browseHref({ country: c.country }))}">browse</a>`;
    if (!withStatus) return row([...base, browse]);
    const latest = c.latest;
    const phase = latest
      ? `<span title="${escapeHtml(latest.phaseReason)}">${escapeHtml(phaseLabel(latest.phase, latest.possible))}</span>`
      : '<span class="muted">–</span>';
    return row([...base, escapeHtml(latest?.as_of ?? '–'), phase, ...INDICATOR_NAMES.map((n) => indicatorCell(c, n)), browse]);
  });
  const notes = [
    withStatus ? 'Indicators as of the latest unit of each country; hover a value for the rule that decided it.' : '',
    withTargets ? 'Targets: whose conduct the relevant utterances are about (the State itself, others, the norms in general).' : '',
  ].filter(Boolean);
  const note = notes.length > 0 ? `<p class="muted">${notes.join(' ')}</p>` : '';
  const notCharted =
    data.notCharted.noCountry + data.notCharted.noYear > 0
      ? `<p class="muted">Not charted: ${thousands(data.notCharted.noCountry)} utterances without a country, ${thousands(data.notCharted.noYear)} without a year.</p>`
      : '';
  return `<section id="countries"><h2>Countries</h2>${note}<table><thead>${row(head, true)}</thead><tbody>${rows.join('')}</tbody></table>${notCharted}</section>`;
}

function key(swatchClass: string, text: string): string {
  return `<span class="key"><span class="swatch ${swatchClass}"></span>${escapeHtml(text)}</span>`;
}

/** The legend shared by every chart (HTML, so it wraps on narrow pages). */
function chartLegendHtml(withPhases: boolean): string {
  const moves = MOVE_LABELS.map((l) => key(`sw-${l}`, MOVE_NAMES[l]));
  const marks = [
    key('sw-net', 'net score'),
    key('bar', '95% bootstrap interval (where there are enough documents)'),
    key('hollow', 'too little evidence: not joined by a line'),
  ];
  const phases = withPhases
    ? PHASE_KEYS.map((k) => key(`sw-phase-${k}`, k === 'possible' || k === 'unknown' ? `phase ${PHASE_NAMES[k]}` : `${k} ${PHASE_NAMES[k]}`))
    : [];
  return `<div class="legend">${[...moves, ...marks].join('')}</div>${phases.length > 0 ? `<div class="legend">${phases.join('')}</div>` : ''}`;
}

/** CSS classes of the swatches, evidence marks and labels (inline style attributes would need a looser CSP). */
function paletteCss(): string {
  const moves = MOVE_LABELS.map((l) => `.sw-${l}{background:${MOVE_COLOURS[l]}}`);
  const phases = PHASE_KEYS.map((k) => `.sw-phase-${k}{background:${PHASE_COLOURS[k]}}`);
  const evidence = Object.entries(CATEGORY_COLOURS).map(([c, colour]) => `mark.ev-${c}{background:${colour}26;border-bottom:2px solid ${colour}}`);
  const labels = MOVE_LABELS.map((l) => `.lab-${l}{color:${MOVE_COLOURS[l]}}`);
  return [...moves, `.sw-net{background:${NET_COLOUR}}`, ...phases, ...evidence, ...labels].join('\n');
}

function figure(svg: string, attrs: string, caption = ''): string {
  return `<figure class="chart" ${attrs}>${caption ? `<figcaption>${caption}</figcaption>` : ''}${svg}</figure>`;
}

async function comparisonHtml(data: ReportData): Promise<string> {
  const spec = comparisonSpec(data.countries);
  const body = spec
    ? figure(
        await renderSvg(spec, 'chart-comparison'),
        'data-chart="comparison"',
        `Net score per country and ${escapeHtml(unitName(data.period))}: blue accepts the norms, red rejects them; pale cells have too little evidence. Click a cell for its relevant sentences.`,
      )
    : '<p class="muted">No dated scores to compare.</p>';
  return `<section id="comparison"><h2>Countries compared</h2>${body}</section>`;
}

async function worldHtml(data: ReportData): Promise<string> {
  const spec = data.world ? worldSpec(data.world.rows, data.world.net, data.world.lines) : null;
  const under =
    data.world && (data.world.net.length > 0 || data.world.lines.length > 0)
      ? " Under it, the self-referential net score (moves about a government's own conduct): the world's median with its interval, and the run's countries' own from <code>status/country-year.json</code>."
      : '';
  const body =
    spec && data.world
      ? figure(
          await renderSvg(spec, 'chart-world'),
          'data-chart="world"',
          `Countries per phase (the phase the discourse supports) and year, from <code>${escapeHtml(data.world.source)}</code>.${under}`,
        )
      : '<p class="slot muted">World time (countries per phase by year): no input. Pass <code>spiral report RUN --world FILE</code>, or put <code>world-time.csv</code> in the run folder, with columns <code>year,phase,n_countries</code> (phase 1–5 or unknown).</p>';
  return `<section id="world"><h2>World time</h2>${body}</section>`;
}

async function chartsHtml(data: ReportData): Promise<string> {
  const withPhases = data.statusSource !== null;
  const charts: string[] = [];
  for (const c of data.countries) {
    const spec = trajectorySpec(c, withPhases);
    const title = `<h3 id="country-${escapeHtml(c.country)}">${escapeHtml(c.name)} <code>${escapeHtml(c.country)}</code> <a class="muted" href="${escapeHtml(browseHref({ country: c.country }))}">sentences</a></h3>`;
    charts.push(
      title +
        (spec
          ? figure(await renderSvg(spec, `chart-${charts.length}`), `data-chart="trajectory" data-country="${escapeHtml(c.country)}"`)
          : `<p class="muted">No dated utterances for ${escapeHtml(c.country)}.</p>`),
    );
  }
  const intro = `<p class="muted">By ${escapeHtml(unitName(data.period))} (<code>spiral report --period N</code>; 1 for yearly). Shares are of relevant utterances of the State's own speakers. Every point and band links to its sentences below.</p>`;
  return `<section id="trajectories"><h2>Trajectories</h2>${intro}${chartLegendHtml(withPhases)}${charts.join('')}</section>`;
}

function options(values: readonly string[], all: string): string {
  return [`<option value="">${escapeHtml(all)}</option>`, ...values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)].join('');
}

function browseHtml(data: ReportData): string {
  const b = data.browse;
  const select = (name: string, label: string, values: readonly string[] = []) =>
    `<label${name === 'target' ? ' id="b-target-box"' : ''}>${escapeHtml(label)} <select id="b-${name}">${options(values, 'all')}</select></label>`;
  const held =
    b.held < b.total
      ? ` The run holds ${thousands(b.total)} utterances; this report holds ${thousands(b.held)}: every relevant or flagged one, and the first others up to the cap (<code>--max-browse</code>).`
      : '';
  const legend = `<div class="legend">${Object.keys(CATEGORY_COLOURS)
    .map((c) => `<span class="key"><mark class="ev ev-${escapeHtml(c)}">${escapeHtml(c.replace(/_/g, ' '))}</mark></span>`)
    .join('')}<span class="key"><mark class="weak">negated or dropped</mark></span></div>`;
  return [
    '<section id="browse"><h2>Browse and search utterances</h2>',
    `<p>Every utterance with its label and evidence: filter by country, ${escapeHtml(unitName(data.period))}, label, target, rule, review flag and speaker; search key words in context (a word, a phrase or a glob such as <code>interfer*</code>, as <code>spiral kwic</code> does); download what is shown as CSV. Evidence is coloured by category; hover it for the rule.${held}</p>`,
    legend,
    '<div class="filters">',
    select('country', 'country'),
    select('period', unitName(data.period)),
    select('relevant', 'relevance'),
    select('label', 'label'),
    select('target', 'target'),
    select('rule', 'rule'),
    select('flag', 'flag'),
    select('role', 'speaker'),
    '<label>search <input type="search" id="b-search" placeholder="word, phrase or glob*"></label>',
    '<button type="button" id="b-csv">Download CSV</button>',
    '<button type="button" id="b-reset">Clear</button>',
    '<span><b id="b-count">…</b></span>',
    '<span id="b-id" hidden>utterance <code id="b-id-text"></code></span>',
    '</div>',
    '<p id="b-status">Loading the utterances…</p>',
    '<table id="b-kwic" hidden><thead><tr><th>utterance</th><th>where</th><th>label</th><th>before</th><th>key word</th><th>after</th></tr></thead><tbody></tbody></table>',
    '<div id="b-list"></div>',
    '<p><button type="button" id="b-more" hidden>Show more</button></p>',
    `<script type="application/octet-stream" id="browse-data">${encodeBrowseData(b)}</script>`,
    '</section>',
  ].join('');
}

/** The run the report was made from (its content hash), for readers that check a report against its run. */
function runHashMeta(data: ReportData): string {
  return data.run.contentSha256 ? `<meta name="${RUN_HASH_META}" content="${escapeHtml(data.run.contentSha256)}">` : '';
}

/** The whole report as one HTML document. */
export async function renderReportHtml(data: ReportData): Promise<string> {
  const css = `${BASE_CSS}${paletteCss()}\n`;
  const title = `spiral report — ${data.run.dir}`;
  const sections = [
    runSummaryHtml(data),
    problemsHtml(data),
    countriesHtml(data),
    await comparisonHtml(data),
    await worldHtml(data),
    await chartsHtml(data),
    browseHtml(data),
  ];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(css, BROWSE_SCRIPT))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    runHashMeta(data),
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head><body>',
    `<h1>spiral report</h1><p class="muted"><code>${escapeHtml(data.run.dir)}</code></p>`,
    `<nav><a href="#summary">run</a> · <a href="#problems">skipped/failed</a> · <a href="#countries">countries</a> · <a href="#comparison">compared</a> · <a href="#world">world time</a> · <a href="#trajectories">trajectories</a> · <a href="#browse">browse and search</a></nav>`,
    ...sections,
    `<script>${BROWSE_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
