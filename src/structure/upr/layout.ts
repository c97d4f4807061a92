// Page furniture and footnotes of PDF-converted UN documents: the text that
// lies inside a paragraph's span on the page but is not part of what anyone
// said ("A/HRC/8/29 page 4", "GE.08-13682", "*1412897*", a bare page number,
// "1 The recommendation as read during the interactive dialogue: ...").
import { trimSpan } from '../generic.js';

export interface Span {
  start: number;
  end: number;
}

/** Whole lines that are page furniture (tested on the trimmed line). */
export const FURNITURE_LINES: readonly RegExp[] = [
  /^A\/HRC\/\s?\d+\/\d+(?:\/Add\.\d+)?(?:\s+page\s+\d+)?$/i, // document symbol header, "A/HRC/8/29 Page 3"
  /^page\s+\d+$/i,
  /^GE\.\d{2}-\d*(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}$/, // UN Geneva job number
  /^\*\d{5,}\*$/, // bar-code text
  /^\d{1,3}$/, // bare page number
  /^[_-]{3,}$/, // footnote separator rule
];

/** Furniture glued to the start of a line that continues with text ("A/HRC/ 8/29 Page 3 Introduction 1. ..."). */
const FURNITURE_PREFIX = /^[ \t]*A\/HRC\/\s?\d+\/\d+(?:\/Add\.\d+)?\s+page\s+\d+[ \t]*/i;

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

/** Offsets of every line of `text` (without the line break). */
export function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  spans.push({ start, end: text.length });
  return spans;
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
    const prefix = FURNITURE_PREFIX.exec(content);
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

/** Sorted, merged copy of `spans`. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The parts of [start, end) outside the `excluded` spans (sorted, merged), each
 * trimmed of whitespace; empty parts are dropped.
 */
export function spanMinus(text: string, start: number, end: number, excluded: readonly Span[]): Span[] {
  const parts: Span[] = [];
  let from = start;
  for (const cut of excludedWithin(excluded, start, end)) {
    const part = trimSpan(text, from, Math.max(from, cut.start));
    if (part) parts.push(part);
    from = Math.max(from, cut.end);
  }
  const last = trimSpan(text, from, end);
  if (last) parts.push(last);
  return parts;
}

function excludedWithin(excluded: readonly Span[], start: number, end: number): Span[] {
  // Binary search for the first span that may overlap [start, end).
  let lo = 0;
  let hi = excluded.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (excluded[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  for (let i = lo; i < excluded.length && excluded[i].start < end; i++) out.push(excluded[i]);
  return out;
}
