// The self-contained HTML report: inline CSS, inline SVG charts and one small
// inline script for the filters. No external resource of any kind, so it opens
// from disk with no network; a Content-Security-Policy that allows only the
// report's own style and script (by hash) backs up the escaping.
import { createHash } from 'node:crypto';
import { FLAGS, LABELS } from '../types.js';
import { escapeHtml } from './escape.js';
import { leftOut, type FlaggedSelection } from './flagged.js';
import { INDICATOR_NAMES, INDICATOR_TITLES, durationText, latestNet, percent, phaseLabel, signedNumber, thousands, yearSpan } from './format.js';
import { describeEvidence, highlightHtml } from './highlight.js';
import type { CountryReport, ReportData } from './model.js';
import { RUN_HASH_META } from '../run/derived.js';
import type { UtteranceLine } from '../run/lines.js';
import { chartLegendHtml, legendCss, trajectorySvg } from './svg.js';

const BASE_CSS = `
:root{--fg:#1f1f1f;--muted:#5f6368;--line:#dadce0;--mark:#fde68a;--weak:#e5e7eb}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:16px 20px 60px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid var(--line);padding:3px 7px;text-align:left;vertical-align:top}th{background:#f8f9fa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dl.summary dt{color:var(--muted)}dl.summary dd{margin:0}
.muted{color:var(--muted)}code{font-size:12px;background:#f1f3f4;padding:0 3px;border-radius:3px;word-break:break-all}
.warnings li{color:#8a4b00}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0 10px;font-size:12px}.key{display:inline-flex;align-items:center;gap:5px}
.swatch{display:inline-block;width:14px;height:10px;border:1px solid #999}.swatch.hollow{background:#fff;border-radius:50%;width:10px}
figure.country{margin:0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:8px 20px}
svg.chart{width:100%;height:auto;font-size:10px}svg .grid{stroke:#e3e3e3;stroke-width:1}svg .zero{stroke:#999;stroke-width:1}
svg .line{stroke-width:1.6}svg .interval{stroke-width:1.2;opacity:.6}svg .tick,svg .axis{fill:#5f6368}svg .axis{font-size:10px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:10px 0;padding:8px;background:#f8f9fa;border:1px solid var(--line)}
.utt{border-left:4px solid var(--line);padding:6px 10px;margin:8px 0;background:#fff}
.utt .meta{font-size:12px;color:var(--muted)}.utt .text{margin:4px 0;font-size:15px}
.utt .label{font-weight:600;color:var(--fg)}.flag{display:inline-block;font-size:11px;border:1px solid #c6c6c6;border-radius:8px;padding:0 6px;margin-left:4px}
mark{background:var(--mark);padding:0 1px;border-radius:2px}mark.weak{background:var(--weak);text-decoration:line-through}
.evidence{font-size:12px;color:var(--muted);margin:0;padding-left:18px}
`;

const FILTER_SCRIPT = `(function(){
var ids=['f-country','f-label','f-flag'];var selects=ids.map(function(id){return document.getElementById(id);});
var items=document.querySelectorAll('article.utt');var count=document.getElementById('f-count');
function apply(){var shown=0;for(var i=0;i<items.length;i++){var it=items[i];
var ok=(!selects[0].value||it.getAttribute('data-country')===selects[0].value)&&(!selects[1].value||it.getAttribute('data-label')===selects[1].value)&&(!selects[2].value||(' '+it.getAttribute('data-flags')+' ').indexOf(' '+selects[2].value+' ')>=0);
it.hidden=!ok;if(ok)shown++;}count.textContent=String(shown);}
selects.forEach(function(s){s.addEventListener('change',apply);});apply();})();`;

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
    ['flagged', `${thousands(data.flagged.total)}`],
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

function countriesHtml(data: ReportData): string {
  if (data.countries.length === 0) return `<section id="countries"><h2>Countries</h2><p class="muted">No utterance names a country.</p></section>`;
  const withStatus = data.statusSource !== null;
  const head = [
    'country',
    'years',
    'utterances',
    'relevant',
    'latest net',
    ...(withStatus ? ['as of', 'phase', ...INDICATOR_NAMES.map((n) => INDICATOR_TITLES[n])] : []),
  ];
  const rows = data.countries.map((c) => {
    const net = latestNet(c);
    const link = `<a href="#country-${escapeHtml(c.country)}">${escapeHtml(c.name)}</a> <code>${escapeHtml(c.country)}</code>`;
    const base: Cell[] = [link, num(yearSpan(c)), num(c.utterances), num(c.relevant), num(net ? `${signedNumber(net.net)} (${net.year})` : '–')];
    if (!withStatus) return row(base);
    const latest = c.latest;
    const phase = latest
      ? `<span title="${escapeHtml(latest.phaseReason)}">${escapeHtml(phaseLabel(latest.phase, latest.possible))}</span>`
      : '<span class="muted">–</span>';
    return row([...base, escapeHtml(latest?.as_of ?? '–'), phase, ...INDICATOR_NAMES.map((n) => indicatorCell(c, n))]);
  });
  const note = withStatus ? '<p class="muted">Indicators as of the latest unit of each country; hover a value for the rule that decided it.</p>' : '';
  const notCharted =
    data.notCharted.noCountry + data.notCharted.noYear > 0
      ? `<p class="muted">Not charted: ${thousands(data.notCharted.noCountry)} utterances without a country, ${thousands(data.notCharted.noYear)} without a year.</p>`
      : '';
  return `<section id="countries"><h2>Countries</h2>${note}<table><thead>${row(head, true)}</thead><tbody>${rows.join('')}</tbody></table>${notCharted}</section>`;
}

function chartsHtml(data: ReportData): string {
  const charts = data.countries.map(
    (c) =>
      `<figure class="country" id="country-${escapeHtml(c.country)}"><h3>${escapeHtml(c.name)} <code>${escapeHtml(c.country)}</code></h3>${trajectorySvg(c)}</figure>`,
  );
  return `<section id="trajectories"><h2>Trajectories</h2>${chartLegendHtml(data.statusSource !== null)}<div class="charts">${charts.join('')}</div></section>`;
}

function options(values: readonly string[], all: string): string {
  return [`<option value="">${escapeHtml(all)}</option>`, ...values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)].join('');
}

function utteranceHtml(u: UtteranceLine): string {
  const place = [u.country ?? 'no country', u.year ?? 'no year', u.venue, u.speaker && u.speaker !== u.country ? `speaker ${u.speaker}` : null].filter(
    (p) => p !== null && p !== undefined,
  );
  const flags = u.flags.map((f) => `<span class="flag">${escapeHtml(f)}</span>`).join('');
  const confidence = u.confidence === null ? '' : ` (${percent(u.confidence)})`;
  const evidence =
    u.evidence.length > 0
      ? `<ul class="evidence">${u.evidence.map((e) => `<li><code>${escapeHtml(e.rule)}</code> ${escapeHtml(describeEvidence(e).slice(e.rule.length + 1))} “${escapeHtml(e.text)}”</li>`).join('')}</ul>`
      : '';
  return [
    `<article class="utt" data-country="${escapeHtml(u.country ?? '')}" data-label="${escapeHtml(u.label)}" data-flags="${escapeHtml(u.flags.join(' '))}">`,
    `<div class="meta"><span class="label">${escapeHtml(u.label)}</span>${escapeHtml(confidence)}${flags} · ${escapeHtml(place.join(' · '))} · <code>${escapeHtml(u.id)}</code></div>`,
    `<p class="text">${highlightHtml(u.text, u.evidence)}</p>`,
    evidence,
    '</article>',
  ].join('');
}

function leftOutHtml(selection: FlaggedSelection): string {
  const capped = selection.groups.filter((g) => g.total > g.shown);
  if (capped.length === 0) return '';
  const rows = capped.map((g) => row([escapeHtml(g.flag), escapeHtml(g.country), num(g.total), num(g.shown), num(g.total - g.shown)]));
  return `<details><summary>${thousands(leftOut(selection))} flagged utterances left out (at most ${selection.cap} shown per flag and country)</summary><table><thead>${row(['flag', 'country', 'flagged', 'shown', 'left out'], true)}</thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function flaggedHtml(data: ReportData): string {
  const sel = data.flagged;
  const countries = [...new Set(sel.utterances.map((u) => u.country ?? ''))].filter(Boolean).sort();
  const byFlag = FLAGS.map((f) => `${escapeHtml(f)} ${thousands(sel.byFlag[f])}`).join(' · ');
  const filters = [
    '<div class="filters">',
    `<label>country <select id="f-country">${options(countries, 'all')}</select></label>`,
    `<label>label <select id="f-label">${options(LABELS, 'all')}</select></label>`,
    `<label>flag <select id="f-flag">${options(FLAGS, 'all')}</select></label>`,
    `<span>showing <b id="f-count">${sel.utterances.length}</b> of ${thousands(sel.utterances.length)}</span>`,
    '</div>',
  ].join('');
  const list = sel.utterances.length > 0 ? sel.utterances.map(utteranceHtml).join('') : '<p class="muted">No flagged utterances.</p>';
  return `<section id="flagged"><h2>Flagged utterances</h2><p>${thousands(sel.total)} flagged (${byFlag}); evidence is highlighted, hover it for the rule ids.</p>${leftOutHtml(sel)}${filters}<div id="utterances">${list}</div></section>`;
}

/** The run the report was made from (its content hash), for readers that check a report against its run. */
function runHashMeta(data: ReportData): string {
  return data.run.contentSha256 ? `<meta name="${RUN_HASH_META}" content="${escapeHtml(data.run.contentSha256)}">` : '';
}

/** The whole report as one HTML document. */
export function renderReportHtml(data: ReportData): string {
  const css = `${BASE_CSS}${legendCss()}\n`;
  const title = `spiral report — ${data.run.dir}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(css, FILTER_SCRIPT))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    runHashMeta(data),
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head><body>',
    `<h1>spiral report</h1><p class="muted"><code>${escapeHtml(data.run.dir)}</code></p>`,
    `<nav><a href="#summary">run</a> · <a href="#problems">skipped/failed</a> · <a href="#countries">countries</a> · <a href="#trajectories">trajectories</a> · <a href="#flagged">flagged utterances</a></nav>`,
    runSummaryHtml(data),
    problemsHtml(data),
    countriesHtml(data),
    chartsHtml(data),
    flaggedHtml(data),
    `<script>${FILTER_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
