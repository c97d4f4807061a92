// `spiral calibrate` without the files: gold items and a loaded lexicon set in;
// rule diagnostics, candidate terms, the fitted decision layer (rule weights,
// model.yaml, terms.yaml) and the texts of the new lexicon version out. The CLI
// edge (calibrate/files.ts) reads and writes.
import { createHash } from 'node:crypto';
import type { GoldItem } from '../eval/gold.js';
import type { Metrics } from '../eval/metrics.js';
import { computeMetrics } from '../eval/metrics.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import type { Tagger } from '../tag/tagger.js';
import { TARGET_KINDS, type Label, type TargetKind } from '../types.js';
import { findCandidates, type Candidate } from './candidates.js';
import { diagnoseRules, type RuleDiagnostic } from './diagnostics.js';
import { modelYaml, termsYaml, type Provenance } from './model-files.js';
import type { FoldUnit } from './config.js';
import { fitModel, foldSeeds, priorWeight, type ModelFit, type MoveSetting, type TargetSetting } from './model-fit.js';
import { observeForModel } from './model-observe.js';
import { observeGold, type Observation } from './observe.js';
import { rewriteSet, type EvidenceValue, type RuleEdit } from './set-edits.js';
import { MODEL_FILE, TERMS_FILE } from '../lexicon/fitted.js';
import { tagMeta } from '../eval/evaluate.js';

export interface CalibrateInput {
  set: LexiconSet;
  /** A tagger over `set` (with `forceCase` applied, if any). */
  tagger: Tagger;
  forceCase?: string;
  items: readonly GoldItem[];
  /** How the gold is named in evidence and reports, e.g. "dev.jsonl (983 items)". */
  goldName: string;
  /** The split the items were taken from, if one was chosen. */
  split?: string;
  /** The set's files (relative path → text), rewritten into the new version. */
  files: Readonly<Record<string, string>>;
  folds: number;
  seed: number;
  /** Fold draws of the repeated cross-validation (seeds seed, seed + 1, ...). */
  repeats: number;
  /** What the folds keep whole (default: the document). */
  foldBy?: FoldUnit;
  /**
   * Ids of the reference design (the first gold file): cross-validated figures
   * are reported on these, and items of other files are weighted to its label
   * shares. Undefined: every item is of the reference design.
   */
  reference?: ReadonlySet<string>;
  /** Cross-validate this moves setting only instead of choosing among the grid's (a quick, comparable figure). */
  setting?: MoveSetting;
  /** The same for the target model: this context weight and rule L2 only. */
  targetSetting?: TargetSetting;
}

/** A rule whose weight the fit moved. */
export interface Change {
  rule: string;
  old: number;
  new: number;
  fires: number;
  precision: number | null;
}

export interface CalibrationResult {
  observations: Observation[];
  diagnostics: RuleDiagnostic[];
  candidates: Record<Label, Candidate[]>;
  /** The set as it stands, on the items (in-sample). */
  before: Metrics;
  /** The chosen setting, cross-validated (folds by document, or by country): the figure to expect on new documents (or countries). */
  after: Metrics;
  targetsBefore: Metrics<TargetKind> | null;
  targetsAfter: Metrics<TargetKind>;
  fit: ModelFit;
  /** What the folds kept whole. */
  foldBy: FoldUnit;
  changes: Change[];
  terms: number;
  version: string;
  files: Record<string, string>;
}

function allRules(set: LexiconSet): Rule[] {
  return [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)];
}

const f3 = (x: number) => x.toFixed(3);

/** sha256 over what the numbers were fitted on: each item's id, label, target and text. */
export function goldHash(items: readonly GoldItem[]): string {
  const h = createHash('sha256');
  for (const item of items) h.update(`${item.id}\t${item.label}\t${item.target ?? ''}\t${item.text}\n`);
  return h.digest('hex');
}

/** Where the weight first came from, carried forward through calibrations. */
function originOf(evidence: unknown): string {
  if (typeof evidence === 'string') return evidence;
  if (evidence && typeof evidence === 'object' && typeof (evidence as { origin?: unknown }).origin === 'string') return (evidence as { origin: string }).origin;
  return JSON.stringify(evidence);
}

function evidenceFor(rule: Rule, d: RuleDiagnostic | undefined, fitted: number, input: CalibrateInput, cv: number): Record<string, EvidenceValue> {
  const prior = priorWeight(rule);
  const evidence: Record<string, EvidenceValue> = {
    calibrated: `fitted: regularised logistic regression toward the written weight ${prior}, cross-validated macro-F1 ${f3(cv)}`,
    gold: input.goldName,
    prior_weight: prior,
  };
  if (d) {
    evidence.fires = d.fires;
    if (d.agrees !== null) evidence.agrees = d.agrees;
    if (d.precision !== null) evidence.precision = Number(f3(d.precision));
  }
  evidence.origin = originOf(rule.weightEvidence);
  return evidence;
}

function shortHash(set: LexiconSet, files: Record<string, string>, items: readonly GoldItem[]): string {
  const h = createHash('sha256').update(set.hash);
  for (const [name, text] of Object.entries(files)) if (name !== 'lexicon.yaml') h.update(`${name}\0${text}\0`);
  for (const item of items) h.update(`${item.id}\t${item.label}\n`);
  return h.digest('hex').slice(0, 8);
}

/** "0.1.0" → "0.1.0+cal.1a2b3c4d"; an earlier calibration suffix is replaced. */
export function calibratedVersion(version: string, short: string): string {
  return `${version.split('+')[0]}+cal.${short}`;
}

function targetMetricsOf(tagger: Tagger, items: readonly GoldItem[]): Metrics<TargetKind> | null {
  const coded = items.filter((i) => i.target !== undefined && i.target !== 'na');
  if (coded.length === 0) return null;
  const pairs = coded.map((item) => {
    const t = tagger.tag(item.text, tagMeta(item)).target;
    // A predicted `none` has no target: count it as the prior's choice, general (codebook: "if still unclear").
    return { gold: item.target as TargetKind, predicted: (t === 'na' ? 'general' : t) as TargetKind };
  });
  return computeMetrics(pairs, TARGET_KINDS);
}

export function calibrate(input: CalibrateInput): CalibrationResult {
  const observations = observeGold(input.tagger, input.items, input.forceCase);
  const diagnostics = diagnoseRules(input.set, observations);
  const byRule = new Map(diagnostics.map((d) => [d.rule, d]));
  const candidates = findCandidates(observations);
  const foldBy = input.foldBy ?? 'document';
  const fit = fitModel(
    observeForModel(input.tagger, input.items, foldBy, input.reference),
    input.set,
    input.folds,
    foldSeeds(input.seed, input.repeats),
    input.setting,
    input.targetSetting,
  );
  const fittedWeights = new Map([...fit.moves.fitted.ruleWeights, ...fit.targets.fitted.ruleWeights]);
  const rules = new Map<string, RuleEdit>();
  const changes: Change[] = [];
  for (const rule of allRules(input.set)) {
    const fitted = fittedWeights.get(rule.id);
    if (fitted === undefined) continue;
    const d = byRule.get(rule.id);
    const cv = rule.category.startsWith('target_') ? fit.targets.chosen.macroF1 : fit.moves.chosen.macroF1;
    rules.set(rule.id, { weight: fitted, evidence: evidenceFor(rule, d, fitted, input, cv) });
    if (fitted !== rule.weight) changes.push({ rule: rule.id, old: rule.weight, new: fitted, fires: d?.fires ?? 0, precision: d?.precision ?? null });
  }
  changes.sort((a, b) => Math.abs(b.new - b.old) - Math.abs(a.new - a.old) || (a.rule < b.rule ? -1 : 1));
  const provenance: Provenance = {
    gold: input.goldName,
    goldSha256: goldHash(input.items),
    items: input.items.length,
    folds: input.folds,
    seed: input.seed,
    repeats: input.repeats,
    foldBy,
  };
  if (input.split) provenance.split = input.split;
  const generated = { [MODEL_FILE]: modelYaml(fit.model, provenance, fit), [TERMS_FILE]: termsYaml(fit.moves.fitted.terms, provenance, fit) };
  const ruleFiles = new Map(allRules(input.set).map((r) => [r.id, r.file]));
  const draft = rewriteSet(input.files, ruleFiles, { rules, generated, version: input.set.version });
  const version = calibratedVersion(input.set.version, shortHash(input.set, draft, input.items));
  const files = rewriteSet(input.files, ruleFiles, { rules, generated, version });
  return {
    observations,
    diagnostics,
    candidates,
    before: computeMetrics(observations.map((o) => ({ gold: o.gold, predicted: o.result.label }))),
    after: fit.moves.chosen.metrics,
    targetsBefore: targetMetricsOf(input.tagger, input.items),
    targetsAfter: fit.targets.chosen.metrics,
    fit,
    foldBy,
    changes,
    terms: fit.moves.fitted.terms.size,
    version,
    files,
  };
}

/** The written set checked with the real tagger on the items it was fitted on (in-sample). */
export interface SetCheck {
  inSampleBefore: Metrics;
  inSampleAfter: Metrics;
}

export function checkWrittenSet(result: CalibrationResult, newTagger: Tagger, items: readonly GoldItem[]): SetCheck {
  const tagged = items.map((item) => newTagger.tag(item.text, tagMeta(item)).label);
  return {
    inSampleBefore: result.before,
    inSampleAfter: computeMetrics(items.map((item, i) => ({ gold: item.label, predicted: tagged[i] }))),
  };
}
