// What `spiral eval` shows: the rule tagger's metrics, the baseline's beside
// them, and whether the floor is met. Pure shapers: data in, text or JSON out.
import { LABELS, type Label, type Target } from '../types.js';
import type { CalibrationReport } from './calibration.js';
import { TARGET_COLUMNS, type TargetEvaluation } from './evaluate.js';
import type { Interval, MetricIntervals, PairedDifference } from './intervals.js';
import type { Metrics } from './metrics.js';
import type { Comparison, EvaluationIntervals } from './run.js';

export interface BaselineReport {
  method: string;
  folds: number;
  seed: number;
  metrics: Metrics;
}

export interface EvalReport {
  gold: string;
  /** The split evaluated (`fit` or `check`), when one was chosen. */
  split?: string;
  lexicons: string;
  rules: Metrics;
  targets?: TargetEvaluation;
  /** Bootstrap intervals that resample documents (eval/intervals.ts); absent with too few documents. */
  intervals?: EvaluationIntervals;
  /** `--compare DIR`: another lexicon set on the same items. */
  comparison?: Comparison;
  calibration?: CalibrationReport;
  baseline?: BaselineReport;
  /** null: not written (the check split, without --errors). */
  errorsFile: string | null;
  misclassified: number;
  minMacroF1?: number;
}

export function meetsFloor(report: EvalReport): boolean {
  return report.minMacroF1 === undefined || report.rules.macroF1 >= report.minMacroF1;
}

const SHORT_LABEL: Record<Label, string> = {
  denial: 'den',
  rhetorical_action: 'rhet',
  argumentative_concession: 'conc',
  norm_acknowledgment: 'ack',
  none: 'none',
};

const LABEL_COLUMN = 26;
const NUMBER_COLUMN = 8;
const COMPARED_COLUMN = 10;

function fixed(value: number): string {
  return value.toFixed(3);
}

function cells(values: readonly string[]): string {
  return values.map((v) => v.padStart(NUMBER_COLUMN)).join('');
}

function perLabelTable(report: EvalReport): string[] {
  const withBaseline = report.baseline !== undefined;
  const header = 'label'.padEnd(LABEL_COLUMN) + cells(['P', 'R', 'F1', 'gold', 'pred']) + (withBaseline ? '   |' + cells(['base P', 'base R', 'base F1']) : '');
  const rows = LABELS.map((label) => {
    const s = report.rules.perLabel[label];
    const row = label.padEnd(LABEL_COLUMN) + cells([fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.support), String(s.predicted)]);
    if (!report.baseline) return row;
    const b = report.baseline.metrics.perLabel[label];
    return row + '   |' + cells([fixed(b.precision), fixed(b.recall), fixed(b.f1)]);
  });
  return [header, ...rows];
}

function interval(i: Interval | null | undefined): string {
  return i ? `[${fixed(i.low)}, ${fixed(i.high)}]` : '–';
}

function summaryLines(report: EvalReport): string[] {
  const { rules, baseline } = report;
  const line = (name: string, ours: number, theirs: number | undefined, range?: Interval): string =>
    name.padEnd(LABEL_COLUMN) +
    fixed(ours).padStart(NUMBER_COLUMN) +
    (range ? `  ${interval(range)}` : '') +
    (theirs === undefined ? '' : `   (baseline ${fixed(theirs)})`);
  const lines = [
    line('macro-F1', rules.macroF1, baseline?.metrics.macroF1, report.intervals?.rules?.macroF1),
    line('accuracy', rules.accuracy, baseline?.metrics.accuracy),
    line("Cohen's kappa", rules.kappa, baseline?.metrics.kappa),
  ];
  if (baseline) lines.push(`baseline: ${baseline.method}, ${baseline.folds}-fold stratified cross-validation, seed ${baseline.seed}`);
  return lines;
}

/** What an interval is: how many documents were resampled how often. */
function intervalNote(i: MetricIntervals<string>): string {
  return `${Math.round(i.coverage * 100)}% intervals: ${i.resamples} resamples of the ${i.documents} documents (a document's items drawn together)`;
}

function intervalLines(report: EvalReport): string[] {
  const i = report.intervals?.rules;
  if (!i) return [];
  return [
    intervalNote(i) + ':',
    'label'.padEnd(LABEL_COLUMN) + 'F1'.padEnd(18) + 'R',
    ...LABELS.map((l) => l.padEnd(LABEL_COLUMN) + interval(i.perLabel[l].f1).padEnd(18) + interval(i.perLabel[l].recall)),
    '',
  ];
}

function confusionLines(report: EvalReport): string[] {
  const header = 'gold \\ predicted'.padEnd(LABEL_COLUMN) + cells(LABELS.map((l) => SHORT_LABEL[l]));
  const rows = LABELS.map((gold) => gold.padEnd(LABEL_COLUMN) + cells(LABELS.map((p) => String(report.rules.confusion[gold][p]))));
  return [header, ...rows];
}

function floorLine(report: EvalReport): string[] {
  if (report.minMacroF1 === undefined) return [];
  const verdict = meetsFloor(report) ? 'met' : 'NOT met';
  return [`floor: macro-F1 ${fixed(report.rules.macroF1)} vs minimum ${fixed(report.minMacroF1)}: ${verdict}`];
}

function targetLines(report: EvalReport): string[] {
  const t = report.targets;
  if (!t) return [];
  const table = (title: string, m: Metrics<Target>, range?: MetricIntervals<Target>) => [
    title,
    'target'.padEnd(LABEL_COLUMN) + cells(['P', 'R', 'F1', 'gold', 'pred']),
    ...TARGET_COLUMNS.map((k) => {
      const s = m.perLabel[k];
      return k.padEnd(LABEL_COLUMN) + cells([fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.support), String(s.predicted)]);
    }),
    'macro-F1 (self/other/general)'.padEnd(LABEL_COLUMN) +
      fixed(m.macroF1).padStart(NUMBER_COLUMN) +
      (range ? `  ${interval(range.macroF1)} (${intervalNote(range)})` : ''),
    'gold \\ predicted'.padEnd(LABEL_COLUMN) + cells([...TARGET_COLUMNS]),
    ...TARGET_COLUMNS.filter((k) => k !== 'na').map((g) => g.padEnd(LABEL_COLUMN) + cells(TARGET_COLUMNS.map((p) => String(m.confusion[g][p])))),
    '',
  ];
  return [
    ...table(`targets of moves (${t.givenLabel.n} items with a coded target), given the gold label:`, t.givenLabel, report.intervals?.targets),
    ...table('targets end to end (na: the tagger found no move):', t.endToEnd),
  ];
}

function signed(value: number): string {
  return (value >= 0 ? '+' : '') + fixed(value);
}

function differenceCells(d: PairedDifference | undefined): string {
  if (!d) return '   (too few documents for an interval)';
  return `   ${signed(d.difference)} [${signed(d.interval.low)}, ${signed(d.interval.high)}]   better in ${Math.round(d.betterShare * 100)}% of resamples (${d.documents} documents)`;
}

function comparisonLines(report: EvalReport): string[] {
  const c = report.comparison;
  if (!c) return [];
  const pair = (ours: number, theirs: number) => fixed(ours).padStart(NUMBER_COLUMN) + fixed(theirs).padStart(COMPARED_COLUMN);
  const row = (name: string, ours: number, theirs: number, d: PairedDifference | undefined) =>
    name.padEnd(LABEL_COLUMN) + pair(ours, theirs) + differenceCells(d);
  const note = c.labels ?? c.targetsGivenLabel;
  return [
    `compared with ${c.lexicons} (difference: compared − this; ${note ? `paired ${Math.round(note.coverage * 100)}% interval, ${note.resamples} resamples of the documents, both sets scored on each` : 'no interval'}):`,
    ''.padEnd(LABEL_COLUMN) + 'this'.padStart(NUMBER_COLUMN) + 'compared'.padStart(COMPARED_COLUMN),
    row('macro-F1', report.rules.macroF1, c.rules.macroF1, c.labels),
    ...(report.targets && c.targets
      ? [row('targets (given the label)', report.targets.givenLabel.macroF1, c.targets.givenLabel.macroF1, c.targetsGivenLabel)]
      : []),
    ...LABELS.map((l) => l.padEnd(LABEL_COLUMN) + pair(report.rules.perLabel[l].f1, c.rules.perLabel[l].f1) + '   (F1)'),
    `labels changed on ${c.changed.fixed + c.changed.broken + c.changed.otherwise} items: ${c.changed.fixed} now right, ${c.changed.broken} now wrong, ${c.changed.otherwise} wrong either way`,
    '',
  ];
}

function calibrationLines(report: EvalReport): string[] {
  const c = report.calibration;
  if (!c) return [];
  return [
    'confidence calibration (reliability):',
    'confidence'.padEnd(LABEL_COLUMN) + cells(['n', 'mean', 'acc']),
    ...c.bins.map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}`.padEnd(LABEL_COLUMN) + cells([String(b.n), fixed(b.meanConfidence), fixed(b.accuracy)])),
    'expected calibration error'.padEnd(LABEL_COLUMN) + fixed(c.ece).padStart(NUMBER_COLUMN),
    `low_confidence flagged: ${c.flagged.n} items, accuracy ${fixed(c.flagged.accuracy)}; the rest: ${c.unflagged.n}, accuracy ${fixed(c.unflagged.accuracy)}`,
    '',
  ];
}

export function formatReportText(report: EvalReport): string {
  const lines = [
    `gold: ${report.gold}${report.split ? ` [split ${report.split}]` : ''} (${report.rules.n} items)`,
    `lexicons: ${report.lexicons}`,
    '',
    ...perLabelTable(report),
    '',
    ...summaryLines(report),
    '',
    ...intervalLines(report),
    ...confusionLines(report),
    '',
    ...targetLines(report),
    ...calibrationLines(report),
    ...comparisonLines(report),
    report.errorsFile === null
      ? `misclassified (label or target): ${report.misclassified} (not written: the check split is read as a number; --errors FILE writes them)`
      : `misclassified (label or target): ${report.misclassified} written to ${report.errorsFile}`,
    ...floorLine(report),
  ];
  return lines.join('\n') + '\n';
}

/** The machine-readable form: snake_case keys, fixed key order. */
export function reportJson(report: EvalReport): Record<string, unknown> {
  return {
    gold: report.gold,
    ...(report.split ? { split: report.split } : {}),
    lexicons: report.lexicons,
    rules: metricsJson(report.rules),
    ...(report.targets ? { targets: { given_label: metricsJson(report.targets.givenLabel), end_to_end: metricsJson(report.targets.endToEnd) } } : {}),
    ...(report.intervals?.rules || report.intervals?.targets
      ? {
          intervals: {
            ...(report.intervals.rules ? { rules: intervalsJson(report.intervals.rules) } : {}),
            ...(report.intervals.targets ? { targets_given_label: intervalsJson(report.intervals.targets) } : {}),
          },
        }
      : {}),
    ...(report.calibration
      ? {
          calibration: {
            bins: report.calibration.bins.map((b) => ({ from: b.from, to: b.to, n: b.n, mean_confidence: b.meanConfidence, accuracy: b.accuracy })),
            ece: report.calibration.ece,
            low_confidence: report.calibration.flagged,
            other: report.calibration.unflagged,
          },
        }
      : {}),
    ...(report.baseline
      ? {
          baseline: {
            method: report.baseline.method,
            folds: report.baseline.folds,
            seed: report.baseline.seed,
            ...metricsJson(report.baseline.metrics),
          },
        }
      : {}),
    ...(report.comparison ? { comparison: comparisonJson(report.comparison) } : {}),
    errors_file: report.errorsFile,
    misclassified: report.misclassified,
    ...(report.minMacroF1 !== undefined ? { min_macro_f1: report.minMacroF1, floor_met: meetsFloor(report) } : {}),
  };
}

function metricsJson<L extends string>(metrics: Metrics<L>): Record<string, unknown> {
  return {
    n: metrics.n,
    macro_f1: metrics.macroF1,
    macro_labels: metrics.macroLabels,
    accuracy: metrics.accuracy,
    kappa: metrics.kappa,
    per_label: metrics.perLabel,
    confusion: metrics.confusion,
  };
}

function intervalsJson<L extends string>(i: MetricIntervals<L>): Record<string, unknown> {
  return { documents: i.documents, resamples: i.resamples, coverage: i.coverage, macro_f1: i.macroF1, per_label: i.perLabel };
}

function differenceJson(d: PairedDifference | undefined): Record<string, unknown> | null {
  return d
    ? { documents: d.documents, resamples: d.resamples, coverage: d.coverage, difference: d.difference, interval: d.interval, better_share: d.betterShare }
    : null;
}

function comparisonJson(c: Comparison): Record<string, unknown> {
  return {
    lexicons: c.lexicons,
    rules: metricsJson(c.rules),
    ...(c.targets ? { targets: { given_label: metricsJson(c.targets.givenLabel), end_to_end: metricsJson(c.targets.endToEnd) } } : {}),
    macro_f1_difference: differenceJson(c.labels),
    ...(c.targets ? { target_macro_f1_difference: differenceJson(c.targetsGivenLabel) } : {}),
    changed: c.changed,
  };
}
