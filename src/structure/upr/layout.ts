// Page furniture and footnotes of PDF-converted UN documents: the text that
// lies inside a paragraph's span on the page but is not part of what anyone
// said ("A/HRC/8/29 page 4", "GE.08-13682", "*1412897*", a bare page number,
// "1 The recommendation as read during the interactive dialogue: ...").
import { BAR_CODE, GENEVA_JOB_NUMBER, HRC_SYMBOL, HRC_SYMBOL_PREFIX, PAGE_LINE, PAGE_NUMBER } from '../furniture.js';
import { type Span } from '../spans.js';

export { lineSpans, mergeSpans, spanMinus, type Span } from '../spans.js';

/** Whole lines that are page furniture in a UPR report (tested on the trimmed line). */
export const FURNITURE_LINES: readonly RegExp[] = [
  HRC_SYMBOL,
  PAGE_LINE,
  GENEVA_JOB_NUMBER,
  BAR_CODE,
  PAGE_NUMBER,
  /^[_-]{3,}$/, // footnote separator rule
];

/** A numbered footnote line: a small number, then the note ("2 The Russian Federation made ..."). */
const FOOTNOTE_LINE = /^[ \t\f]*\d{1,2}[ \t]+\S/;
/** An asterisk note ("** The conclusions and recommendations have not been edited."): no sentence starts so. */
const STAR_NOTE_LINE = /^[ \t\f]*\*{1,3}[ \t]*[A-Z]/;
/** Asterisks alone on a line: the note follows on the next line. */
const STAR_ONLY_LINE = /^[ \t\f]*\*{1,3}[ \t]*$/;

/** The first character of every furniture pattern: lines starting otherwise need no test. */
const FURNITURE_FIRST = /[AaPpG*0-9_-]/;

function firstNonSpace(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
  return i;
}

function isFurnitureLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && FURNITURE_LINES.some((re) => re.test(trimmed));
}

/** Spans of page furniture: whole furniture lines and furniture prefixes of lines. */
export function furnitureSpans(text: string, lines: readonly Span[]): Span[] {
  const spans: Span[] = [];
  for (const line of lines) {
    if (!FURNITURE_FIRST.test(text[firstNonSpace(text, line.start, line.end)] ?? '')) continue;
    const content = text.slice(line.start, line.end);
    if (isFurnitureLine(content)) {
      spans.push(line);
      continue;
    }
    const prefix = HRC_SYMBOL_PREFIX.exec(content);
    if (prefix) spans.push({ start: line.start, end: line.start + prefix[0].length });
  }
  return spans;
}

/**
 * Footnote lines: a line that opens with asterisks, or one that opens with a
 * footnote number, comes after a blank line or another footnote, and is not a
 * numbered paragraph of the document (`paragraphStarts`: offsets of the
 * paragraph numbers).
 */
export function footnoteSpans(text: string, lines: readonly Span[], paragraphStarts: ReadonlySet<number>): Span[] {
  const spans: Span[] = [];
  let previousBlankOrNote = true;
  let previousStarOnly = false;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const blank = content.trim() === '';
    const starOnly = STAR_ONLY_LINE.test(content);
    const numberAt = line.start + (content.length - content.trimStart().length);
    const numbered: boolean = previousBlankOrNote && FOOTNOTE_LINE.test(content) && !paragraphStarts.has(numberAt);
    const note: boolean = !blank && (numbered || starOnly || previousStarOnly || STAR_NOTE_LINE.test(content));
    if (note) spans.push(line);
    previousBlankOrNote = blank || note;
    if (!blank) previousStarOnly = starOnly;
  }
  return spans;
}
