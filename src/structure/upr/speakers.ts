// Who speaks in a paragraph of a UPR Working Group report. The report is
// written in the third person by the Working Group: the State under review's
// presentation and replies, other States' comments and recommendations, and
// its own procedural account. The opening words of a paragraph say whose
// words follow ("Brazil welcomed ...", "The delegation stated ...",
// "In response to questions on ..., Kenya noted ..."); the paragraph keeps
// that speaker across its sentences.
import type { Attribution } from '../../types.js';
import { isStateCode, type CountryMatcher } from '../country-names.js';
import {
  COLLECTIVE_OPENERS,
  CONTINUATION_OPENERS,
  MADE_RECOMMENDATIONS,
  PROCEDURAL_OPENERS,
  REPORTING_VERB,
  SELF_OPENERS,
  SUBORDINATE_CLAUSE,
  UN_OPENERS,
  firstCue,
} from './cues.js';

export type UprSection = 'introduction' | 'presentation' | 'dialogue' | 'recommendations' | 'annex';

export interface SpeakerContext {
  reviewed?: string; // ISO3 of the State under review
  matcher: CountryMatcher;
}

/** How far into a paragraph the opener and its subject are looked for. */
const OPENING_WINDOW = 400;
const LEADING_PUNCTUATION = /^[\s"'\u201c\u2018\u00d2\u00d4([*]+/;
const APOSTROPHE_S = /^(?:['\u2019\u00d5]|[^\x00-\x7f])s\b/; // "Brazil's", "BrazilÕs": an object, not the speaker
export function procedural(section: UprSection): Attribution {
  return { speaker: 'procedural', speaker_role: 'procedural', reported: false, section };
}

export function selfSpeaker(ctx: SpeakerContext, section: UprSection): Attribution {
  return { speaker: ctx.reviewed, speaker_role: 'self', reported: true, section };
}

/** The attribution for a State named as speaker: the reviewed State is `self`. */
export function stateSpeaker(iso3: string | undefined, ctx: SpeakerContext, section: UprSection): Attribution {
  if (iso3 !== undefined && iso3 === ctx.reviewed) return selfSpeaker(ctx, section);
  return { speaker: iso3, speaker_role: 'other_state', reported: true, section };
}

function unSpeaker(section: UprSection): Attribution {
  return { speaker: 'UN', speaker_role: 'un', reported: true, section };
}

function skipSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Start of the paragraph's words, after quotes and brackets. */
function openingOf(text: string, start: number): { opening: string; offset: number } {
  const window = text.slice(start, start + OPENING_WINDOW);
  const lead = LEADING_PUNCTUATION.exec(window);
  const skip = lead ? lead[0].length : 0;
  return { opening: window.slice(skip), offset: start + skip };
}

/**
 * The State(s) named at the very start as subject: not a possessive ("Brazil's
 * question ...") and not a territory ("Greenland is working ..." in Denmark's
 * presentation).
 */
export function openingStates(text: string, offset: number, ctx: SpeakerContext): string[] | undefined {
  const names = ctx.matcher.matchListAt(text, offset);
  if (!names || APOSTROPHE_S.test(text.slice(names.end, names.end + 3)) || !isStateCode(names.codes[0])) return undefined;
  return names.codes;
}

/** "The representative of Brazil": the State after "of" at the end of an opener. */
function stateAfterOf(text: string, at: number, ctx: SpeakerContext): string | undefined {
  const of = /^\s+of\s+/i.exec(text.slice(at, at + 8));
  return of ? ctx.matcher.matchAt(text, at + of[0].length)?.iso3 : undefined;
}

/**
 * The speaker named inside the first sentence when it does not open with one:
 * a State followed by a reporting verb ("While noting ..., Saudi Arabia called
 * on ...", "As Russia has not signed ... Argentina recommended ..."), a State
 * after "according to", or the delegation after a fronted clause ("With regard to
 * torture, the delegation said ..."). The first one in the sentence wins.
 */
export function subjectInFirstSentence(text: string, start: number, ctx: SpeakerContext): string | undefined {
  const window = text.slice(start, start + OPENING_WINDOW);
  const sentence = window.slice(0, firstSentenceEnd(window, 0, window.length));
  for (const word of sentence.matchAll(/(?<![\w'\u2019-])(?=[A-Za-z])/g)) {
    const at = start + word.index;
    if (word.index > 0 && /,\s*$/.test(sentence.slice(0, word.index)) && SELF_OPENERS.some((cue) => cue.pattern.test(text.slice(at, at + 80)))) {
      return ctx.reviewed;
    }
    if (!/[A-Z]/.test(text[at]) && !/^the\s/i.test(text.slice(at, at + 4))) continue;
    const name = ctx.matcher.matchAt(text, at);
    if (!name || !isStateCode(name.iso3)) continue;
    // "..., in which Ireland stated that ..., Afghanistan inquired": a subordinate clause's subject is not the speaker.
    if (SUBORDINATE_CLAUSE.pattern.test(sentence.slice(0, word.index))) continue;
    const after = text.slice(name.end, name.end + 40);
    if (APOSTROPHE_S.test(after)) continue;
    if (REPORTING_VERB.pattern.test(after)) return name.iso3;
    const accordingTo = /according\s+to\s+$/i.test(sentence.slice(0, word.index));
    if (accordingTo && name.iso3 !== ctx.reviewed) return name.iso3;
    // "Brazil, Mexico and Chile welcomed": a list as subject. Not "... made by Bolivia, Sweden asked":
    // there the reviewed State closes a clause.
    const names = ctx.matcher.matchListAt(text, at);
    if (names && names.codes.length > 1 && name.iso3 !== ctx.reviewed && REPORTING_VERB.pattern.test(text.slice(names.end, names.end + 40))) {
      return name.iso3;
    }
  }
  return undefined;
}

/** "Myanmar made recommendations.": the closing sentence of another State's statement, anywhere in the paragraph. */
function recommendingStateIn(text: string, start: number, end: number, ctx: SpeakerContext): string | undefined {
  for (const m of text.slice(start, end).matchAll(/(?:^|[.;]\s+)(?=\S)/g)) {
    const at = start + m.index + m[0].length;
    const names = ctx.matcher.matchListAt(text, at);
    if (names && isStateCode(names.codes[0]) && MADE_RECOMMENDATIONS.pattern.test(text.slice(names.end, names.end + 40))) return names.codes[0];
  }
  return undefined;
}

/** Abbreviations whose full stop ends no sentence. */
const ABBREVIATION_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|No|Nos|St|H\.E|e\.g|i\.e|para|paras|art|arts|Prof|Amb)$/;

/** End of the first sentence of the paragraph starting at `start` (before `end`), or `end`. */
export function firstSentenceEnd(text: string, start: number, end: number): number {
  const sentenceEnd = /[.?!]["'\u201d\u2019\u00d3]?(?=\s+["\u201c\u00d2(]?[A-Z])/g;
  sentenceEnd.lastIndex = start;
  for (let m = sentenceEnd.exec(text); m && m.index < end; m = sentenceEnd.exec(text)) {
    if (!ABBREVIATION_BEFORE.test(text.slice(Math.max(start, m.index - 5), m.index))) return m.index + m[0].length;
  }
  return end;
}

/**
 * The State under review's presentation, where it may recount another State's
 * advance question before answering it ("Norway asked about ... In recent years
 * Poland had introduced ..."): that first sentence is the other State's; the rest is the reviewed State's.
 */
export function presentationSpeakers(
  text: string,
  start: number,
  end: number,
  ctx: SpeakerContext,
): Array<{ start: number; end: number; attribution: Attribution }> {
  const section: UprSection = 'presentation';
  const self = selfSpeaker(ctx, section);
  const { offset } = openingOf(text, start);
  const states = openingStates(text, offset, ctx);
  if (!states || states[0] === ctx.reviewed) return [{ start, end, attribution: self }];
  const split = firstSentenceEnd(text, offset, end);
  const asked = { start, end: split, attribution: stateSpeaker(states[0], ctx, section) };
  return split < end ? [asked, { start: split, end, attribution: self }] : [asked];
}

/** A paragraph of the interactive dialogue. `previous` is the attribution of the paragraph before it. */
export function dialogueSpeaker(text: string, start: number, end: number, ctx: SpeakerContext, previous?: Attribution): Attribution {
  const { opening, offset } = openingOf(text, start);
  return (
    speakerByOpening(text, opening, offset, ctx, previous) ??
    speakerInside(text, offset, end, ctx) ??
    // Whatever else the dialogue holds between States' statements is the State under review answering.
    selfSpeaker(ctx, 'dialogue')
  );
}

/** Steps 1–6 of the dialogue rules (docs/structure-parsers.md): what the opening words say. */
function speakerByOpening(text: string, opening: string, offset: number, ctx: SpeakerContext, previous: Attribution | undefined): Attribution | undefined {
  const section: UprSection = 'dialogue';
  if (firstCue(PROCEDURAL_OPENERS, opening)) return procedural(section);
  if (firstCue(UN_OPENERS, opening)) return unSpeaker(section);
  const states = openingStates(text, offset, ctx);
  if (states) return stateSpeaker(states[0], ctx, section);
  if (firstCue(COLLECTIVE_OPENERS, opening)) return { speaker_role: 'other_state', reported: true, section };
  for (const cue of SELF_OPENERS) {
    const m = cue.pattern.exec(opening);
    if (!m) continue;
    const named = stateAfterOf(text, offset + m[0].length, ctx); // "The representative of Norway"
    return named ? stateSpeaker(named, ctx, section) : selfSpeaker(ctx, section);
  }
  if (firstCue(CONTINUATION_OPENERS, opening) && previous?.section === section) return { ...previous };
  return undefined;
}

/** Steps 7–8: a speaker named inside the first sentence, opening the second, or closing with "X made recommendations". */
function speakerInside(text: string, offset: number, end: number, ctx: SpeakerContext): Attribution | undefined {
  const section: UprSection = 'dialogue';
  const subject = subjectInFirstSentence(text, offset, ctx);
  if (subject) return stateSpeaker(subject, ctx, section);
  // "According to NGO information, ... . China asked about ...": the second sentence names the speaker.
  const second = firstSentenceEnd(text, offset, Math.min(end, offset + OPENING_WINDOW));
  const next = second < end ? openingStates(text, skipSpace(text, second), ctx) : undefined;
  if (next) return stateSpeaker(next[0], ctx, section);
  const recommender = recommendingStateIn(text, offset, end, ctx);
  return recommender ? stateSpeaker(recommender, ctx, section) : undefined;
}

/**
 * A paragraph (or the text around a list) in the conclusions: the State under
 * review when it speaks ("With regard to recommendation 103.1, Kenya indicated
 * ..."), else the Working Group's account.
 */
export function conclusionsSpeaker(text: string, start: number, ctx: SpeakerContext): Attribution {
  const section: UprSection = 'recommendations';
  const { opening, offset } = openingOf(text, start);
  const states = openingStates(text, offset, ctx);
  if (states) return states[0] === ctx.reviewed ? selfSpeaker(ctx, section) : procedural(section);
  if (firstCue(SELF_OPENERS, opening)) return selfSpeaker(ctx, section);
  const subject = subjectInFirstSentence(text, offset, ctx);
  if (subject !== undefined && subject === ctx.reviewed) return selfSpeaker(ctx, section);
  return procedural(section);
}
