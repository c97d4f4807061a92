// Per-document label counts for scores.csv (country × year). Only the
// document's own speaker counts (speaker_role self): in a UPR report, other
// States' comments are pressure on the country, not its discourse. Moves are
// also counted per target (whose conduct is at stake: self, other, general).
import { LABELS, MOVE_LABELS, TARGET_KINDS, type DocMeta, type Label, type MoveLabel, type TargetKind, type UtteranceRecord } from '../types.js';

export interface DocTally {
  country?: string;
  year?: number;
  utterances: number;
  relevant: number;
  labels: Record<Label, number>;
  /** Moves per target; absent in tallies of runs made before targets. */
  targets?: Record<TargetKind, Record<MoveLabel, number>>;
}

export function emptyLabelCounts(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
}

function emptyTargetCounts(): Record<TargetKind, Record<MoveLabel, number>> {
  return Object.fromEntries(TARGET_KINDS.map((t) => [t, Object.fromEntries(MOVE_LABELS.map((l) => [l, 0]))])) as Record<TargetKind, Record<MoveLabel, number>>;
}

const isTargetKind = (t: unknown): t is TargetKind => (TARGET_KINDS as readonly unknown[]).includes(t);

export function tallyDocument(meta: DocMeta, utterances: UtteranceRecord[]): DocTally {
  const tally = emptyTally(meta);
  for (const u of utterances) countUtterance(tally, u);
  return tally;
}

/** A document's tally before any utterance is counted (utterances are then counted one by one: a streamed document). */
export function emptyTally(meta: DocMeta): DocTally {
  return { country: meta.country, year: meta.year, utterances: 0, relevant: 0, labels: emptyLabelCounts(), targets: emptyTargetCounts() };
}

export function countUtterance(tally: DocTally, u: UtteranceRecord): void {
  if (u.speaker_role !== 'self') return;
  tally.utterances++;
  if (u.relevant) tally.relevant++;
  tally.labels[u.label]++;
  if (u.label !== 'none' && isTargetKind(u.target)) tally.targets![u.target][u.label]++;
}

/** Country-year rows, sorted, with counts and shares. */
export class ScoreTable {
  private readonly cells = new Map<string, DocTally & { documents: number }>();

  add(t: DocTally): void {
    const key = `${t.country ?? ''}\u0000${t.year ?? ''}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { country: t.country, year: t.year, utterances: 0, relevant: 0, labels: emptyLabelCounts(), targets: emptyTargetCounts(), documents: 0 };
      this.cells.set(key, cell);
    }
    cell.documents++;
    cell.utterances += t.utterances;
    cell.relevant += t.relevant;
    for (const l of LABELS) cell.labels[l] += t.labels[l];
    for (const k of TARGET_KINDS) for (const l of MOVE_LABELS) cell.targets![k][l] += t.targets?.[k][l] ?? 0;
  }

  /**
   * CSV: shares of the four moves are among relevant utterances (the codebook's
   * question is what a government says when it talks about human rights);
   * share_none is among all utterances. Per target, n_relevant_<target> counts
   * the moves about it and share_<move>_<target> their shares among them.
   */
  toCsv(): string {
    const header = [
      'country',
      'year',
      'n_documents',
      'n_utterances',
      'n_relevant',
      ...LABELS.map((l) => `count_${l}`),
      ...LABELS.map((l) => `share_${l}`),
      ...TARGET_KINDS.flatMap((t) => [`n_relevant_${t}`, ...MOVE_LABELS.map((l) => `share_${l}_${t}`)]),
    ];
    const rows = [...this.cells.values()].sort((a, b) => (a.country ?? '').localeCompare(b.country ?? '') || (a.year ?? 0) - (b.year ?? 0));
    const lines = [header.join(',')];
    for (const c of rows) {
      const share = (l: Label) => {
        const denominator = l === 'none' ? c.utterances : c.relevant;
        return denominator ? (c.labels[l] / denominator).toFixed(4) : '';
      };
      const byTarget = TARGET_KINDS.flatMap((t) => {
        const moves = c.targets![t];
        const n = MOVE_LABELS.reduce((sum, l) => sum + moves[l], 0);
        return [n, ...MOVE_LABELS.map((l) => (n ? (moves[l] / n).toFixed(4) : ''))];
      });
      lines.push(
        [c.country ?? '', c.year ?? '', c.documents, c.utterances, c.relevant, ...LABELS.map((l) => c.labels[l]), ...LABELS.map(share), ...byTarget].join(','),
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
