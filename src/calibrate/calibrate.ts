// `spiral calibrate` without the files: gold items and a loaded lexicon set in,
// diagnostics, candidate terms, the kept weight changes and the texts of the new
// lexicon version out. The CLI edge (calibrate/files.ts) reads and writes.
import { createHash } from 'node:crypto';
import type { GoldItem } from '../eval/gold.js';
import type { Metrics } from '../eval/metrics.js';
import { computeMetrics } from '../eval/metrics.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import type { Tagger } from '../tag/tagger.js';
import type { Label } from '../types.js';
import { findCandidates, type Candidate } from './candidates.js';
import { FITTED_THRESHOLDS, FITTING, type FittedThreshold } from './config.js';
import { diagnoseRules, type RuleDiagnostic } from './diagnostics.js';
import { createJudge } from './judge.js';
import { paramsOf, predictLabel, type Params } from './fast-score.js';
import { describeKey, fittableKeys, valueOf, type ParamKey } from './fit.js';
import { observeGold, observeLabelledExamples, type Observation } from './observe.js';
import { changedKeys, selectChanges, type KeptChange, type RejectedChange } from './select.js';
import { rewriteSet, type EvidenceValue, type RuleEdit, type SetEdits } from './write-set.js';

export interface CalibrateInput {
  set: LexiconSet;
  /** A tagger over `set` (with `forceCase` applied, if any). */
  tagger: Tagger;
  forceCase?: string;
  items: readonly GoldItem[];
  /** How the gold is named in evidence and reports, e.g. "dev.jsonl (477 items)". */
  goldName: string;
  /** The set's files (relative path → text), rewritten into the new version. */
  files: Readonly<Record<string, string>>;
  folds: number;
  seed: number;
}

export interface Change {
  key: ParamKey;
  kind: 'weight' | 'threshold';
  name: string;
  old: number;
  new: number;
  cvBefore: number;
  cvAfter: number;
  why: string;
}

export interface Proposal {
  key: ParamKey;
  kind: 'weight' | 'threshold';
  name: string;
  old: number;
  proposed: number;
  cvBefore: number;
  cvAfter: number;
}

export interface CalibrationResult {
  observations: Observation[];
  diagnostics: RuleDiagnostic[];
  candidates: Record<Label, Candidate[]>;
  before: Metrics;
  after: Metrics;
  changes: Change[];
  rejected: Proposal[];
  final: Params;
  /** Labels the re-scorer gives every gold item with the final parameters (checked against the real tagger). */
  predicted: Label[];
  version: string;
  files: Record<string, string>;
}

function allRules(set: LexiconSet): Rule[] {
  return [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)];
}

function startParams(set: LexiconSet): Params {
  return paramsOf(allRules(set).map((r) => [r.id, r.weight]), set.scoring);
}

const f3 = (x: number) => x.toFixed(3);

function whyText(kept: KeptChange, d: RuleDiagnostic | undefined): string {
  const cv = `cross-validated macro-F1 ${f3(kept.cvBefore)} → ${f3(kept.cvAfter)} with it free`;
  if (!d) return cv;
  const precision = d.precision === null ? '' : `, ${d.agrees} agree with gold (precision ${f3(d.precision)})`;
  return `${cv}; fires on ${d.fires} gold items${precision}; decided ${d.deciding} labels (${d.decidingCorrect} right)`;
}

function changesOf(start: Params, final: Params, kept: KeptChange[], diagnostics: Map<string, RuleDiagnostic>): Change[] {
  const changed = new Set(changedKeys(start, final, kept.map((k) => k.key)));
  return kept
    .filter((k) => changed.has(k.key))
    .map((k) => {
      const { kind, name } = describeKey(k.key);
      return { key: k.key, kind, name, old: valueOf(start, k.key), new: valueOf(final, k.key), cvBefore: k.cvBefore, cvAfter: k.cvAfter, why: whyText(k, diagnostics.get(name)) };
    });
}

function proposalsOf(start: Params, rejected: RejectedChange[]): Proposal[] {
  return rejected.map((r) => {
    const { kind, name } = describeKey(r.key);
    return { key: r.key, kind, name, old: valueOf(start, r.key), proposed: r.proposed, cvBefore: r.cvBefore, cvAfter: r.cvAfter };
  });
}

/** Where the weight first came from, carried forward through calibrations. */
function originOf(evidence: unknown): string {
  if (typeof evidence === 'string') return evidence;
  if (evidence && typeof evidence === 'object' && typeof (evidence as { origin?: unknown }).origin === 'string') return (evidence as { origin: string }).origin;
  return JSON.stringify(evidence);
}

function evidenceFor(rule: Rule, d: RuleDiagnostic, change: Change | undefined, input: CalibrateInput): Record<string, EvidenceValue> {
  const fitted = Boolean(change) || d.fires >= FITTING.minRuleSupport;
  const evidence: Record<string, EvidenceValue> = {
    calibrated: change ? 'changed' : fitted ? 'kept' : `not fitted (fires on fewer than ${FITTING.minRuleSupport} gold items)`,
  };
  if (fitted) evidence.method = `spiral calibrate: coordinate search, ${input.folds}-fold cross-validation (seed ${input.seed})`;
  evidence.gold = input.goldName;
  evidence.fires = d.fires;
  if (d.agrees !== null) evidence.agrees = d.agrees;
  if (d.precision !== null) evidence.precision = Number(f3(d.precision));
  evidence.deciding = d.deciding;
  if (change) {
    evidence.previous_weight = change.old;
    evidence.cv_macro_f1 = `${f3(change.cvBefore)} -> ${f3(change.cvAfter)}`;
  }
  evidence.origin = originOf(rule.weightEvidence);
  return evidence;
}

function shortHash(set: LexiconSet, changes: Change[], items: readonly GoldItem[]): string {
  const h = createHash('sha256').update(set.hash);
  for (const c of changes) h.update(`${c.key}=${c.new}\n`);
  for (const item of items) h.update(`${item.id}\t${item.label}\n`);
  return h.digest('hex').slice(0, 8);
}

/** "0.1.0" → "0.1.0+cal.1a2b3c4d"; an earlier calibration suffix is replaced. */
export function calibratedVersion(version: string, short: string): string {
  return `${version.split('+')[0]}+cal.${short}`;
}

function editsOf(input: CalibrateInput, changes: Change[], diagnostics: Map<string, RuleDiagnostic>, final: Params, version: string): SetEdits {
  const byName = new Map(changes.map((c) => [`${c.kind}:${c.name}`, c]));
  const rules = new Map<string, RuleEdit>();
  for (const rule of allRules(input.set)) {
    const change = byName.get(`weight:${rule.id}`);
    rules.set(rule.id, { weight: final.weights.get(rule.id)!, evidence: evidenceFor(rule, diagnostics.get(rule.id)!, change, input) });
  }
  const scoring = new Map<FittedThreshold, { value: number; note: string }>();
  for (const name of FITTED_THRESHOLDS) {
    const change = byName.get(`threshold:${name}`);
    if (change) scoring.set(name, { value: change.new, note: `calibrated (was ${change.old}): ${input.goldName}, cross-validated macro-F1 ${f3(change.cvBefore)} -> ${f3(change.cvAfter)}` });
  }
  return { rules, scoring, version };
}

export function calibrate(input: CalibrateInput): CalibrationResult {
  const observations = observeGold(input.tagger, input.items, input.forceCase);
  const diagnostics = diagnoseRules(input.set, observations);
  const byRule = new Map(diagnostics.map((d) => [d.rule, d]));
  const candidates = findCandidates(observations);
  const start = startParams(input.set);
  const examples = observeLabelledExamples(input.tagger).map((e) => e.observation);
  const judge = createJudge(input.set, input.items, input.forceCase);
  const selection = selectChanges({ items: observations, start, candidates: fittableKeys(observations), examples, folds: input.folds, seed: input.seed, judge });
  const changes = changesOf(start, selection.final, selection.kept, byRule);
  const version = calibratedVersion(input.set.version, shortHash(input.set, changes, input.items));
  const ruleFiles = new Map(allRules(input.set).map((r) => [r.id, r.file]));
  const files = rewriteSet(input.files, ruleFiles, editsOf(input, changes, byRule, selection.final, version));
  return {
    observations,
    diagnostics,
    candidates,
    before: selection.before,
    after: selection.after,
    changes,
    rejected: proposalsOf(start, selection.rejected),
    final: selection.final,
    predicted: observations.map((o) => predictLabel(o, selection.final)),
    version,
    files,
  };
}

/** The written set checked with the real tagger: in-sample metrics and where the re-scorer disagreed with it. */
export interface SetCheck {
  inSampleBefore: Metrics;
  inSampleAfter: Metrics;
  mismatches: Array<{ id: string; rescored: Label; tagged: Label }>;
}

export function checkWrittenSet(result: CalibrationResult, newTagger: Tagger, items: readonly GoldItem[]): SetCheck {
  const tagged = items.map((item) => newTagger.tag(item.text, { country: item.meta.country, year: item.meta.year }).label);
  const mismatches = items
    .map((item, i) => ({ id: item.id, rescored: result.predicted[i], tagged: tagged[i] }))
    .filter((m) => m.rescored !== m.tagged);
  return {
    inSampleBefore: computeMetrics(result.observations.map((o) => ({ gold: o.gold, predicted: o.result.label }))),
    inSampleAfter: computeMetrics(items.map((item, i) => ({ gold: item.label, predicted: tagged[i] }))),
    mismatches,
  };
}
