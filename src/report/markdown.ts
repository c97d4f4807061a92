// The Markdown summary of a report: the same facts as the HTML in tables, and
// a few flagged utterances per flag (the HTML has the full, filterable list).
// Every piece of run text goes through escapeMarkdown.
import { FLAGS, LABELS } from '../types.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { leftOut } from './flagged.js';
import { INDICATOR_NAMES, INDICATOR_TITLES, durationText, latestNet, percent, phaseLabel, signedNumber, thousands, yearSpan } from './format.js';
import { highlightPieces } from './highlight.js';
import type { ReportData } from './model.js';
import type { UtteranceLine } from '../run/lines.js';

/** Flagged utterances quoted per flag in the Markdown summary. */
export const MARKDOWN_EXAMPLES_PER_FLAG = 5;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The run the report was made from (its content hash). */
function runHashRow(hash: string | undefined): string[][] {
  return hash ? [['run content sha256', markdownCode(hash)]] : [];
}

function summaryMd(data: ReportData): string {
  const { run, documents, utterances } = data;
  const lexicon = run.lexicon
    ? `${escapeMarkdown(run.lexicon.name)} ${escapeMarkdown(run.lexicon.version)} ${markdownCode(run.lexicon.hash)}`
    : 'unknown (no run.json)';
  const rows: string[][] = [
    ['run folder', markdownCode(run.dir)],
    ['inputs', run.inputs.map(markdownCode).join(', ') || '–'],
    ['lexicon', lexicon],
    ['documents', `${thousands(documents.ok)} ok, ${thousands(documents.skipped)} skipped, ${thousands(documents.failed)} failed`],
    ['utterances', `${thousands(utterances.total)} (${thousands(utterances.relevant)} relevant)`],
    ['labels', LABELS.map((l) => `${escapeMarkdown(l)} ${thousands(utterances.byLabel[l])}`).join(', ')],
    ['flagged', thousands(data.flagged.total)],
    ['scores', escapeMarkdown(data.scoresSource)],
    ['status', data.statusSource ? markdownCode(data.statusSource) : 'none'],
    ['classify time', durationText(run.elapsedMs)],
    ...runHashRow(run.contentSha256),
  ];
  const warnings = [...run.warnings, ...data.warnings];
  const warn = warnings.length > 0 ? `\n\n**Warnings**\n\n${warnings.map((w) => `- ${escapeMarkdown(w)}`).join('\n')}` : '';
  return `## Run\n\n${table(['', ''], rows)}${warn}`;
}

function problemsMd(data: ReportData): string {
  const { documents } = data;
  if (documents.problems.length === 0) return '## Skipped and failed files\n\nNone.';
  const rows = documents.problems.map((p) => [markdownCode(p.path), p.status, escapeMarkdown(p.reason)]);
  const more = documents.problemsLeftOut > 0 ? `\n\n${thousands(documents.problemsLeftOut)} more not listed (see documents.jsonl).` : '';
  return `## Skipped and failed files\n\n${table(['file', 'status', 'reason'], rows)}${more}`;
}

function countriesMd(data: ReportData): string {
  if (data.countries.length === 0) return '## Countries\n\nNo utterance names a country.';
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
    const base = [
      `${escapeMarkdown(c.name)} (${escapeMarkdown(c.country)})`,
      yearSpan(c),
      thousands(c.utterances),
      thousands(c.relevant),
      net ? `${signedNumber(net.net)} (${net.unit}${net.insufficient ? ', insufficient' : ''})` : '–',
    ];
    if (!withStatus) return base;
    const l = c.latest;
    return [
      ...base,
      escapeMarkdown(l?.as_of ?? '–'),
      l ? phaseLabel(l.phase, l.possible) : '–',
      ...INDICATOR_NAMES.map((n) => escapeMarkdown(l?.indicators[n]?.value ?? '–')),
    ];
  });
  return `## Countries\n\n${table(head, rows)}`;
}

function trajectoriesMd(data: ReportData): string {
  const sections = data.countries
    .filter((c) => c.points.length > 0)
    .map((c) => {
      const rows = c.points.map((p) => {
        const interval = p.netInterval ? ` [${signedNumber(p.netInterval.low)}, ${signedNumber(p.netInterval.high)}]` : '';
        const phase =
          c.phases.find((s) => s.start <= p.unit.start && p.unit.end <= s.end) ?? c.phases.find((s) => s.start <= p.unit.end && p.unit.start <= s.end);
        return [
          p.unit.label,
          thousands(p.n_relevant),
          percent(p.shares.denial),
          percent(p.shares.rhetorical_action),
          percent(p.shares.argumentative_concession),
          percent(p.shares.norm_acknowledgment),
          `${signedNumber(p.net)}${interval}${p.insufficient ? ' (insufficient)' : ''}`,
          phase ? phaseLabel(phase.phase, phase.possible) : '–',
        ];
      });
      return `### ${escapeMarkdown(c.name)} (${escapeMarkdown(c.country)})\n\n${table([data.period === 1 ? 'year' : 'period', 'relevant', 'denial', 'rhetorical action', 'concession', 'acknowledgment', 'net [95% interval]', 'phase'], rows)}`;
    });
  return `## Trajectories\n\n${sections.join('\n\n') || 'No dated utterances.'}`;
}

/** Bold text with its outer spaces outside the markers (`** x**` is not emphasis). */
function bold(text: string): string {
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return `${escapeMarkdown(lead)}**${escapeMarkdown(core)}**${escapeMarkdown(trail)}`;
}

function quoteMd(u: UtteranceLine): string {
  const text = highlightPieces(u.text, u.evidence)
    .map((p) => (p.evidence.length > 0 && p.text.trim() !== '' ? bold(p.text) : escapeMarkdown(p.text)))
    .join('');
  const rules = [...new Set(u.evidence.map((e) => e.rule))].map(markdownCode).join(' ');
  const where = [u.country ?? 'no country', u.year ?? 'no year'].join(' ');
  return `- ${markdownCode(u.id)} ${escapeMarkdown(where)}, ${escapeMarkdown(u.label)} (${u.flags.map(escapeMarkdown).join(', ')}): ${text}${rules ? ` — ${rules}` : ''}`;
}

function flaggedMd(data: ReportData): string {
  const sel = data.flagged;
  const byFlag = table(
    ['flag', 'utterances'],
    FLAGS.map((f) => [f, thousands(sel.byFlag[f])]),
  );
  const perCountry = table(
    ['flag', 'country', 'flagged', 'in the HTML report'],
    sel.groups.map((g) => [g.flag, escapeMarkdown(g.country), thousands(g.total), thousands(g.shown)]),
  );
  const examples = FLAGS.map((f) => {
    const quoted = sel.utterances.filter((u) => u.flags.includes(f)).slice(0, MARKDOWN_EXAMPLES_PER_FLAG);
    return quoted.length > 0 ? `### ${f}\n\n${quoted.map(quoteMd).join('\n')}` : '';
  }).filter(Boolean);
  const omitted =
    leftOut(sel) > 0
      ? `\n\nThe HTML report shows at most ${sel.cap} per flag and country; ${thousands(leftOut(sel))} flagged utterances are left out of it.`
      : '';
  return `## Flagged utterances\n\n${thousands(sel.total)} flagged utterances.${omitted}\n\n${byFlag}\n\n${perCountry}\n\nA few examples per flag (evidence in bold; the HTML report has them all):\n\n${examples.join('\n\n')}`;
}

export function renderReportMarkdown(data: ReportData): string {
  return (
    [`# spiral report: ${escapeMarkdown(data.run.dir)}`, summaryMd(data), problemsMd(data), countriesMd(data), trajectoriesMd(data), flaggedMd(data)].join(
      '\n\n',
    ) + '\n'
  );
}
