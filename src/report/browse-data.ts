// The utterances the report's browse view holds, packed small: one array per
// field (columnar), codes instead of repeated strings (labels, targets, rules,
// categories, documents), evidence as flat number lists. The HTML embeds it
// deflated and base64-encoded; the page inflates it with the browser's own
// DecompressionStream, so nothing is fetched. Pure: fed one line at a time.
import { showBidiControls, showBidiWithOffsets } from './escape.js';
import { deflateSync } from 'node:zlib';
import { FLAGS, LABELS, SPEAKER_ROLES } from '../types.js';
import { TARGETS, type TargetedUtterance } from '../kwic/lines.js';

/** Utterances the browse view holds at most by default (`spiral report --max-browse`). */
export const DEFAULT_MAX_BROWSE = 300_000;

export interface BrowseData {
  /** Years per period of the period filter (the charts' unit). */
  period: number;
  labels: readonly string[];
  targets: readonly string[];
  flags: readonly string[];
  roles: readonly string[];
  categories: string[];
  rules: string[];
  docs: { id: string[]; country: string[]; year: Array<number | null> };
  /** One entry per utterance, in file order. */
  u: {
    doc: number[];
    n: number[];
    label: number[];
    /** Index into `targets`, -1 when the line has none; null when no line of the run has one. */
    target: number[] | null;
    /** Confidence in percent, -1 when unknown. */
    confidence: number[];
    /** Bit i set: flag FLAGS[i]. */
    flags: number[];
    role: number[];
    /** 1: relevant (about human-rights norms; every move is), 0: not. */
    relevant: number[];
    text: string[];
    /** Per utterance: [start, end, rule index, category index * 2 + weak] repeated; weak = negated or dropped. */
    evidence: number[][];
  };
  /** Utterances in the run, and those held here (fewer when the run is larger than the cap). */
  total: number;
  held: number;
}

export class BrowseCollector {
  private readonly data: BrowseData;
  private readonly docIndex = new Map<string, number>();
  private readonly ruleIndex = new Map<string, number>();
  private readonly categoryIndex = new Map<string, number>();
  private readonly targets: number[] = [];
  private anyTarget = false;

  constructor(
    period: number,
    readonly cap: number = DEFAULT_MAX_BROWSE,
  ) {
    this.data = {
      period,
      labels: LABELS,
      targets: TARGETS,
      flags: FLAGS,
      roles: SPEAKER_ROLES,
      categories: [],
      rules: [],
      docs: { id: [], country: [], year: [] },
      u: { doc: [], n: [], label: [], target: null, confidence: [], flags: [], role: [], relevant: [], text: [], evidence: [] },
      total: 0,
      held: 0,
    };
  }

  private intern(map: Map<string, number>, list: string[], value: string): number {
    let i = map.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      map.set(value, i);
    }
    return i;
  }

  private docOf(u: TargetedUtterance): number {
    let i = this.docIndex.get(u.doc);
    if (i === undefined) {
      i = this.data.docs.id.length;
      this.data.docs.id.push(showBidiControls(u.doc));
      this.data.docs.country.push(u.country ?? '');
      this.data.docs.year.push(u.year);
      this.docIndex.set(u.doc, i);
    }
    return i;
  }

  /**
   * Hold one utterance. Past the cap, only relevant or flagged utterances are
   * still held (the ones a reader looks for), so a huge run keeps its moves.
   */
  add(u: TargetedUtterance): void {
    this.data.total++;
    if (this.data.held >= this.cap && !u.relevant && u.flags.length === 0) return;
    this.data.held++;
    const d = this.data.u;
    d.doc.push(this.docOf(u));
    d.n.push(u.n);
    d.label.push(LABELS.indexOf(u.label));
    const t = u.target === null ? -1 : TARGETS.indexOf(u.target);
    if (t >= 0) this.anyTarget = true;
    this.targets.push(t);
    d.confidence.push(u.confidence === null ? -1 : Math.round(u.confidence * 100));
    d.flags.push(u.flags.reduce((bits, f) => bits | (1 << FLAGS.indexOf(f)), 0));
    d.role.push(SPEAKER_ROLES.indexOf(u.speaker_role));
    d.relevant.push(u.relevant ? 1 : 0);
    // Bidi controls reach the page as visible codes (a raw override would turn the text around); spans move with them.
    const shown = showBidiWithOffsets(u.text);
    d.text.push(shown.text);
    const evidence: number[] = [];
    for (const e of u.evidence) {
      if (e.start < 0 || e.end > u.text.length || e.start >= e.end) continue;
      const rule = this.intern(this.ruleIndex, this.data.rules, e.rule);
      const category = this.intern(this.categoryIndex, this.data.categories, e.category);
      const weak = e.negated || e.effect === 'dropped' ? 1 : 0;
      evidence.push(shown.at(e.start), shown.at(e.end), rule, category * 2 + weak);
    }
    d.evidence.push(evidence);
  }

  finish(): BrowseData {
    return { ...this.data, u: { ...this.data.u, target: this.anyTarget ? [...this.targets] : null } };
  }
}

/** The browse data as the page embeds it: JSON, deflated (zlib), base64. Deterministic for the same data. */
export function encodeBrowseData(data: BrowseData): string {
  return deflateSync(Buffer.from(JSON.stringify(data), 'utf8'), { level: 9 }).toString('base64');
}
