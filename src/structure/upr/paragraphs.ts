// The numbered paragraphs of a report ("12. Brazil welcomed ..."), found as a
// chain 1, 2, 3, ...: paragraph k+1 is the first plausible "k+1." after
// paragraph k. Requiring the next number in sequence is what keeps "Law No.
// 20.609", "paragraph 15 (a)", page numbers and the table of contents ("1 - 4 3")
// out. Converted text loses things, so the chain tolerates a number written
// inline after a heading ("... under review 5. At the 11th meeting"), a lost
// dot ("36 The Government ..."), a missing number, and the numbered sub-lists of
// the 2008 reports' conclusions ("69. ... enjoy the support of Algeria: 1. ...
// 2. ...") whose items may reach the next paragraph's number.

export interface NumberCandidate {
  value: number;
  pos: number; // offset of the first digit
  textStart: number; // first non-space character after the number (and its dot)
  kind: 'line' | 'inline' | 'undotted' | 'line-lower'; // line-lower: "55.\nensure ..." (only in sub-lists of clustered recommendations)
}

export interface NumberedParagraph {
  number: number;
  pos: number;
  textStart: number;
  subItems: NumberCandidate[]; // "1.", "2.", ... of a sub-list inside the paragraph
}

export interface ParagraphChain {
  paragraphs: NumberedParagraph[];
  warnings: string[];
}

const NUMBER = /(?<!\S)(\d{1,3})(\.?)(?=[ \t\f\r\n\u00a0])/g;
const HORIZONTAL_SPACE = /[ \t\f\u00a0]/;
/** Characters that may end the text before an inline paragraph number ("... the troika. 5. The ..."). */
const INLINE_AFTER = new Set(['.', ':', ';', ')', '"', '\u201d', '\u2019', '*', '\u00d3']);

function skipSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function isLineStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && HORIZONTAL_SPACE.test(text[i])) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

function previousNonSpace(text: string, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** Candidate paragraph numbers of `text`; `headingEnds` are offsets just after heading occurrences. */
export function numberCandidates(text: string, headingEnds: ReadonlySet<number>): NumberCandidate[] {
  const out: NumberCandidate[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const pos = m.index;
    const after = pos + m[0].length;
    const textStart = skipSpace(text, after);
    if (textStart >= text.length) continue;
    const first = text[textStart];
    if (/[-\u2013\u2014\u00d0]/.test(first)) continue; // a dash: a range "1 - 4"
    const value = Number(m[1]);
    const dotted = m[2] === '.';
    const lineStart = isLineStart(text, pos);
    if (/[a-z]/.test(first)) {
      // Lower case continues a sentence, except in a clustered list ("54. Ensure ... (Sweden);  55. ensure ...").
      if (dotted && lineStart) out.push({ value, pos, textStart, kind: 'line-lower' });
      continue;
    }
    if (dotted) {
      if (lineStart) out.push({ value, pos, textStart, kind: 'line' });
      else {
        const prev = previousNonSpace(text, pos);
        if (prev >= 0 && (INLINE_AFTER.has(text[prev]) || headingEnds.has(prev + 1))) {
          out.push({ value, pos, textStart, kind: 'inline' });
        }
      }
    } else if (lineStart && /[A-Z]/.test(first) && !/[\r\n]/.test(text.slice(after, textStart))) {
      out.push({ value, pos, textStart, kind: 'undotted' });
    }
  }
  return out;
}

class CandidateIndex {
  private readonly byValue = new Map<number, NumberCandidate[]>();

  constructor(candidates: readonly NumberCandidate[]) {
    for (const c of candidates) {
      const list = this.byValue.get(c.value) ?? [];
      list.push(c);
      this.byValue.set(c.value, list);
    }
  }

  /** First candidate of `value` after `from` whose kind is in `kinds`. */
  first(value: number, from: number, kinds: ReadonlyArray<NumberCandidate['kind']>): NumberCandidate | undefined {
    return this.byValue.get(value)?.find((c) => c.pos > from && kinds.includes(c.kind));
  }
}

const before = (a: NumberCandidate | undefined, limit: NumberCandidate | undefined): boolean => a !== undefined && (limit === undefined || a.pos < limit.pos);

/**
 * Paragraph `value` after `from`: the first "N." (at a line start, or inline
 * after a sentence end or heading) that comes before the next line-start
 * "N+1."; an inline one gives way to a line-start "N." that follows it before
 * any "N+1." does ("... under article 12. The ..." is no paragraph 12). Else a
 * dot-less "N", else (N missing) "N+1.".
 */
function nextParagraph(index: CandidateIndex, value: number, from: number, lineOnly: boolean): NumberCandidate | undefined {
  const followingLine = index.first(value + 1, from, ['line']);
  const first = index.first(value, from, lineOnly ? ['line'] : ['line', 'inline']);
  if (first && before(first, followingLine)) {
    if (first.kind === 'inline') {
      const line = index.first(value, first.pos, ['line']);
      if (line && before(line, index.first(value + 1, first.pos, ['line', 'inline']))) return line;
    }
    return first;
  }
  const undotted = index.first(value, from, ['undotted']);
  if (before(undotted, followingLine)) return undotted;
  return followingLine ?? (lineOnly ? undefined : index.first(value + 1, from, ['inline']));
}

/** True when the text at `pos` reads like a recommendation item (names its recommending State in parentheses). */
export type LooksLikeItem = (pos: number) => boolean;

const SUB_ITEM_KINDS: ReadonlyArray<NumberCandidate['kind']> = ['line', 'line-lower', 'undotted'];

/** The sub-list "1.", "2.", ... starting inside paragraph `paragraph` (before `nextTop`), if any. */
function subList(index: CandidateIndex, paragraph: NumberCandidate, looksLikeItem: LooksLikeItem): NumberCandidate[] {
  // The list must start inside the paragraph: before the next paragraph, inline or not.
  const top = nextParagraph(index, paragraph.value + 1, paragraph.textStart, false);
  const first = index.first(1, paragraph.textStart, ['line']);
  if (!first || (top && top.pos < first.pos)) return [];
  const items = [first];
  for (;;) {
    const last = items[items.length - 1];
    // The next item, or the one after it when a number was lost in conversion.
    const item = index.first(last.value + 1, last.textStart, SUB_ITEM_KINDS) ?? index.first(last.value + 2, last.textStart, SUB_ITEM_KINDS);
    if (!item) break;
    const nextTop = nextParagraph(index, paragraph.value + 1, last.textStart, true);
    if (nextTop && nextTop.pos < item.pos) break;
    // Same number as the next paragraph: an item only if it reads like one.
    if (nextTop === item && !looksLikeItem(item.textStart)) break;
    items.push(item);
  }
  return items;
}

/** The first paragraph: a "1." right after an "Introduction" heading, else the first line-start "1.". */
function firstParagraph(index: CandidateIndex, introductionEnds: readonly number[], text: string): NumberCandidate | undefined {
  for (const end of introductionEnds) {
    const c = index.first(1, end - 1, ['line', 'inline']);
    if (c && skipSpace(text, end) === c.pos) return c;
  }
  return index.first(1, -1, ['line']);
}

/** Find the numbered paragraphs of a report. */
export function findParagraphChain(
  text: string,
  candidates: readonly NumberCandidate[],
  introductionEnds: readonly number[],
  looksLikeItem: LooksLikeItem,
): ParagraphChain {
  const index = new CandidateIndex(candidates);
  const warnings: string[] = [];
  const paragraphs: NumberedParagraph[] = [];
  let current = firstParagraph(index, introductionEnds, text);
  if (!current) return { paragraphs, warnings: ['no numbered paragraph "1." found'] };
  let expected = 1;
  while (current) {
    if (current.value !== expected) warnings.push(`paragraph ${expected} not found; continued at ${current.value}`);
    const items = current.value >= 2 ? subList(index, current, looksLikeItem) : [];
    paragraphs.push({ number: current.value, pos: current.pos, textStart: current.textStart, subItems: items });
    const from = items.length ? items[items.length - 1].textStart : current.textStart;
    expected = current.value + 1;
    current = nextParagraph(index, expected, from, false);
  }
  return { paragraphs, warnings };
}
