// Evidence spans in a sentence: cut the text at every span edge so that
// overlapping spans still give one flat sequence of pieces, each with the
// evidence covering it. Renderers wrap covered pieces in <mark>.
import { escapeHtml } from './escape.js';
import type { EvidenceLine } from '../run/lines.js';

export interface TextPiece {
  text: string;
  /** Evidence covering this piece, in input order; empty for plain text. */
  evidence: EvidenceLine[];
}

/** Spans outside the text or empty are ignored (a stale or hand-edited run must not break the page). */
function usableSpans(text: string, evidence: readonly EvidenceLine[]): EvidenceLine[] {
  return evidence.filter((e) => e.start >= 0 && e.end <= text.length && e.start < e.end);
}

export function highlightPieces(text: string, evidence: readonly EvidenceLine[]): TextPiece[] {
  const spans = usableSpans(text, evidence);
  const cuts = new Set<number>([0, text.length]);
  for (const e of spans) {
    cuts.add(e.start);
    cuts.add(e.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    pieces.push({ text: text.slice(from, to), evidence: spans.filter((e) => e.start <= from && e.end >= to) });
  }
  return pieces;
}

/** How one piece of evidence reads on hover: "rule (category, weight 1.5, negated)". */
export function describeEvidence(e: EvidenceLine): string {
  const parts = [e.category, `weight ${e.weight}`];
  if (e.negated) parts.push('negated');
  if (e.effect) parts.push(e.effect);
  return `${e.rule} (${parts.filter(Boolean).join(', ')})`;
}

/** The sentence as HTML: evidence in <mark> with rule ids in the title; all text escaped. */
export function highlightHtml(text: string, evidence: readonly EvidenceLine[]): string {
  return highlightPieces(text, evidence)
    .map((piece) => {
      if (piece.evidence.length === 0) return escapeHtml(piece.text);
      const title = piece.evidence.map(describeEvidence).join('; ');
      const weak = piece.evidence.every((e) => e.negated || e.effect === 'dropped');
      return `<mark${weak ? ' class="weak"' : ''} title="${escapeHtml(title)}">${escapeHtml(piece.text)}</mark>`;
    })
    .join('');
}
