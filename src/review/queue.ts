// The review queue: the utterances of a run a strategy picks, in its order,
// each with the sentences around it in its document.
//
//   flagged      every flagged utterance, by country, year, document, position
//   rule:<id>    every utterance whose evidence holds that rule, in the same order
//   uncertainty  the `size` utterances with the lowest confidence margin
//                (margin.ts), lowest first: where the tagger hesitates most
//   random       `size` utterances drawn uniformly with a seed: each utterance's
//                place is the hash of the seed and its id, so the draw does not
//                depend on the order of the file, and any first k items of the
//                queue are a uniform sample of the run (for unbiased evaluation)
//   match:<p|p>  `size` utterances drawn the same way from those that match one
//                of the key-word patterns (kwic syntax: words, phrases, globs),
//                optionally leaving out the labels given: "the sentences with a
//                rejecting cue word the tagger did not call rejecting" is a
//                recall sample (what the rules miss), which no other queue gives
//
// Uncertainty and random read the file twice: once to rank every utterance
// (keeping only ids and keys), once to collect the chosen ones with context.
// Context is one streaming pass: the last few sentences of each document are
// remembered for "before", and a chosen utterance stays open until the next
// few of its document arrive for "after". Context is matched by `doc` and
// `n`: lines of a document may arrive out of order (within the last few seen)
// and still find their neighbours.
import { createHash } from 'node:crypto';
import { wordSpans } from '../aggregate/words.js';
import { compileKwicPattern, kwicMatches, type KwicPattern } from '../kwic/core.js';
import { forEachUtterance } from '../run/aggregate.js';
import { compareUtterances, type UtteranceLine } from '../run/lines.js';
import { movesWithoutRules } from '../tag/model.js';
import { isUprVenue } from '../tag/tagger.js';
import { isTarget, MOVE_LABELS, type Label, type MoveLabel, type Target } from '../types.js';
import { ReviewError } from './errors.js';
import type { SampledBy } from './log.js';
import { confidenceMargin, type DecisionLayer } from './margin.js';

/** Sentences of context shown on each side of the utterance under review. */
export const CONTEXT_SENTENCES = 2;
/** Items in an uncertainty or random queue unless `--size` says otherwise. */
export const DEFAULT_SAMPLE_SIZE = 500;
/** Seed of the random queue unless `--seed` says otherwise. */
export const DEFAULT_SEED = 1;

export type QueueStrategy =
  | { kind: 'flagged' }
  | { kind: 'uncertainty' }
  | { kind: 'random'; seed: number }
  | { kind: 'rule'; rule: string }
  /** `patterns`: kwic patterns joined by `|`; `without`: labels left out (none: every match). */
  | { kind: 'match'; patterns: string; seed: number; without: readonly Label[] };

export function sampledByOfStrategy(s: QueueStrategy): SampledBy {
  if (s.kind === 'rule') return `rule:${s.rule}`;
  if (s.kind === 'match') return `match:${s.patterns}${s.without.length > 0 ? ` not:${s.without.join(',')}` : ''}`;
  return s.kind;
}

/** The compiled alternatives of `a|b c|d*`; an error naming the one with no word. */
export function compileMatchPatterns(patterns: string): KwicPattern[] {
  return patterns.split('|').map((p) => {
    const compiled = compileKwicPattern(p);
    if (!compiled) throw new ReviewError(`match pattern "${patterns}": an alternative has no word (patterns are words, phrases or globs joined by |)`);
    return compiled;
  });
}

/** Whether the text holds a match of any of the patterns, as `spiral kwic` finds them. */
export function matchesAny(text: string, patterns: readonly KwicPattern[]): boolean {
  const spans = wordSpans(text);
  return patterns.some((p) => kwicMatches(text, spans, p, 0).length > 0);
}

export interface QueueSpec {
  strategy: QueueStrategy;
  /** Most items (default: all for flagged and rule, DEFAULT_SAMPLE_SIZE for uncertainty and random). */
  size?: number;
  /** The run's decision layer: needed by the uncertainty queue. */
  layer?: DecisionLayer;
  context?: number;
}

export interface QueueItem extends UtteranceLine {
  index: number;
  before: string[];
  after: string[];
  /** The tagger's target (`na` with none), when the line has one. */
  target: Target | null;
  /** The confidence margin (uncertainty queue). */
  margin?: number;
}

interface Open {
  item: QueueItem;
  before: Map<number, string>;
  after: Map<number, string>;
}

function ordered(texts: Map<number, string>): string[] {
  return [...texts.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

/** What a strategy says of one utterance: not chosen (undefined), or chosen with its margin. */
type Chooser = (u: UtteranceLine, raw: unknown) => { margin?: number } | undefined;

export class QueueBuilder {
  private readonly items: QueueItem[] = [];
  /** The last sentences seen per document (for the "before" of a chosen one). */
  private readonly recent = new Map<string, Array<{ n: number; text: string }>>();
  /** Chosen utterances whose context is not complete yet, per document. */
  private readonly open = new Map<string, Open[]>();

  constructor(
    private readonly context: number = CONTEXT_SENTENCES,
    private readonly pick: Chooser = (u) => (u.flags.length > 0 ? {} : undefined),
  ) {}

  add(u: UtteranceLine, raw: unknown = {}): void {
    this.offerContext(u);
    const recent = this.recent.get(u.doc) ?? [];
    const picked = this.pick(u, raw);
    if (picked) this.openItem(u, raw, picked.margin, recent);
    recent.push({ n: u.n, text: u.text });
    // Twice the context: in-order input needs `context`, the rest helps a shuffled file.
    if (recent.length > 2 * this.context) recent.shift();
    this.recent.set(u.doc, recent);
  }

  private isNear(n: number, of: number): boolean {
    return n !== of && Math.abs(n - of) <= this.context;
  }

  private openItem(u: UtteranceLine, raw: unknown, margin: number | undefined, recent: ReadonlyArray<{ n: number; text: string }>): void {
    const item: QueueItem = { ...u, index: -1, before: [], after: [], target: targetOf(raw), ...(margin !== undefined ? { margin } : {}) };
    this.items.push(item);
    const entry: Open = { item, before: new Map(), after: new Map() };
    for (const r of recent) if (this.isNear(r.n, u.n)) (r.n < u.n ? entry.before : entry.after).set(r.n, r.text);
    const list = this.open.get(u.doc) ?? [];
    list.push(entry);
    this.open.set(u.doc, list);
  }

  private offerContext(u: UtteranceLine): void {
    const list = this.open.get(u.doc);
    if (!list) return;
    for (const o of list) {
      if (!this.isNear(u.n, o.item.n)) continue;
      (u.n < o.item.n ? o.before : o.after).set(u.n, u.text);
    }
    const stillOpen = list.filter((o) => !this.isComplete(o));
    for (const o of list) if (this.isComplete(o)) close(o);
    if (stillOpen.length > 0) this.open.set(u.doc, stillOpen);
    else this.open.delete(u.doc);
  }

  private isComplete(o: Open): boolean {
    return o.after.size >= this.context && o.before.size >= Math.min(this.context, o.item.n);
  }

  /** The items in queue order: `order` (default: country, year, document, position), indexed. */
  finish(order: (a: QueueItem, b: QueueItem) => number = compareUtterances): QueueItem[] {
    for (const list of this.open.values()) list.forEach(close);
    this.open.clear();
    const sorted = [...this.items].sort(order);
    sorted.forEach((item, index) => (item.index = index));
    return sorted;
  }
}

function close(o: Open): void {
  o.item.before = ordered(o.before);
  o.item.after = ordered(o.after);
}

function targetOf(raw: unknown): Target | null {
  const t = (raw as { target?: unknown } | null)?.target;
  return isTarget(t) ? t : null;
}

function scoresOf(raw: unknown): Partial<Record<MoveLabel, number>> | null {
  const scores = (raw as { scores?: unknown } | null)?.scores;
  if (typeof scores !== 'object' || scores === null) return null;
  const out: Partial<Record<MoveLabel, number>> = {};
  for (const m of MOVE_LABELS) {
    const v = (scores as Record<string, unknown>)[m];
    if (typeof v === 'number' && Number.isFinite(v)) out[m] = v;
  }
  return out;
}

/** The rejecting moves no rule of their own fired for in the line: the tagger could not choose them. */
export function closedMoves(raw: unknown): MoveLabel[] {
  const evidence = (raw as { evidence?: unknown } | null)?.evidence;
  const list = Array.isArray(evidence) ? (evidence as Array<{ category?: unknown; weight?: unknown }>) : [];
  return movesWithoutRules(list.filter((e) => typeof e.weight === 'number' && e.weight > 0));
}

/** The margin of one line under the run's decision layer (null: the line has no confidence or scores). */
export function marginOfLine(u: UtteranceLine, raw: unknown, layer: DecisionLayer): number | null {
  return confidenceMargin(
    { label: u.label, confidence: u.confidence, scores: scoresOf(raw), upr: isUprVenue(u.venue ?? undefined), closed: closedMoves(raw) },
    layer,
  );
}

/** A number from the seed and the id, the same on every machine: the random queue's order. */
export function drawKey(seed: number, id: string): number {
  return createHash('sha256').update(`${seed}\u0000${id}`, 'utf8').digest().readUIntBE(0, 6);
}

/** What ranks an utterance for the first pass: its key and what compareUtterances needs to break ties. */
interface Ranked {
  key: number;
  line: Pick<UtteranceLine, 'id' | 'doc' | 'n' | 'country' | 'year'>;
}

const byKey = (a: Ranked, b: Ranked) => a.key - b.key || compareUtterances(a.line as UtteranceLine, b.line as UtteranceLine);

/** The `size` lowest-keyed utterances of the file, by id. */
async function rankAll(
  file: string,
  size: number,
  keyOf: (u: UtteranceLine, raw: unknown) => number | null,
): Promise<{ chosen: Map<string, number>; unranked: number }> {
  let ranked: Ranked[] = [];
  let unranked = 0;
  await forEachUtterance(file, (u, raw) => {
    const key = keyOf(u, raw);
    if (key === null) {
      unranked++;
      return;
    }
    ranked.push({ key, line: { id: u.id, doc: u.doc, n: u.n, country: u.country, year: u.year } });
    // Keep memory to a few times the size: cut back to the best `size` now and then.
    if (ranked.length >= 4 * size + 1024) ranked = ranked.sort(byKey).slice(0, size);
  });
  ranked.sort(byKey);
  return { chosen: new Map(ranked.slice(0, size).map((r) => [r.line.id, r.key])), unranked };
}

/**
 * A seeded uniform draw of `size` utterances among the eligible ones: each
 * one's place is the hash of the seed and its id (random and match queues).
 */
async function seededDraw(
  file: string,
  size: number,
  seed: number,
  eligible: (u: UtteranceLine) => boolean,
): Promise<{ pick: Chooser; order: (a: QueueItem, b: QueueItem) => number }> {
  const { chosen } = await rankAll(file, size, (u) => (eligible(u) ? drawKey(seed, u.id) : null));
  return {
    pick: (u) => (chosen.has(u.id) ? {} : undefined),
    order: (a, b) => chosen.get(a.id)! - chosen.get(b.id)! || compareUtterances(a, b),
  };
}

export interface LoadedQueue {
  items: QueueItem[];
  warnings: string[];
}

/**
 * Read the queue a strategy picks from a run's utterances file; `observe`,
 * when given, sees every utterance on the (last) pass.
 */
export async function loadQueue(file: string, spec: QueueSpec, observe?: (u: UtteranceLine) => void): Promise<LoadedQueue> {
  const { strategy } = spec;
  const context = spec.context ?? CONTEXT_SENTENCES;
  const warnings: string[] = [];
  let pick: Chooser;
  let order: ((a: QueueItem, b: QueueItem) => number) | undefined;
  let size = spec.size;
  switch (strategy.kind) {
    case 'flagged':
      pick = (u) => (u.flags.length > 0 ? {} : undefined);
      break;
    case 'rule':
      pick = (u) => (u.evidence.some((e) => e.rule === strategy.rule) ? {} : undefined);
      break;
    case 'uncertainty': {
      const layer = spec.layer;
      if (!layer) throw new ReviewError('the uncertainty queue needs the decision layer the run was tagged with');
      size ??= DEFAULT_SAMPLE_SIZE;
      const { chosen, unranked } = await rankAll(file, size, (u, raw) => marginOfLine(u, raw, layer));
      if (unranked > 0)
        warnings.push(`${file}: ${unranked} utterances have no confidence or scores to compute a margin from; left out of the uncertainty queue`);
      pick = (u) => (chosen.has(u.id) ? { margin: chosen.get(u.id) } : undefined);
      order = (a, b) => (a.margin ?? 0) - (b.margin ?? 0) || compareUtterances(a, b);
      break;
    }
    case 'random': {
      size ??= DEFAULT_SAMPLE_SIZE;
      ({ pick, order } = await seededDraw(file, size, strategy.seed, () => true));
      break;
    }
    case 'match': {
      size ??= DEFAULT_SAMPLE_SIZE;
      const patterns = compileMatchPatterns(strategy.patterns);
      const without = new Set<string>(strategy.without);
      ({ pick, order } = await seededDraw(file, size, strategy.seed, (u) => !without.has(u.label) && matchesAny(u.text, patterns)));
      break;
    }
  }
  const builder = new QueueBuilder(context, pick);
  await forEachUtterance(file, (u, raw) => {
    builder.add(u, raw);
    observe?.(u);
  });
  let items = builder.finish(order);
  if (strategy.kind === 'rule' && items.length === 0)
    throw new ReviewError(`no utterance of the run has evidence of rule "${strategy.rule}" (check the rule id)`);
  if (strategy.kind === 'match' && items.length === 0)
    throw new ReviewError(
      `no utterance of the run matches "${strategy.patterns}"${strategy.without.length > 0 ? ` outside ${strategy.without.join(', ')}` : ''}`,
    );
  if (size !== undefined && items.length > size) {
    items = items.slice(0, size);
    items.forEach((item, index) => (item.index = index));
  }
  return { items, warnings };
}
