// The recommendations listed in a report's conclusions: "89.12. Ratify the
// Convention ... (Brazil);" (from 2009) or a sub-list "1. That Algeria ...
// (Kuwait)." under paragraph 69 (2008, numbered 69.1, 69.2, ... by the UN and
// by the independent parse). The recommending States are the ones named in
// parentheses; the position is what the sentence introducing the list says
// ("... enjoy the support of Kenya:", "... will be examined by Chile ...").
import type { CountryMatcher } from '../country-names.js';
import type { RecommendationPosition } from '../types.js';
import { POSITION_CUES, firstCue } from './cues.js';

export interface ListItem {
  number: string; // "89.12"
  pos: number; // offset of the number
  textStart: number; // offset of the item text
  end: number; // end of the item's region (next item or end of paragraph)
}

const COMPOUND_NUMBER = /(?<!\S)(\d{1,3})\.(\d{1,3})\.?(?=\s)/g;

function skipSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/**
 * Items "k.1", "k.2", ... inside paragraph `k` (between `from` and `to`): at the
 * start of a line or after punctuation, with rising numbers (a lost or moved
 * item leaves a gap). "recommendation 103.1 above" in running text is neither.
 */
export function compoundItems(text: string, paragraph: number, from: number, to: number): ListItem[] {
  const found: Array<{ n: number; pos: number; textStart: number }> = [];
  let last = 0;
  const region = text.slice(from, to);
  for (const m of region.matchAll(COMPOUND_NUMBER)) {
    const n = Number(m[2]);
    if (Number(m[1]) !== paragraph || n <= last || !opensItem(region, m.index)) continue;
    const pos = from + m.index;
    found.push({ n, pos, textStart: skipSpace(text, pos + m[0].length) });
    last = n;
  }
  return found.map((item, i) => ({
    number: `${paragraph}.${item.n}`,
    pos: item.pos,
    textStart: item.textStart,
    end: i + 1 < found.length ? found[i + 1].pos : to,
  }));
}

/** True when the number at `pos` starts a line or follows the end of a clause (";", ".", ":"). */
function opensItem(region: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && (region[i] === ' ' || region[i] === '\t')) i--;
  return i < 0 || /[\r\n;.:]/.test(region[i]);
}

/** Items of a 2008-style sub-list ("1.", "2.", ...) of paragraph `paragraph`. */
export function subListItems(paragraph: number, subItems: ReadonlyArray<{ value: number; pos: number; textStart: number }>, to: number): ListItem[] {
  return subItems.map((item, i) => ({
    number: `${paragraph}.${item.value}`,
    pos: item.pos,
    textStart: item.textStart,
    end: i + 1 < subItems.length ? subItems[i + 1].pos : to,
  }));
}

export interface StatesInParentheses {
  codes: string[]; // ISO3 in order of mention, without repeats
  lastEnd: number; // offset just after the last such ")" (or -1)
}

/** The States named in parentheses in text[from, to): "(Brazil)", "(Ireland, Austria, Germany)". */
export function statesInParentheses(text: string, from: number, to: number, matcher: CountryMatcher): StatesInParentheses {
  const codes: string[] = [];
  let lastEnd = -1;
  const region = text.slice(from, to);
  // One level of nesting: "(Venezuela (Bolivarian Republic of))".
  for (const m of region.matchAll(/\(((?:[^()]|\([^()]{0,60}\)){2,300})\)/g)) {
    // Tidy the spacing the conversion leaves: "Iran(Islamic Republic of )" → "Iran (Islamic Republic of)".
    const content = m[1]
      .replace(/\s+\)/g, ')')
      .replace(/(\S)\(/g, '$1 (')
      .trim()
      .replace(/[.;,]+$/, '');
    const names = matcher.matchListAt(content, 0);
    if (!names || content.slice(names.end).trim() !== '') continue;
    for (const code of names.codes) if (!codes.includes(code)) codes.push(code);
    lastEnd = from + m.index + m[0].length;
  }
  return { codes, lastEnd };
}

/** The position a list's introducing text gives its recommendations, if it gives one. */
export function positionOf(introduction: string): RecommendationPosition | undefined {
  return firstCue(POSITION_CUES, introduction)?.position;
}

/** Whitespace-collapsed text of the given parts of the document. */
export function joinedText(text: string, parts: ReadonlyArray<{ start: number; end: number }>): string {
  return parts
    .map((p) => text.slice(p.start, p.end))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
