// Which flagged utterances a report shows. A run may hold a million
// utterances, so each (flag, country) group keeps at most `cap` of them, in
// file order, and counts the rest so the report can say what it left out.
import { FLAGS, type Flag } from '../types.js';
import { compareText, compareUtterances, type UtteranceLine } from '../run/lines.js';

/** Default cap on shown utterances per flag and country (`spiral report --max-flagged`). */
export const DEFAULT_FLAGGED_PER_GROUP = 100;

/** The country key of utterances that name none. */
export const NO_COUNTRY = '(none)';

export interface FlaggedGroup {
  flag: Flag;
  country: string;
  total: number;
  shown: number;
}

export interface FlaggedSelection {
  cap: number;
  /** Flagged utterances (any flag) in the run. */
  total: number;
  /** Utterances per flag in the run (an utterance with two flags counts under both). */
  byFlag: Record<Flag, number>;
  groups: FlaggedGroup[]; // sorted by flag order, then country
  utterances: UtteranceLine[]; // sorted: country, year, doc, n
}

export class FlaggedCollector {
  private readonly kept: UtteranceLine[] = [];
  private readonly groups = new Map<string, FlaggedGroup>();
  private total = 0;

  constructor(readonly cap: number = DEFAULT_FLAGGED_PER_GROUP) {}

  private group(flag: Flag, country: string): FlaggedGroup {
    const key = `${flag}|${country}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { flag, country, total: 0, shown: 0 };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Offer one utterance; kept while any of its (flag, country) groups has room. */
  add(u: UtteranceLine): void {
    if (u.flags.length === 0) return;
    this.total++;
    const groups = u.flags.map((f) => this.group(f, u.country ?? NO_COUNTRY));
    for (const g of groups) g.total++;
    if (!groups.some((g) => g.shown < this.cap)) return;
    for (const g of groups) g.shown++;
    this.kept.push(u);
  }

  finish(): FlaggedSelection {
    const byFlag = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
    for (const g of this.groups.values()) byFlag[g.flag] += g.total;
    const groups = [...this.groups.values()].sort((a, b) => FLAGS.indexOf(a.flag) - FLAGS.indexOf(b.flag) || compareText(a.country, b.country));
    return { cap: this.cap, total: this.total, byFlag, groups, utterances: [...this.kept].sort(compareUtterances) };
  }
}

/** Flagged utterances the report leaves out, summed over groups. */
export function leftOut(selection: FlaggedSelection): number {
  return selection.total - selection.utterances.length;
}
