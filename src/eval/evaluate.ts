// Tag every gold item with the rule tagger and compare: the metrics, and the
// misclassified items with the evidence that led the tagger astray.
import { TARGET_KINDS, type Evidence, type Flag, type Label, type MoveLabel, type TagResult, type Target, type TargetKind } from '../types.js';
import { calibrationReport, type CalibrationReport } from './calibration.js';
import { documentOf, type GoldItem } from './gold.js';
import type { DocumentPair } from './intervals.js';
import { computeMetrics, type Metrics } from './metrics.js';

export interface GoldTagMeta {
  country?: string;
  year?: number;
  venue?: string;
  context?: string;
  targetGiven?: MoveLabel;
}

export type TagFunction = (text: string, meta: GoldTagMeta) => TagResult;

export interface TaggedItem {
  item: GoldItem;
  result: TagResult;
}

export function tagGoldItems(items: readonly GoldItem[], tag: TagFunction): TaggedItem[] {
  return items.map((item) => ({ item, result: tag(item.text, tagMeta(item)) }));
}

/** What the tagger may know of a gold item: its metadata and the sentence before, as in a run. */
export function tagMeta(item: GoldItem): GoldTagMeta {
  const meta: GoldTagMeta = {};
  if (item.meta.country !== undefined) meta.country = item.meta.country;
  if (item.meta.year !== undefined) meta.year = item.meta.year;
  if (item.meta.venue !== undefined) meta.venue = item.meta.venue;
  if (item.meta.context !== undefined) meta.context = item.meta.context;
  return meta;
}

/** Each item's gold and predicted label, with its document (for intervals that resample documents). */
export function labelPairs(tagged: readonly TaggedItem[]): Array<DocumentPair<Label>> {
  return tagged.map(({ item, result }) => ({ gold: item.label, predicted: result.label, document: documentOf(item) }));
}

export function rulesMetrics(tagged: readonly TaggedItem[]): Metrics {
  return computeMetrics(labelPairs(tagged));
}

/** Target columns: the three targets, and `na` for a move the tagger called `none`. */
export const TARGET_COLUMNS = [...TARGET_KINDS, 'na'] as const satisfies readonly Target[];

export interface TargetEvaluation {
  /** End to end: the tagger's own target, `na` when it missed the move. */
  endToEnd: Metrics<Target>;
  /** Attribution alone: the target decided as if the tagger had found the gold move. */
  givenLabel: Metrics<Target>;
}

/** Targets average over self, other and general; `na` (a missed move) stays in the confusion matrix only. */
export const TARGET_MACRO_OVER: readonly Target[] = TARGET_KINDS;

export interface TargetPairs {
  endToEnd: Array<DocumentPair<Target>>;
  givenLabel: Array<DocumentPair<Target>>;
}

/** Items with a coded target on a move, paired both ways; undefined when the gold codes no targets. */
export function targetPairs(tagged: readonly TaggedItem[], tag: TagFunction): TargetPairs | undefined {
  const coded = tagged.filter(({ item }) => item.target !== undefined && item.target !== 'na');
  if (coded.length === 0) return undefined;
  return {
    endToEnd: coded.map(({ item, result }) => ({ gold: item.target as Target, predicted: result.target, document: documentOf(item) })),
    givenLabel: coded.map(({ item }) => ({
      gold: item.target as Target,
      predicted: tag(item.text, { ...tagMeta(item), targetGiven: item.label as MoveLabel }).target,
      document: documentOf(item),
    })),
  };
}

export function targetMetrics(pairs: TargetPairs): TargetEvaluation {
  return {
    endToEnd: computeMetrics(pairs.endToEnd, TARGET_COLUMNS, TARGET_MACRO_OVER),
    givenLabel: computeMetrics(pairs.givenLabel, TARGET_COLUMNS, TARGET_MACRO_OVER),
  };
}

export function confidenceCalibration(tagged: readonly TaggedItem[]): CalibrationReport {
  return calibrationReport(tagged.map(({ item, result }) => ({ confidence: result.confidence, correct: result.label === item.label, flags: result.flags })));
}

export type { TargetKind };

/** One line of the errors file: what the gold says, what the tagger said, and why. */
export interface Misclassification {
  id: string;
  line: number;
  gold: Label;
  predicted: Label;
  text: string;
  country?: string;
  year?: number;
  venue?: string;
  confidence: number;
  relevant: boolean;
  scores: Record<MoveLabel, number>;
  flags: Flag[];
  evidence: Evidence[];
  gold_target?: Target;
  target: Target;
}

export function misclassifications(tagged: readonly TaggedItem[]): Misclassification[] {
  return tagged
    .filter(({ item, result }) => item.label !== result.label || (item.target !== undefined && item.target !== result.target))
    .map(({ item, result }) => ({
      id: item.id,
      line: item.line,
      gold: item.label,
      predicted: result.label,
      text: item.text,
      ...(item.meta.country !== undefined ? { country: item.meta.country } : {}),
      ...(item.meta.year !== undefined ? { year: item.meta.year } : {}),
      ...(item.meta.venue !== undefined ? { venue: item.meta.venue } : {}),
      confidence: result.confidence,
      relevant: result.relevant,
      scores: result.scores,
      flags: result.flags,
      evidence: result.evidence,
      ...(item.target !== undefined ? { gold_target: item.target } : {}),
      target: result.target,
    }));
}
