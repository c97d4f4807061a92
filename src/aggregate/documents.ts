// The per-document table of `spiral scores --by document`, like a quanteda dfm
// whose features are the five labels: per document, utterances of each label
// and their rate per 1,000 words. Only the utterances the speaker filter keeps
// count (words included). Pure: feed utterances, then finish.
import { LABELS, type Label } from '../types.js';
import { includesSpeaker } from './accumulate.js';
import { textTable, toCsv } from './csv.js';
import type { Countable } from './record.js';
import type { SpeakerFilter } from './types.js';
import { countWords } from './words.js';

export interface DocumentRow {
  doc: string;
  country: string | null;
  year: number | null;
  audience: string | null;
  n_words: number;
  n_utterances: number;
  n_relevant: number;
  counts: Record<Label, number>;
  /** counts[label] per 1,000 words; null when the document has no words. */
  per_1000: Record<Label, number | null>;
}

type Pending = Omit<DocumentRow, 'per_1000'>;

export class DocumentAccumulator {
  private readonly docs = new Map<string, Pending>();

  constructor(private readonly speakers: SpeakerFilter = 'self') {}

  add(u: Countable): void {
    if (!includesSpeaker(this.speakers, u.speaker_role)) return;
    let d = this.docs.get(u.doc);
    if (!d) {
      d = { doc: u.doc, country: u.country, year: u.year, audience: u.audience, n_words: 0, n_utterances: 0, n_relevant: 0, counts: zeroCounts() };
      this.docs.set(u.doc, d);
    }
    d.n_words += countWords(u.text);
    d.n_utterances++;
    if (u.relevant) d.n_relevant++;
    d.counts[u.label]++;
  }

  /** Rows in input order (the run's document order). */
  finish(): DocumentRow[] {
    return [...this.docs.values()].map((d) => ({
      ...d,
      per_1000: Object.fromEntries(LABELS.map((l) => [l, d.n_words > 0 ? (1000 * d.counts[l]) / d.n_words : null])) as Record<Label, number | null>,
    }));
  }
}

function zeroCounts(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
}

const DOCUMENT_HEADER = [
  'doc',
  'country',
  'year',
  'audience',
  'n_words',
  'n_utterances',
  'n_relevant',
  ...LABELS.map((l) => `count_${l}`),
  ...LABELS.map((l) => `per_1000_${l}`),
];

export function documentsCsv(rows: readonly DocumentRow[]): string {
  return toCsv(
    DOCUMENT_HEADER,
    rows.map((r) => [
      r.doc,
      r.country,
      r.year,
      r.audience,
      r.n_words,
      r.n_utterances,
      r.n_relevant,
      ...LABELS.map((l) => r.counts[l]),
      ...LABELS.map((l) => r.per_1000[l]),
    ]),
  );
}

/** Rows printed on the terminal; the CSV has them all. */
export const DOCUMENT_TABLE_ROWS = 40;

export function documentsTable(rows: readonly DocumentRow[]): string {
  const header = ['doc', 'country', 'year', 'words', 'relevant', 'den/1k', 'rhet/1k', 'conc/1k', 'ack/1k'];
  const rate = (v: number | null) => (v === null ? '-' : v.toFixed(2));
  const body = rows
    .slice(0, DOCUMENT_TABLE_ROWS)
    .map((r) => [
      r.doc,
      r.country ?? '',
      r.year === null ? '' : String(r.year),
      String(r.n_words),
      String(r.n_relevant),
      rate(r.per_1000.denial),
      rate(r.per_1000.rhetorical_action),
      rate(r.per_1000.argumentative_concession),
      rate(r.per_1000.norm_acknowledgment),
    ]);
  const more = rows.length > DOCUMENT_TABLE_ROWS ? `… ${rows.length - DOCUMENT_TABLE_ROWS} more documents in the CSV\n` : '';
  return textTable(header, body, [false, false, false, true, true, true, true, true, true]) + more;
}
