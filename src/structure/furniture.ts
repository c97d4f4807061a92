// Page furniture of UN documents converted from PDF: the running heads and
// feet that the conversion left between the lines of what was said — page
// numbers, job numbers, document symbols, the meeting and session heads of
// General Assembly verbatim records. Each pattern is tested on one trimmed
// line (or, for the PREFIX patterns, the start of a line) and says where its
// shape was found: the UN General Debate Corpus (UNGDC v13, 10,953 speeches)
// and the UPR Working Group reports in ../shared/data.
import { lineSpans, mergeSpans, type Span } from './spans.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';

/** "32": a page number alone on its line (GA records 1994–2004 and 1961–1992, UPR reports). */
export const PAGE_NUMBER = /^\d{1,3}$/;
/** "62/91": page of pages alone on its line (GA records of 2020). */
export const PAGE_OF_PAGES = /^\d{1,3}\/\d{1,3}$/;
/**
 * A New York job number with the page on either side: "08-53122 26", "12 05-51226",
 * "15-29822 23/29", "22/33 15-29946", "21-00394", "17-29597 (E) *1729597*" (GA records 2005–2020).
 */
export const JOB_NUMBER = /^(?:\d{1,3}(?:\/\d{1,3})?\s+)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\*\d{7,}\*)?(?:\s+\d{1,3}(?:\/\d{1,3})?)?$/;
/**
 * A General Assembly document symbol alone on its line, with the date of the meeting on either side:
 * "A/63/PV.13", "A/70/PV.28 03/10/2015", "03/10/2015 A/70/PV.28", "A/PV.2039" (1972–1975),
 * "A/65/397", "A/75/592/Add.8", "A/PV.2061 and Corr.l", OCR's "A/37/PY.22" and "A/36/PV." (1981–1982).
 * A symbol cited in a sentence ("(see A/70/PV.6)", "as document\nA/55/310.") has brackets or a stop.
 */
export const ASSEMBLY_SYMBOL =
  /^(?:\d{2}\/\d{2}\/\d{4}\s+)?A\/(?:\d{1,2}\/)?(?:P[VY]\.\d{0,4}|\d{1,4})(?:\/Add\.\d{1,2})?(?:\s+and\s+Corr\.[\dl])?(?:\s+\d{2}\/\d{2}\/\d{4})?$/;
/** "13/01/2021": the date of the meeting alone on its line (GA records of 2020). */
export const DATE_LINE = /^\d{2}\/\d{2}\/\d{4}$/;
/** "General Assembly 21st plenary meeting", "General Assembly 14th meeting": the running head of GA records 1994–1996. */
export const MEETING_HEAD = /^General Assembly\s+\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting$/;
/**
 * "Fiftieth session 13 October 1995", "Forty-eighth session - 7 October l993 35" (OCR "l" for "1", the page
 * number after the date): the session head of GA records 1993–1996.
 */
export const SESSION_HEAD = new RegExp(`^[A-Z][a-z]+(?:-[a-z]+)?\\s+session\\s*(?:-\\s*)?\\d{1,2}\\s+${MONTH}\\s+[1l]\\d{3}(?:\\s+\\d{1,3})?$`);
/** "A/HRC/8/29", "A/HRC/8/29 Page 3", "A/HRC/19/99/Add.1 page 2": the symbol head of Human Rights Council documents (UPR reports 2008–2009). */
export const HRC_SYMBOL = /^A\/HRC\/\s?\d+\/\d+(?:\/Add\.\d+)?(?:\s+page\s+\d+)?$/i;
/** "page 5", "Page 12" (UPR reports 2008–2009). */
export const PAGE_LINE = /^page\s+\d+$/i;
/** "GE.08-13682", "GE.14-12897  (E)", "GE.08-13659 (E) 250608 260608": a Geneva job number (UPR reports). */
export const GENEVA_JOB_NUMBER = /^GE\.\d{2}-\d*(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}$/;
/** "*1412897*": the text of a bar code (UPR reports 2014, GA records 2017). */
export const BAR_CODE = /^\*\d{5,}\*$/;

/** Whole lines that are page furniture in any UN document. */
export const FURNITURE_LINES: readonly RegExp[] = [
  PAGE_NUMBER,
  PAGE_OF_PAGES,
  JOB_NUMBER,
  ASSEMBLY_SYMBOL,
  DATE_LINE,
  MEETING_HEAD,
  SESSION_HEAD,
  HRC_SYMBOL,
  PAGE_LINE,
  GENEVA_JOB_NUMBER,
  BAR_CODE,
];

/**
 * A job number and page of pages glued to the start of a line that goes on
 * with text: "16-29811 51/52 action to pursue ...", "30/56 16-29296 together
 * will ..." (GA records 2016–2017, where each paragraph is one line).
 */
export const JOB_NUMBER_PREFIX = /^[ \t]*(?:\d{2}-\d{5}[ \t]+\d{1,3}\/\d{1,3}|\d{1,3}\/\d{1,3}[ \t]+\d{2}-\d{5})[ \t]+(?=\S)/;
/** "A/HRC/ 8/29 Page 3 Introduction 1. ...": the symbol head glued to the start of a line (UPR reports 2008–2009). */
export const HRC_SYMBOL_PREFIX = /^[ \t]*A\/HRC\/\s?\d+\/\d+(?:\/Add\.\d+)?\s+page\s+\d+[ \t]*/i;

const FURNITURE_PREFIXES: readonly RegExp[] = [JOB_NUMBER_PREFIX, HRC_SYMBOL_PREFIX];

/** No furniture line is longer: longer lines are text, and need no test. */
const MAX_FURNITURE_LINE = 64;

/** Is this line (untrimmed, without its line break) one of `patterns`? */
export function isFurnitureLine(line: string, patterns: readonly RegExp[] = FURNITURE_LINES): boolean {
  if (line.length > MAX_FURNITURE_LINE * 4) return false;
  const trimmed = line.trim();
  return trimmed !== '' && trimmed.length <= MAX_FURNITURE_LINE && patterns.some((re) => re.test(trimmed));
}

/** The length of the furniture at the start of this line (with the spaces after it), or 0. */
export function furniturePrefixLength(line: string, patterns: readonly RegExp[] = FURNITURE_PREFIXES): number {
  for (const re of patterns) {
    const m = re.exec(line.slice(0, MAX_FURNITURE_LINE * 2));
    if (m) return m[0].length;
  }
  return 0;
}

/** Page furniture anywhere in `text`: whole furniture lines and furniture prefixes of lines, sorted and merged. */
export function pageFurniture(text: string): Span[] {
  const spans: Span[] = [];
  for (const line of lineSpans(text)) {
    const head = text.slice(line.start, Math.min(line.end, line.start + MAX_FURNITURE_LINE * 4));
    if (line.end - line.start <= MAX_FURNITURE_LINE * 4 && isFurnitureLine(head)) {
      spans.push(line);
      continue;
    }
    const prefix = furniturePrefixLength(head);
    if (prefix > 0) spans.push({ start: line.start, end: line.start + prefix });
  }
  return mergeSpans(spans);
}
