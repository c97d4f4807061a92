// `spiral review agreement`: how far two annotators agree, over the items both
// decided (skips left out): Cohen's kappa on the labels, and on the targets of
// the items both coded as a move (with a target each). Decisions are paired by
// utterance id and sentence text (text_sha256), each annotator's latest per
// utterance. Pure; the CLI reads the logs (files.ts).
import { cohensKappa, confusionMatrix } from '../eval/metrics.js';
import { LABELS, TARGET_KINDS, type Label, type TargetKind } from '../types.js';
import { decidedHash } from './attach.js';
import { annotatorLabel } from './files.js';
import { latestDecisions, type ReviewRecord } from './log.js';

export interface Agreement<L extends string> {
  items: number;
  agreed: number;
  /** agreed / items (0 with no items). */
  share: number;
  /** Cohen's kappa; null with no items. */
  kappa: number | null;
  /** confusion[first annotator's][second annotator's] = count. */
  confusion: Record<L, Record<L, number>>;
}

export interface AgreementReport {
  annotators: [string, string];
  labels: Agreement<Label>;
  targets: Agreement<TargetKind>;
  /** Decided (not skipped) by one annotator only. */
  onlyFirst: number;
  onlySecond: number;
  /** Decided by both, skipped by at least one. */
  skipped: number;
  /** The same id decided on different sentence texts (a re-classified run): not paired. */
  differentText: number;
}

function agreementOf<L extends string>(pairs: Array<{ gold: L; predicted: L }>, labels: readonly L[]): Agreement<L> {
  const confusion = confusionMatrix(pairs, labels);
  const agreed = pairs.filter((p) => p.gold === p.predicted).length;
  return {
    items: pairs.length,
    agreed,
    share: pairs.length ? agreed / pairs.length : 0,
    kappa: pairs.length ? cohensKappa(confusion, pairs.length, labels) : null,
    confusion,
  };
}

const isMoveTarget = (t: unknown): t is TargetKind => (TARGET_KINDS as readonly unknown[]).includes(t);

export function agreement(first: readonly ReviewRecord[], second: readonly ReviewRecord[], annotators: [string, string]): AgreementReport {
  const a = latestDecisions(first);
  const b = latestDecisions(second);
  const labelPairs: Array<{ gold: Label; predicted: Label }> = [];
  const targetPairs: Array<{ gold: TargetKind; predicted: TargetKind }> = [];
  let skipped = 0;
  let differentText = 0;
  for (const [id, ra] of a) {
    const rb = b.get(id);
    if (!rb) continue;
    const ha = decidedHash(ra);
    const hb = decidedHash(rb);
    if (ha !== undefined && hb !== undefined && ha !== hb) {
      differentText++;
      continue;
    }
    if (ra.label === null || rb.label === null) {
      skipped++;
      continue;
    }
    labelPairs.push({ gold: ra.label, predicted: rb.label });
    if (ra.label !== 'none' && rb.label !== 'none' && isMoveTarget(ra.target) && isMoveTarget(rb.target))
      targetPairs.push({ gold: ra.target, predicted: rb.target });
  }
  const decided = (m: Map<string, ReviewRecord>, other: Map<string, ReviewRecord>) =>
    [...m.values()].filter((r) => r.label !== null && !other.has(r.id)).length;
  return {
    annotators,
    labels: agreementOf(labelPairs, LABELS),
    targets: agreementOf(targetPairs, TARGET_KINDS),
    onlyFirst: decided(a, b),
    onlySecond: decided(b, a),
    skipped,
    differentText,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const kappaText = (k: number | null) => (k === null ? 'undefined (no items)' : k.toFixed(3));

function confusionTable<L extends string>(confusion: Record<L, Record<L, number>>, labels: readonly L[], rows: string, columns: string): string[] {
  const width = Math.max(...labels.map((l) => l.length), rows.length + 2);
  const head = `${`${rows} ↓ ${columns} →`.padEnd(width + 4)}${labels.map((l) => l.padStart(Math.max(8, l.length + 1))).join('')}`;
  return [head, ...labels.map((r) => `${r.padEnd(width + 4)}${labels.map((c) => String(confusion[r][c]).padStart(Math.max(8, c.length + 1))).join('')}`)];
}

export function formatAgreement(r: AgreementReport): string {
  const [first, second] = r.annotators.map(annotatorLabel);
  const lines = [
    `annotators: ${first}, ${second}`,
    `items both decided: ${r.labels.items} (${first} only: ${r.onlyFirst}, ${second} only: ${r.onlySecond}; skipped by either: ${r.skipped}${r.differentText ? `; same id, different sentence: ${r.differentText}` : ''})`,
    `labels: agreement ${pct(r.labels.share)} (${r.labels.agreed} of ${r.labels.items}), Cohen's kappa ${kappaText(r.labels.kappa)}`,
    `targets (items both coded as a move, with a target): ${r.targets.items}, agreement ${pct(r.targets.share)} (${r.targets.agreed} of ${r.targets.items}), Cohen's kappa ${kappaText(r.targets.kappa)}`,
    '',
    ...confusionTable(r.labels.confusion, LABELS, first, second),
    '',
    ...confusionTable(r.targets.confusion, TARGET_KINDS, first, second),
  ];
  return `${lines.join('\n')}\n`;
}
