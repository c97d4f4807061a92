// Tag every gold item with the rule tagger and compare: the metrics, and the
// misclassified items with the evidence that led the tagger astray.
import type { Evidence, Flag, Label, MoveLabel, TagResult } from '../types.js';
import type { GoldItem } from './gold.js';
import { computeMetrics, type Metrics } from './metrics.js';

export type TagFunction = (text: string, meta: { country?: string; year?: number }) => TagResult;

export interface TaggedItem {
  item: GoldItem;
  result: TagResult;
}

export function tagGoldItems(items: readonly GoldItem[], tag: TagFunction): TaggedItem[] {
  return items.map((item) => ({ item, result: tag(item.text, tagMeta(item)) }));
}

function tagMeta(item: GoldItem): { country?: string; year?: number } {
  const meta: { country?: string; year?: number } = {};
  if (item.meta.country !== undefined) meta.country = item.meta.country;
  if (item.meta.year !== undefined) meta.year = item.meta.year;
  return meta;
}

export function rulesMetrics(tagged: readonly TaggedItem[]): Metrics {
  return computeMetrics(tagged.map(({ item, result }) => ({ gold: item.label, predicted: result.label })));
}

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
}

export function misclassifications(tagged: readonly TaggedItem[]): Misclassification[] {
  return tagged
    .filter(({ item, result }) => item.label !== result.label)
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
    }));
}
