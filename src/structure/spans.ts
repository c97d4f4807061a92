// Span arithmetic the structure parsers share: lines, trimming, cutting spans
// out of a span, and turning what was cut from inside a block into holes.

export interface Span {
  start: number;
  end: number;
}

/** The span without leading and trailing whitespace, or undefined when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : undefined;
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

/** A span of speech with the stretches inside it that are not speech (page furniture, footnotes). */
export interface SpanWithHoles extends Span {
  /** Sorted, disjoint, strictly inside (start, end); empty when nothing was cut. */
  removed: Span[];
  /** The kept parts, trimmed: what lies between the holes. */
  parts: Span[];
}

/**
 * [start, end) without the `excluded` spans (sorted, merged), as one span from
 * the first kept character to the last, with what lies between two kept parts
 * as a hole. A hole leaves the whitespace up to the first line break after the
 * left part (or one space), so the words on either side stay apart: "the
 * citizenry\n15-29946 21/33\n\nA/70/PV.28 03/10/2015\nis providing" keeps "the
 * citizenry\nis providing". Undefined when nothing is kept.
 */
export function spanWithHoles(text: string, start: number, end: number, excluded: readonly Span[]): SpanWithHoles | undefined {
  const parts = spanMinus(text, start, end, excluded);
  if (parts.length === 0) return undefined;
  const removed: Span[] = [];
  for (let i = 1; i < parts.length; i++) {
    const hole = holeBetween(text, parts[i - 1].end, parts[i].start);
    if (hole) removed.push(hole);
  }
  return { start: parts[0].start, end: parts[parts.length - 1].end, removed, parts };
}

/** The stretch between two kept parts minus the separator kept: spaces through the first line break, else one space. */
function holeBetween(text: string, leftEnd: number, rightStart: number): Span | undefined {
  let keep = leftEnd;
  while (keep < rightStart && /[ \t\f\v\u00a0]/.test(text[keep])) keep++;
  if (text[keep] === '\r' && text[keep + 1] === '\n') keep += 2;
  else if (text[keep] === '\r' || text[keep] === '\n') keep++;
  else keep = /\s/.test(text[leftEnd] ?? '') ? leftEnd + 1 : leftEnd;
  keep = Math.min(keep, rightStart);
  return keep < rightStart ? { start: keep, end: rightStart } : undefined;
}
