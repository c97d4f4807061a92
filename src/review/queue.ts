// The review queue: every flagged utterance of a run, in a fixed order
// (country, year, document, position), each with the sentences around it in
// its document. One streaming pass over utterances.jsonl: the last few
// sentences of each document are remembered for "before", and a flagged
// utterance stays open until the next few of its document arrive for "after".
// Context is matched by `doc` and `n`: lines of a document may arrive out of
// order (within the last few seen) and still find their neighbours.
import { forEachUtterance } from '../run/aggregate.js';
import { compareUtterances, type UtteranceLine } from '../run/lines.js';

/** Sentences of context shown on each side of the utterance under review. */
export const CONTEXT_SENTENCES = 2;

export interface QueueItem extends UtteranceLine {
  index: number;
  before: string[];
  after: string[];
}

interface Open {
  item: QueueItem;
  before: Map<number, string>;
  after: Map<number, string>;
}

function ordered(texts: Map<number, string>): string[] {
  return [...texts.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

export class QueueBuilder {
  private readonly items: QueueItem[] = [];
  /** The last sentences seen per document (for the "before" of a flagged one). */
  private readonly recent = new Map<string, Array<{ n: number; text: string }>>();
  /** Flagged utterances whose context is not complete yet, per document. */
  private readonly open = new Map<string, Open[]>();

  constructor(private readonly context: number = CONTEXT_SENTENCES) {}

  add(u: UtteranceLine): void {
    this.offerContext(u);
    const recent = this.recent.get(u.doc) ?? [];
    if (u.flags.length > 0) this.openItem(u, recent);
    recent.push({ n: u.n, text: u.text });
    // Twice the context: in-order input needs `context`, the rest helps a shuffled file.
    if (recent.length > 2 * this.context) recent.shift();
    this.recent.set(u.doc, recent);
  }

  private isNear(n: number, of: number): boolean {
    return n !== of && Math.abs(n - of) <= this.context;
  }

  private openItem(u: UtteranceLine, recent: ReadonlyArray<{ n: number; text: string }>): void {
    const item: QueueItem = { ...u, index: -1, before: [], after: [] };
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

  finish(): QueueItem[] {
    for (const list of this.open.values()) list.forEach(close);
    this.open.clear();
    const sorted = [...this.items].sort(compareUtterances);
    sorted.forEach((item, index) => (item.index = index));
    return sorted;
  }
}

function close(o: Open): void {
  o.item.before = ordered(o.before);
  o.item.after = ordered(o.after);
}

/** Read the queue from a run's utterances file; `observe`, when given, sees every utterance on the same pass. */
export async function loadQueue(utterancesFile: string, context: number = CONTEXT_SENTENCES, observe?: (u: UtteranceLine) => void): Promise<QueueItem[]> {
  const builder = new QueueBuilder(context);
  await forEachUtterance(utterancesFile, (u) => {
    builder.add(u);
    observe?.(u);
  });
  return builder.finish();
}
