// Keyness of words between two groups of documents (a target and a reference),
// like quanteda.textstats' textstat_keyness: word counts per group, a signed
// statistic per word, its p-value and an effect size. Pure: the command streams
// the run and calls add() per utterance.
import { formatNumber, textTable, toCsv } from '../aggregate/csv.js';
import { lowerWords } from '../aggregate/words.js';
import { logRatio, pChiSquare1, statistic, type Measure } from './stats.js';

export { MEASURES, type Measure, chi2Yates, g2Williams, logRatio, pChiSquare1 } from './stats.js';

/** Words counted fewer times than this in both groups together are left out (too rare to test). */
export const DEFAULT_MIN_COUNT = 5;

export type Group = 'target' | 'reference';

export class KeynessCounter {
  private readonly counts = new Map<string, [number, number]>();
  readonly words: [number, number] = [0, 0];
  readonly documents: [Set<string>, Set<string>] = [new Set(), new Set()];

  add(group: Group, doc: string, text: string): void {
    const g = group === 'target' ? 0 : 1;
    this.documents[g].add(doc);
    for (const w of lowerWords(text)) {
      let c = this.counts.get(w);
      if (!c) {
        c = [0, 0];
        this.counts.set(w, c);
      }
      c[g]++;
      this.words[g]++;
    }
  }

  finish(measure: Measure, minCount: number): KeynessRow[] {
    const [tw, rw] = this.words;
    if (tw === 0 || rw === 0) return [];
    const rows: KeynessRow[] = [];
    for (const [feature, [a, b]] of this.counts) {
      if (a + b < minCount) continue;
      const t = { a, b, c: tw - a, d: rw - b };
      const stat = statistic(measure, t);
      rows.push({
        feature,
        stat,
        p: pChiSquare1(stat),
        n_target: a,
        n_reference: b,
        per_1000_target: (1000 * a) / tw,
        per_1000_reference: (1000 * b) / rw,
        log_ratio: logRatio(t),
      });
    }
    // Most key for the target first, most key for the reference last; ties by feature (code-unit order).
    return rows.sort((x, y) => y.stat - x.stat || (x.feature < y.feature ? -1 : x.feature > y.feature ? 1 : 0));
  }
}

export interface KeynessRow {
  feature: string;
  stat: number;
  p: number;
  n_target: number;
  n_reference: number;
  per_1000_target: number;
  per_1000_reference: number;
  log_ratio: number;
}

/** p-values span many orders of magnitude: four significant digits, not four decimals. */
function pText(p: number): string {
  return p === 0 ? '0' : String(Number(p.toPrecision(4)));
}

export function keynessCsv(rows: readonly KeynessRow[], measure: Measure): string {
  return toCsv(
    ['feature', measure === 'chi2' ? 'chi2' : 'G2', 'p', 'n_target', 'n_reference', 'per_1000_target', 'per_1000_reference', 'log_ratio'],
    rows.map((r) => [r.feature, r.stat, pText(r.p), r.n_target, r.n_reference, r.per_1000_target, r.per_1000_reference, r.log_ratio]),
  );
}

/** The `top` most key words of each side, as a terminal table. */
export function keynessTable(rows: readonly KeynessRow[], measure: Measure, top: number): string {
  const head = ['', 'feature', measure === 'chi2' ? 'chi2' : 'G2', 'p', 'n_target', 'n_reference', 'log_ratio'];
  const show = (r: KeynessRow, side: string) => [
    side,
    r.feature,
    r.stat.toFixed(2),
    pText(r.p),
    String(r.n_target),
    String(r.n_reference),
    formatNumber(Number(r.log_ratio.toFixed(2))),
  ];
  const targetSide = rows.filter((r) => r.stat > 0).slice(0, top);
  const referenceSide = rows
    .filter((r) => r.stat < 0)
    .slice(-top)
    .reverse();
  return textTable(
    head,
    [...targetSide.map((r) => show(r, 'target')), ...referenceSide.map((r) => show(r, 'reference'))],
    [false, false, true, true, true, true, true],
  );
}
