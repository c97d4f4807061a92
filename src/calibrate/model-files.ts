// The texts of model.yaml and terms.yaml as calibrate writes them: every number
// fitted, with where it came from (the gold, its hash, the cross-validated
// figures) at the top, so a reader sees the evidence beside the weights.
import type { ModelConfig } from '../tag/model.js';
import { LABELS, MOVE_LABELS, TARGET_KINDS, type Label } from '../types.js';
import { crossValidationText, type FoldUnit } from './config.js';
import type { ModelFit } from './model-fit.js';

export interface Provenance {
  gold: string;
  /** sha256 over the items (id, label, target, text) the numbers were fitted on. */
  goldSha256: string;
  items: number;
  split?: string;
  folds: number;
  seed: number;
  repeats: number;
  foldBy: FoldUnit;
}

const num = (x: number) => String(Math.round(x * 1e4) / 1e4);
const vector = (v: Record<string, number>, keys: readonly string[]) => `{ ${keys.map((k) => `${k}: ${num(v[k])}`).join(', ')} }`;
const f3 = (x: number) => x.toFixed(3);

/** How the moves and targets settings were reached: given (`--setting`, `--target-setting`: two sets compared at one setting) or chosen from the grid. */
function settingBasis(fit: ModelFit): string {
  const moves = fit.moves.tried.length;
  const targets = fit.targets.tried.length;
  const movesBasis = moves === 1 ? 'moves setting given (--setting), not chosen from the grid' : `moves setting chosen from a grid of ${moves}`;
  const targetsBasis = targets === 1 ? 'targets setting given (--target-setting)' : `targets setting chosen from a grid of ${targets}`;
  return `${movesBasis}; ${targetsBasis}`;
}

function fittedOn(p: Provenance, fit: ModelFit): string[] {
  const m = fit.moves.chosen;
  const t = fit.targets.chosen;
  return [
    'fitted_on:',
    `  gold: ${JSON.stringify(p.gold)}`,
    `  gold_sha256: ${p.goldSha256}`,
    `  items: ${p.items}`,
    ...(p.split ? [`  split: ${p.split}`] : []),
    `  method: "spiral calibrate: regularised multinomial logistic regression, ${crossValidationText(p)}; ${settingBasis(fit)}"`,
    `  moves_setting: { rule_l2: ${m.setting.ruleL2}, term_l1: ${m.setting.termL1 ?? 'null'}, class_weight_power: ${m.setting.classWeightPower} }`,
    `  moves_cv_macro_f1: ${f3(m.macroF1)}`,
    `  moves_cv_f1: ${vector(Object.fromEntries(LABELS.map((l) => [l, m.metrics.perLabel[l].f1])), LABELS)}`,
    `  targets_setting: { context_weight: ${t.setting.contextWeight}, rule_l2: ${t.setting.ruleL2} }`,
    `  targets_cv_macro_f1: ${f3(t.macroF1)}`,
  ];
}

function moveRuleBiasLines(bias: ModelConfig['targets']['move_rule_bias']): string[] {
  const rules = Object.keys(bias).sort();
  if (rules.length === 0) return ['  move_rule_bias: {}'];
  return [
    '  move_rule_bias:',
    ...rules.map(
      (r) =>
        `    ${r}: ${vector(
          bias[r] as Record<string, number>,
          TARGET_KINDS.filter((k) => bias[r][k] !== undefined),
        )}`,
    ),
  ];
}

export function modelYaml(model: ModelConfig, p: Provenance, fit: ModelFit): string {
  const m = model.moves;
  const t = model.targets;
  return [
    '# The decision layer (src/tag/model.ts): every number here is fitted by',
    '# `spiral calibrate` and replaced whole by the next calibration.',
    "# moves: a label's score is its bias (+ upr_bias in UPR reports) + the weights",
    '# of its rules that fired + its term weights; relevance (capped) and the',
    '# relevance of the sentence before count against `none`. Confidence is the',
    '# softmax at `temperature`, fitted on cross-validated scores.',
    '# targets: the same over target evidence (self / other / general), with a',
    '# bias per move label and the evidence of the sentence before at context_weight.',
    ...fittedOn(p, fit),
    'moves:',
    `  bias: ${vector(m.bias, LABELS)}`,
    `  upr_bias: ${vector(m.upr_bias, LABELS)}`,
    `  relevance_weight: ${num(m.relevance_weight)}`,
    `  relevance_cap: ${num(m.relevance_cap)}`,
    `  context_relevance_weight: ${num(m.context_relevance_weight)}`,
    `  temperature: ${num(m.temperature)}`,
    'targets:',
    `  bias: ${vector(t.bias, TARGET_KINDS)}`,
    '  label_bias:',
    ...MOVE_LABELS.map((l) => `    ${l}: ${vector(t.label_bias[l], TARGET_KINDS)}`),
    `  upr_bias: ${vector(t.upr_bias, TARGET_KINDS)}`,
    `  context_weight: ${num(t.context_weight)}`,
    `  other_country_weight: ${num(t.other_country_weight)}`,
    `  own_country_weight: ${num(t.own_country_weight)}`,
    `  speaker_voice_weight: ${num(t.speaker_voice_weight)}`,
    `  own_victim_weight: ${num(t.own_victim_weight)}`,
    `  first_mention_weight: ${num(t.first_mention_weight)}`,
    ...moveRuleBiasLines(t.move_rule_bias),
    `  temperature: ${num(t.temperature)}`,
    '',
  ].join('\n');
}

export function termsYaml(terms: ReadonlyMap<string, Partial<Record<Label, number>>>, p: Provenance, fit: ModelFit): string {
  const rows = [...terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    '# The weighted term layer: Porter stems (natural) with a fitted weight per label,',
    '# added to the label scores when a word with that stem is in the sentence',
    '# (once per sentence). L1-regularised, so most stems have no weight; each term',
    '# shows as evidence (`term.<stem>`) in the tagger output. Written by `spiral calibrate`.',
    ...fittedOn(p, fit),
    rows.length === 0 ? 'terms: {}' : 'terms:',
    ...rows.map(
      ([term, w]) =>
        `  ${term}: ${vector(
          w as Record<string, number>,
          LABELS.filter((l) => w[l] !== undefined),
        )}`,
    ),
    '',
  ].join('\n');
}
