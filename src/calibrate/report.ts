// What calibrate shows: Markdown for people (diagnostics.md, candidates.md,
// diff.md), JSON for programs (snake_case, fixed key order), and the short
// summary printed on the terminal. Pure shapers.
import type { Metrics } from '../eval/metrics.js';
import { LABELS, type Label } from '../types.js';
import type { Candidate } from './candidates.js';
import { crossValidationText, type FoldUnit } from './config.js';
import type { CalibrationResult, Change, SetCheck } from './calibrate.js';
import type { RuleDiagnostic } from './diagnostics.js';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export interface SummaryContext {
  gold: string[];
  items: number;
  folds: number;
  seed: number;
  repeats: number;
  foldBy: FoldUnit;
  old: { name: string; version: string; hash: string; dir: string };
  /** `dir` is relative to the output folder. */
  new: { version: string; hash: string; dir: string };
  /** The output folder as the user named it (for the terminal only: summary.json stays free of paths that vary). */
  outDir: string;
  check: SetCheck;
  exampleFailures: number;
  exampleFailuresBefore: number;
}

// ---------------------------------------------------------------- diagnostics

function precisionText(d: RuleDiagnostic): string {
  return d.precision === null ? 'n/a' : `${f3(d.precision)} (${d.agrees}/${d.fires})`;
}

const VERDICT_TEXT: Record<RuleDiagnostic['verdict'], string> = {
  never_fires: 'never fires',
  misleads: 'mostly misleads',
  one_document: 'fires in one document only',
  rarely_fires: 'rarely fires',
  ok: 'ok',
  untested: 'not tested (no gold items from its country)',
};

function ruleSection(d: RuleDiagnostic): string[] {
  const lines = [
    `### ${d.rule} — ${VERDICT_TEXT[d.verdict]}`,
    '',
    `${d.category}, weight ${d.weight}, ${d.file}:${d.line}${d.country ? `, case ${d.country}` : ''}`,
    '',
    `- matched ${d.matched}, fires ${d.fires} in ${d.documents} document${d.documents === 1 ? '' : 's'} (coverage ${pct(d.coverage)}), negated ${d.negated}`,
    `- precision ${precisionText(d)}; deciding ${d.deciding} (${d.decidingCorrect} right)`,
  ];
  if (d.overlaps.length) lines.push(`- fires with: ${d.overlaps.map((o) => `${o.rule} (${o.count})`).join(', ')}`);
  if (d.conflicts.length) lines.push(`- conflicts with: ${d.conflicts.map((o) => `${o.rule} (${o.count})`).join(', ')}`);
  if (d.worstFalsePositives.length) {
    lines.push('- worst false positives:');
    for (const fp of d.worstFalsePositives) {
      const decided = fp.deciding ? ', decided the label' : '';
      lines.push(`  - \`${fp.id}\` gold ${fp.gold}, tagged ${fp.predicted}${decided}: “${fp.text.replace(/\s+/g, ' ')}”`);
    }
  }
  return [...lines, ''];
}

export function diagnosticsMarkdown(diagnostics: readonly RuleDiagnostic[], goldName: string): string {
  const table = [
    '| rule | category | verdict | fires | documents | precision | deciding |',
    '|---|---|---|---:|---:|---:|---:|',
    ...diagnostics.map((d) => `| ${d.rule} | ${d.category} | ${VERDICT_TEXT[d.verdict]} | ${d.fires} | ${d.documents} | ${precisionText(d)} | ${d.deciding} |`),
  ];
  return [
    '# Rule diagnostics',
    '',
    `Gold: ${goldName}. A rule *fires* when its evidence keeps a weight above zero; *precision* is the share of`,
    'firings whose category is the gold label (relevance: the gold is a move; attribution: not judged); *deciding*',
    'counts the labels where the rule carried the largest weight for the label chosen; *documents* counts the speeches',
    'and reports it fires in. Rules that never fire, mostly mislead or fire in one document only (its idiom, not a',
    'pattern) come first; case-overlay rules with no gold items from their country come last.',
    '',
    ...table,
    '',
    ...diagnostics.flatMap(ruleSection),
  ].join('\n');
}

export function diagnosticsJson(diagnostics: readonly RuleDiagnostic[]): unknown[] {
  return diagnostics.map((d) => ({
    rule: d.rule,
    category: d.category,
    file: d.file,
    line: d.line,
    weight: d.weight,
    ...(d.country ? { country: d.country } : {}),
    verdict: d.verdict,
    matched: d.matched,
    fires: d.fires,
    documents: d.documents,
    coverage: d.coverage,
    agrees: d.agrees,
    precision: d.precision,
    deciding: d.deciding,
    deciding_correct: d.decidingCorrect,
    negated: d.negated,
    overlaps: d.overlaps,
    conflicts: d.conflicts,
    worst_false_positives: d.worstFalsePositives,
  }));
}

// ---------------------------------------------------------------- candidates

function candidateSection(c: Candidate, rank: number): string[] {
  const lines = [
    `${rank}. **${c.phrase}** — z ${c.z.toFixed(2)}, log-odds ${c.logOdds.toFixed(2)}; ${c.countInLabel}× in ${c.utterances} utterances of this label, ${c.countElsewhere}× elsewhere`,
  ];
  if (c.variants.length) lines.push(`   - same occurrences as: ${c.variants.map((v) => `“${v}”`).join(', ')}`);
  for (const k of c.examples) lines.push(`   - \`${k.id}\` ${k.left}**${k.match}**${k.right}`);
  return lines;
}

export function candidatesMarkdown(candidates: Record<Label, Candidate[]>, goldName: string): string {
  const lines = [
    '# Candidate terms',
    '',
    `Gold: ${goldName}. Phrases of 1–4 words over-represented in one label's utterances and not matched by the`,
    'current lexicons, ranked by weighted log-odds with an informative Dirichlet prior from the whole gold corpus',
    '(Monroe, Colaresi and Quinn 2008). These are proposals to read in context, not rules: nothing was added.',
    '',
  ];
  for (const label of LABELS) {
    lines.push(`## ${label}`, '');
    if (candidates[label].length === 0) lines.push('No phrase passes the thresholds.');
    candidates[label].forEach((c, i) => lines.push(...candidateSection(c, i + 1)));
    lines.push('');
  }
  return lines.join('\n');
}

export function candidatesJson(candidates: Record<Label, Candidate[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const label of LABELS) {
    out[label] = candidates[label].map((c) => ({
      phrase: c.phrase,
      tokens: c.tokens,
      z: c.z,
      log_odds: c.logOdds,
      count_in_label: c.countInLabel,
      count_elsewhere: c.countElsewhere,
      utterances: c.utterances,
      covered_share: c.coveredShare,
      variants: c.variants,
      examples: c.examples,
    }));
  }
  return out;
}

// ---------------------------------------------------------------- diff

function changeRow(c: Change): string {
  const precision = c.precision === null ? 'n/a' : f3(c.precision);
  return `| ${c.rule} | ${c.old} | ${c.new} | ${c.fires} | ${precision} |`;
}

export function diffMarkdown(result: CalibrationResult, oldVersion: string): string {
  const m = result.fit.moves.chosen;
  const t = result.fit.targets.chosen;
  const lines = [
    `# Calibration diff: ${oldVersion} → ${result.version}`,
    '',
    `Decision layer fitted by regularised logistic regression; settings chosen by cross-validation with folds by ${result.foldBy}.`,
    `Moves: rule L2 ${m.setting.ruleL2}, term L1 ${m.setting.termL1 ?? 'none (no term layer)'}, class-weight power ${m.setting.classWeightPower};`,
    `cross-validated macro-F1 ${f3(m.macroF1)} (in-sample before: ${f3(result.before.macroF1)}). Targets: context weight ${t.setting.contextWeight},`,
    `rule L2 ${t.setting.ruleL2}; cross-validated macro-F1 ${f3(t.macroF1)}. model.yaml and terms.yaml (${result.terms} terms) are written whole.`,
    '',
  ];
  if (result.changes.length === 0) lines.push('No rule weight changed.', '');
  else lines.push('| rule | old | new | fires | precision |', '|---|---:|---:|---:|---:|', ...result.changes.map(changeRow), '');
  lines.push('## Settings tried (moves)', '', '| rule L2 | term L1 | class-weight power | cv macro-F1 |', '|---:|---:|---:|---:|');
  for (const tried of result.fit.moves.tried)
    lines.push(`| ${tried.setting.ruleL2} | ${tried.setting.termL1 ?? '—'} | ${tried.setting.classWeightPower} | ${f3(tried.macroF1)} |`);
  lines.push('', '## Settings tried (targets)', '', '| context weight | rule L2 | cv macro-F1 |', '|---:|---:|---:|');
  for (const tried of result.fit.targets.tried) lines.push(`| ${tried.setting.contextWeight} | ${tried.setting.ruleL2} | ${f3(tried.macroF1)} |`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------- summary

function perLabel(before: Metrics, after: Metrics): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const label of LABELS) {
    out[label] = {
      f1_before: before.perLabel[label].f1,
      f1_after: after.perLabel[label].f1,
      precision_before: before.perLabel[label].precision,
      precision_after: after.perLabel[label].precision,
      recall_before: before.perLabel[label].recall,
      recall_after: after.perLabel[label].recall,
      support: before.perLabel[label].support,
    };
  }
  return out;
}

export function summaryJson(result: CalibrationResult, ctx: SummaryContext): Record<string, unknown> {
  const verdicts = (v: RuleDiagnostic['verdict']) => result.diagnostics.filter((d) => d.verdict === v).map((d) => d.rule);
  const m = result.fit.moves.chosen;
  const t = result.fit.targets.chosen;
  return {
    gold: ctx.gold,
    items: ctx.items,
    lexicons: ctx.old,
    new_lexicons: ctx.new,
    cross_validation: { folds: ctx.folds, seed: ctx.seed, repeats: ctx.repeats, grouped_by: ctx.foldBy },
    macro_f1: { before_in_sample: result.before.macroF1, after_cross_validated: result.after.macroF1 },
    per_label: perLabel(result.before, result.after),
    moves_setting: { rule_l2: m.setting.ruleL2, term_l1: m.setting.termL1, class_weight_power: m.setting.classWeightPower },
    targets: {
      macro_f1_before_in_sample: result.targetsBefore?.macroF1 ?? null,
      macro_f1_after_cross_validated: t.macroF1,
      setting: { context_weight: t.setting.contextWeight, rule_l2: t.setting.ruleL2 },
    },
    temperature: result.fit.model.moves.temperature,
    terms: result.terms,
    changes: result.changes.map((c) => ({ rule: c.rule, old: c.old, new: c.new })),
    rules: { total: result.diagnostics.length, never_fires: verdicts('never_fires'), misleads: verdicts('misleads'), one_document: verdicts('one_document') },
    candidates: Object.fromEntries(LABELS.map((l) => [l, result.candidates[l].length])),
    check: {
      in_sample_macro_f1_before: ctx.check.inSampleBefore.macroF1,
      in_sample_macro_f1_after: ctx.check.inSampleAfter.macroF1,
      example_failures_before: ctx.exampleFailuresBefore,
      example_failures: ctx.exampleFailures,
    },
  };
}

const SUMMARY_CANDIDATES = 3;
const SUMMARY_RULES = 5;

function ruleLine(title: string, rules: RuleDiagnostic[]): string[] {
  if (rules.length === 0) return [];
  const shown = rules.slice(0, SUMMARY_RULES).map((d) => (d.precision === null || d.fires === 0 ? d.rule : `${d.rule} ${precisionText(d)}`));
  const more = rules.length > SUMMARY_RULES ? `, … ${rules.length - SUMMARY_RULES} more` : '';
  return [`  ${title} (${rules.length}): ${shown.join(', ')}${more}`];
}

export function summaryText(result: CalibrationResult, ctx: SummaryContext): string {
  const d = result.diagnostics;
  const lines = [
    `gold: ${ctx.gold.join(', ')} (${ctx.items} items); lexicons: ${ctx.old.name} ${ctx.old.version} (${ctx.old.hash.slice(0, 12)})`,
    '',
    `rule diagnostics (${d.length} rules; diagnostics.md):`,
    ...ruleLine(
      'never fire',
      d.filter((x) => x.verdict === 'never_fires'),
    ),
    ...ruleLine(
      'mostly mislead',
      d.filter((x) => x.verdict === 'misleads'),
    ),
    ...ruleLine(
      'fire in one document only',
      d.filter((x) => x.verdict === 'one_document'),
    ),
    ...ruleLine(
      'case rules without gold items from their country',
      d.filter((x) => x.verdict === 'untested'),
    ),
    '',
    `candidate terms (top ${SUMMARY_CANDIDATES} per label; candidates.md):`,
    ...LABELS.map((l) => {
      const top = result.candidates[l]
        .slice(0, SUMMARY_CANDIDATES)
        .map((c) => `"${c.phrase}" (z ${c.z.toFixed(1)}, ${c.countInLabel}/${c.countInLabel + c.countElsewhere})`);
      return `  ${l}: ${top.length ? top.join(', ') : '—'}`;
    }),
    '',
    `decision layer (${crossValidationText(ctx)}):`,
    `  macro-F1 in-sample before ${f3(result.before.macroF1)}; cross-validated after ${f3(result.after.macroF1)}`,
    ...LABELS.map(
      (l) =>
        `  ${l.padEnd(26)} F1 ${f3(result.before.perLabel[l].f1)} → ${f3(result.after.perLabel[l].f1)} (P ${f3(result.after.perLabel[l].precision)}, R ${f3(result.after.perLabel[l].recall)})`,
    ),
    `  targets: macro-F1 ${result.targetsBefore ? f3(result.targetsBefore.macroF1) : 'n/a'} → ${f3(result.targetsAfter.macroF1)} (cross-validated)`,
    `  rule weights changed: ${result.changes.length}; terms: ${result.terms}; temperature ${result.fit.model.moves.temperature} (diff.md)`,
    '',
    `new version ${ctx.new.version} (${ctx.new.hash.slice(0, 12)}) → ${ctx.outDir}/${ctx.new.dir}`,
    `  in-sample macro-F1 ${f3(ctx.check.inSampleBefore.macroF1)} → ${f3(ctx.check.inSampleAfter.macroF1)}; failing examples: ${ctx.exampleFailuresBefore} → ${ctx.exampleFailures}`,
  ];
  return lines.join('\n') + '\n';
}
