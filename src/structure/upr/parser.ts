// The parser for reports of the UN Human Rights Council's Working Group on the
// Universal Periodic Review (2008–2014 layouts). Steps:
//   1. find the numbered paragraphs (a chain 1, 2, 3, ... — paragraphs.ts);
//   2. keep the heading occurrences that are followed by a numbered paragraph
//      (the table of contents repeats every heading) and give each paragraph
//      the section of the last real heading before it;
//   3. mark page furniture and footnotes inside each paragraph's span as holes (layout.ts);
//   4. attribute each paragraph by its section and opening words (speakers.ts);
//   5. in the conclusions, turn each listed recommendation into data and a
//      block of its recommending State (recommendations.ts).
import type { Attribution, DocMeta } from '../../types.js';
import { countryMatcher, type CountryMatcher } from '../country-names.js';
import { genericParser } from '../generic.js';
import type { DocumentStructure, Recommendation, StructureBlock, StructureParser } from '../types.js';
import { findHeadings, type HeadingKind, type HeadingMatch } from './headings.js';
import { spanWithHoles } from '../spans.js';
import { footnoteSpans, furnitureSpans, lineSpans, mergeSpans, type Span } from './layout.js';
import { findParagraphChain, numberCandidates, type NumberedParagraph } from './paragraphs.js';
import { compoundItems, joinedText, positionOf, statesInParentheses, subListItems, type ListItem } from './recommendations.js';
import {
  conclusionsSpeaker,
  dialogueSpeaker,
  presentationSpeakers,
  procedural,
  selfSpeaker,
  stateSpeaker,
  type SpeakerContext,
  type UprSection,
} from './speakers.js';

export const UPR_PARSER_NAME = 'upr-wg-report';

const TITLE = /Working(?:\s+Group)?\s+on\s+the\s+Universal\s*Periodic\s+Review/i;
const PRESENTATION = /Presentation\s+by\s+the\s+State\s+under\s+review/i;
const DIALOGUE = /Interactive\s+dialogue\s+and\s+responses\s+by\s+the\s+State\s+under\s+review/i;
/** The title sits on the cover page; looking further is wasted time on every other document. */
const TITLE_WINDOW = 5000;
/** How far after an item's number its recommending State may be named for the item to count as one. */
const ITEM_LOOKAHEAD = 1500;

/** Cheap: the title on the cover, or both dialogue-section headings anywhere. */
function detectUpr(text: string): boolean {
  if (TITLE.test(text.slice(0, TITLE_WINDOW))) return PRESENTATION.test(text) || DIALOGUE.test(text);
  return PRESENTATION.test(text) && DIALOGUE.test(text);
}

/** The State under review named in the report: the line after the title, else "The review of X was held". */
export function reviewedStateInText(text: string, matcher: CountryMatcher): string | undefined {
  const title = /Universal\s*Periodic\s+Review[\s*]*(?:\r\n|\r|\n)[\s*]*/i.exec(text.slice(0, TITLE_WINDOW));
  if (title) {
    const named = matcher.matchListAt(text, title.index + title[0].length);
    if (named) return named.codes[0];
  }
  for (const m of text.slice(0, TITLE_WINDOW * 3).matchAll(/\bThe\s+review\s+of\s+/g)) {
    const named = matcher.matchAt(text, m.index + m[0].length);
    if (named) return named.iso3;
  }
  return undefined;
}

interface Sectioned {
  paragraph: NumberedParagraph;
  section: UprSection;
  commitments: boolean; // "Voluntary pledges and commitments": the State's own words
  end: number; // end of the paragraph's span
}

const SECTION_OF: Record<HeadingKind, UprSection | undefined> = {
  introduction: 'introduction',
  summary: undefined,
  presentation: 'presentation',
  dialogue: 'dialogue',
  conclusions: 'recommendations',
  commitments: 'recommendations',
  annex: 'annex',
};

/** Where the text continues after `pos`, skipping whitespace, asterisks, furniture, footnotes and heading occurrences. */
function landing(text: string, pos: number, skipStarts: ReadonlyMap<number, number>, headingEnds: ReadonlyMap<number, number>): number {
  let i = pos;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const next = skipStarts.get(lineStartOf(text, i)) ?? headingEnds.get(i);
    if (next !== undefined && next > i) i = next;
    else if (text[i] === '*') i++;
    else return i;
  }
}

/** Offset of the start of the line `pos` is on, if only horizontal space precedes `pos` on it; else `pos`. */
function lineStartOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

/**
 * A heading starts its own line, or follows a sentence end, another heading or
 * page furniture ("A/HRC/8/29 Page 3 Introduction 1. ..."); "... are to be found
 * in chapter II on conclusions and recommendations." is a sentence, not a heading.
 */
function opensLine(text: string, start: number, ends: ReadonlySet<number>): boolean {
  let i = start - 1;
  while (i >= 0 && /[ \t\f\u00a0]/.test(text[i])) i--;
  return i < 0 || /[\r\n.:;*]/.test(text[i]) || ends.has(i + 1) || ends.has(start);
}

function skipStartsOf(spans: readonly Span[]): Map<number, number> {
  return new Map(spans.map((f) => [f.start, f.end]));
}

/** Start → end of the heading occurrences (the longest where two start together). */
function headingEndsOf(headings: readonly HeadingMatch[]): Map<number, number> {
  const ends = new Map<number, number>();
  for (const h of headings) ends.set(h.start, Math.max(h.end, ends.get(h.start) ?? 0));
  return ends;
}

/** Heading occurrences that open a section: followed by a numbered paragraph (or, for the annex, after the last one). */
function realHeadings(
  text: string,
  headings: readonly HeadingMatch[],
  paragraphs: readonly NumberedParagraph[],
  skippable: readonly Span[], // furniture and footnotes ("** The conclusions ... have not been edited.")
): HeadingMatch[] {
  const starts = new Set(paragraphs.map((p) => p.pos));
  const skipStarts = skipStartsOf(skippable);
  const headingEnds = headingEndsOf(headings);
  const lastStart = paragraphs.length ? paragraphs[paragraphs.length - 1].textStart : 0;
  const ends = new Set([...headings.map((h) => h.end), ...skippable.map((f) => f.end)]);
  const real = headings.filter((h) => h.kind !== 'annex' && opensLine(text, h.start, ends) && starts.has(landing(text, h.end, skipStarts, headingEnds)));
  const annex = headings.find((h) => h.kind === 'annex' && h.start > lastStart);
  return annex ? [...real, annex] : real;
}

function sectionParagraphs(paragraphs: readonly NumberedParagraph[], headings: readonly HeadingMatch[], textEnd: number): Sectioned[] {
  const out: Sectioned[] = [];
  let h = 0;
  let section: UprSection = 'introduction';
  let commitments = false;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    while (h < headings.length && headings[h].start < p.pos) {
      const next = SECTION_OF[headings[h].kind];
      if (next) {
        section = next;
        commitments = headings[h].kind === 'commitments';
      }
      h++;
    }
    const nextPos = i + 1 < paragraphs.length ? paragraphs[i + 1].pos : textEnd;
    const cut = headings.find((x) => x.start > p.textStart && x.start < nextPos);
    out.push({ paragraph: p, section, commitments, end: cut ? cut.start : nextPos });
  }
  return out;
}

interface Context extends SpeakerContext {
  text: string;
  excluded: Span[];
  blocks: StructureBlock[];
  recommendations: Recommendation[];
  warnings: string[];
  /** The last list, while its position is still unknown: 2008–2009 reports give it in the paragraph after the list. */
  unplaced?: { label: string; recommendations: Recommendation[] };
}

/** "Other recommendations noted in the report in paragraphs ... above": about the dialogue, not the list before. */
const OTHER_RECOMMENDATIONS = /^\s*Other\s+recommendations\b/i;

/** Give the waiting list the position a following paragraph states ("The response of X ... will be included ..."). */
function placeWaitingList(ctx: Context, parts: readonly Span[]): void {
  if (!ctx.unplaced || !parts.length) return;
  const text = joinedText(ctx.text, parts);
  if (OTHER_RECOMMENDATIONS.test(text)) return;
  const position = positionOf(text);
  if (!position) return;
  for (const r of ctx.unplaced.recommendations) r.position = position;
  ctx.unplaced = undefined;
}

function closeWaitingList(ctx: Context): void {
  if (ctx.unplaced) ctx.warnings.push(`paragraph ${ctx.unplaced.label}: no position found for its recommendations`);
  ctx.unplaced = undefined;
}

/**
 * The block of [start, end): one block, with the furniture and footnotes inside
 * it as holes, so a sentence that runs over a page break stays one sentence.
 * Returns the kept parts.
 */
function addBlock(ctx: Context, start: number, end: number, attribution: Attribution, paragraph?: string): Span[] {
  const block = spanWithHoles(ctx.text, start, end, ctx.excluded);
  if (!block) return [];
  ctx.blocks.push({
    start: block.start,
    end: block.end,
    ...(block.removed.length ? { removed: block.removed } : {}),
    attribution: { ...attribution },
    ...(paragraph ? { paragraph } : {}),
  });
  return block.parts;
}

function listItems(ctx: Context, s: Sectioned): ListItem[] {
  const p = s.paragraph;
  if (p.subItems.length) return subListItems(p.number, p.subItems, s.end);
  return compoundItems(ctx.text, p.number, p.textStart, s.end);
}

/** A conclusions paragraph: its introducing text, its recommendations, and any text after the list. */
function addConclusionsParagraph(ctx: Context, s: Sectioned): void {
  const p = s.paragraph;
  const label = String(p.number);
  const items = listItems(ctx, s);
  if (!items.length) {
    placeWaitingList(ctx, addBlock(ctx, p.textStart, s.end, conclusionsSpeaker(ctx.text, p.textStart, ctx), label));
    return;
  }
  closeWaitingList(ctx);
  const intro = addBlock(ctx, p.textStart, items[0].pos, conclusionsSpeaker(ctx.text, p.textStart, ctx), label);
  const position = positionOf(joinedText(ctx.text, intro));
  const listed: Recommendation[] = [];
  let trailing: Span[] = [];
  for (const [i, item] of items.entries()) {
    const added = addRecommendation(ctx, item, i === items.length - 1, label);
    if (added.recommendation) listed.push(position ? { ...added.recommendation, position } : added.recommendation);
    trailing = added.trailing;
  }
  ctx.recommendations.push(...listed);
  if (!position) {
    ctx.unplaced = { label, recommendations: listed };
    placeWaitingList(ctx, trailing);
  }
}

/**
 * One listed recommendation: a block of its first recommending State and the
 * data record; after the last item of a list, the text that follows it
 * ("With respect to special procedures, Algeria will consider ...") is a block of its own.
 */
function addRecommendation(ctx: Context, item: ListItem, last: boolean, label: string): { recommendation?: Recommendation; trailing: Span[] } {
  const states = statesInParentheses(ctx.text, item.textStart, item.end, ctx.matcher);
  if (!states.codes.length) ctx.warnings.push(`recommendation ${item.number}: no recommending State found`);
  const itemEnd = last && states.lastEnd > 0 ? endOfItem(ctx.text, states.lastEnd, item.end) : item.end;
  const parts = addBlock(ctx, item.textStart, itemEnd, stateSpeaker(states.codes[0], ctx, 'recommendations'), item.number);
  const trailing = itemEnd < item.end ? addBlock(ctx, itemEnd, item.end, conclusionsSpeaker(ctx.text, skipPunctuation(ctx.text, itemEnd), ctx), label) : [];
  if (!parts.length || !ctx.reviewed) return { trailing };
  const recommendation: Recommendation = {
    reviewed: ctx.reviewed,
    recommending: states.codes,
    number: item.number,
    text: joinedText(ctx.text, parts),
    start: parts[0].start,
    end: parts[parts.length - 1].end,
  };
  return { recommendation, trailing };
}

function skipPunctuation(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /[\s.;,)]/.test(text[i])) i++;
  return i;
}

/** The end of the last item of a list: just after its last "(State)" and closing punctuation. */
function endOfItem(text: string, lastParen: number, regionEnd: number): number {
  let i = lastParen;
  while (i < regionEnd && /[ \t.;,)]/.test(text[i])) i++;
  return /\S/.test(text.slice(i, regionEnd)) ? i : regionEnd;
}

function attributeParagraph(ctx: Context, s: Sectioned, previous: Attribution | undefined): Attribution | undefined {
  const p = s.paragraph;
  const label = String(p.number);
  switch (s.section) {
    case 'introduction':
    case 'annex':
      addBlock(ctx, p.textStart, s.end, procedural(s.section), label);
      return undefined;
    case 'presentation':
      for (const part of presentationSpeakers(ctx.text, p.textStart, s.end, ctx)) addBlock(ctx, part.start, part.end, part.attribution, label);
      return undefined;
    case 'dialogue': {
      const attribution = dialogueSpeaker(ctx.text, p.textStart, s.end, ctx, previous);
      addBlock(ctx, p.textStart, s.end, attribution, label);
      return attribution;
    }
    case 'recommendations':
      if (s.commitments) addBlock(ctx, p.textStart, s.end, selfSpeaker(ctx, s.section), label);
      else addConclusionsParagraph(ctx, s);
      return undefined;
  }
}

function parseUpr(text: string, meta: DocMeta): DocumentStructure {
  const matcher = countryMatcher();
  const warnings: string[] = [];
  const named = reviewedStateInText(text, matcher);
  const reviewed = meta.country ?? named;
  if (!reviewed) warnings.push('State under review unknown: no country in the metadata or the title');
  else if (named && named !== reviewed) warnings.push(`the title names ${named}, the metadata ${reviewed}; using ${reviewed}`);

  const headings = findHeadings(text);
  const candidates = numberCandidates(text, new Set(headings.map((h) => h.end)));
  const introductionEnds = headings.filter((h) => h.kind === 'introduction').map((h) => h.end);
  const looksLikeItem = (pos: number): boolean => statesInParentheses(text, pos, Math.min(text.length, pos + ITEM_LOOKAHEAD), matcher).codes.length > 0;
  const chain = findParagraphChain(text, candidates, introductionEnds, looksLikeItem);
  if (!chain.paragraphs.length) {
    // Not laid out as a report after all: keep every word, as the generic parser would.
    const generic = genericParser.parse(text, meta);
    return { ...generic, warnings: [`${UPR_PARSER_NAME}: no numbered paragraphs found; parsed as one generic block`] };
  }
  warnings.push(...chain.warnings);

  const lines = lineSpans(text);
  const furniture = furnitureSpans(text, lines);
  const numberStarts = new Set(chain.paragraphs.flatMap((p) => [p.pos, ...p.subItems.map((i) => i.pos)]));
  const excluded = mergeSpans([...furniture, ...footnoteSpans(text, lines, numberStarts)]);
  const real = realHeadings(text, headings, chain.paragraphs, excluded);
  for (const kind of ['presentation', 'dialogue', 'conclusions'] as const) {
    if (!real.some((h) => h.kind === kind)) warnings.push(`no "${kind}" section heading found before a numbered paragraph`);
  }

  const ctx: Context = { text, excluded, matcher, reviewed, blocks: [], recommendations: [], warnings };
  let previous: Attribution | undefined;
  for (const s of sectionParagraphs(chain.paragraphs, real, text.length)) previous = attributeParagraph(ctx, s, previous);
  closeWaitingList(ctx);
  const annex = real.find((h) => h.kind === 'annex');
  if (annex) addBlock(ctx, landing(text, annex.end, skipStartsOf(excluded), headingEndsOf(headings)), text.length, procedural('annex'));
  return { parser: UPR_PARSER_NAME, blocks: ctx.blocks, recommendations: ctx.recommendations, warnings };
}

export const uprWorkingGroupParser: StructureParser = {
  name: UPR_PARSER_NAME,
  detect: (text) => detectUpr(text),
  parse: parseUpr,
};
