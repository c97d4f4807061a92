// The phrases that tell who speaks in a UPR Working Group report paragraph and
// what position a list of recommendations has. Data, not code: every cue has
// an id, a description and examples that tests/structure/cues.test.ts runs.
// Patterns are tested at the start of a paragraph (openers) or anywhere in the
// sentence that introduces a list of recommendations (positions).
import type { RecommendationPosition } from '../types.js';

export interface Cue {
  id: string;
  description: string;
  pattern: RegExp;
  examples: { match: string[]; nomatch: string[] };
}

export interface PositionCue extends Cue {
  position: RecommendationPosition;
}

/** Openers of the State under review's own words (its replies in the dialogue). */
export const SELF_OPENERS: readonly Cue[] = [
  {
    id: 'self.delegation',
    description: 'The delegation, its head, or a member of it ("The Kenyan delegation", "The head of delegation").',
    // Case-sensitive modifiers: "Brazil welcomed the delegation" must not match.
    pattern: /^(?:[Tt]he\s+)?(?:[Hh]ead\s+of\s+(?:the\s+)?)?(?:[A-Z][\w'\u2019\u00d5-]*\s+){0,2}?[Dd]elegat(?:ion|e)s?\b/,
    examples: {
      match: ['The delegation stated that', 'The head of the delegation noted', 'The Algerian delegation said', 'Delegation members'],
      nomatch: ['During the interactive dialogue, 46 delegations made statements', 'Brazil welcomed the delegation'],
    },
  },
  {
    id: 'self.official',
    description: 'An office holder or organ of the State under review ("The Minister", "The Government", "The Permanent Representative").',
    pattern:
      /^(?:[Tt]he\s+|H\.\s?E\.\s+)?(?:[A-Z][\w-]*\s+){0,3}?(?:[Mm]inister|[Rr]epresentative|[Aa]mbassador|[Ss]ecretary|[Aa]ttorney[\s-][Gg]eneral|[Ss]olicitor[\s-][Gg]eneral|[Cc]hief\s+[Jj]ustice|[Cc]ommissioner|[Hh]ead\s+of\s+[Ss]tate|[Pp]resident|[Gg]overnment|[Ss]tate\s+under\s+review|[Cc]ountry\s+under\s+review|[Aa]uthorities)\b/,
    examples: {
      match: [
        'The Minister said',
        'The Deputy Minister of Justice explained',
        'The Government had adopted',
        'The State under review replied',
        'The Permanent Representative added',
      ],
      nomatch: ['Many ministers of the region', 'Brazil asked the Government'],
    },
  },
  {
    id: 'self.reply',
    description: 'A reply or closing remark ("In response to questions on ...", "Responding to ...", "In conclusion, ...").',
    pattern:
      /^(?:in\s+(?:response|reply|responding|answer)|respond(?:ing|ed)|repl(?:ying|ied)|answering|reacting|in\s+its\s+(?:response|responses|reply|replies|concluding|final|closing)|in\s+(?:conclusion|closing|concluding)|to\s+conclude|concluding|finally)\b/i,
    examples: {
      match: [
        'In response to questions on torture, Kenya noted',
        'Responding to Brazil, the delegation said',
        'In conclusion, the delegation thanked',
        'In its concluding remarks',
      ],
      nomatch: ['In relation to the death penalty', 'Brazil responded'],
    },
  },
];

/** Openers of procedural text: the Working Group's own account. */
export const PROCEDURAL_OPENERS: readonly Cue[] = [
  {
    id: 'procedural.statements-made',
    description: 'The count of statements made in the dialogue.',
    pattern:
      /^(?:during\s+the\s+(?:ensuing\s+)?(?:inter-?\s?active\s+)?dialogue|in\s+the\s+course\s+of\s+the\s+(?:inter-?\s?active\s+)?dialogue|(?:a\s+total\s+of\s+)?[\w-]+\s+delegations\s+(?:made|took)|statements\s+were\s+made|recommendations\s+made\s+during|due\s+to\s+time\s+constraints|the\s+following\s+(?:delegations|states)\s+(?:were\s+unable|did\s+not))/i,
    examples: {
      match: [
        'During the interactive dialogue, 84 delegations made statements',
        'During the inter-active dialogue, statements were made by 58 delegations',
        'Recommendations made during the dialogue are to be found in section II',
      ],
      nomatch: ['During the review, the delegation said', 'Brazil made recommendations'],
    },
  },
  {
    id: 'procedural.working-group',
    description: 'The Working Group, the troika or a meeting as subject.',
    pattern: /^(?:the\s+(?:working\s+group|troika|secretariat)|at\s+(?:its|the)\s+\d+\w*\s+meeting)\b/i,
    examples: {
      match: ['The Working Group adopted', 'At the 11th meeting, on 14 April'],
      nomatch: ['The Minister said'],
    },
  },
];

/** Openers of UN bodies and officers speaking in the dialogue. */
export const UN_OPENERS: readonly Cue[] = [
  {
    id: 'un.body',
    description: 'A UN body or officer as subject ("OHCHR", "The President of the Human Rights Council").',
    pattern:
      /^(?:the\s+)?(?:office\s+of\s+the\s+(?:united\s+nations\s+)?high\s+commissioner|ohchr|unicef|unhcr|undp|unesco|unfpa|united\s+nations\s+(?:children|high|development|population|country\s+team|agencies)|(?:vice-?)?president\s+of\s+the\s+(?:human\s+rights\s+)?council|chair(?:person)?\s+of\s+the\s+(?:human\s+rights\s+council|working\s+group)|(?:united\s+nations\s+)?high\s+commissioner|special\s+rapporteur)\b/i,
    examples: {
      match: ['The President of the Human Rights Council reminded', 'OHCHR noted', 'The United Nations country team reported'],
      nomatch: ['The President of Kenya', 'The United Kingdom noted', 'The chairperson of the National Commission for Human Rights said'],
    },
  },
];

/** Pronoun openers: the paragraph continues its predecessor's speaker ("It also recommended ..."). */
export const CONTINUATION_OPENERS: readonly Cue[] = [
  {
    id: 'continue.pronoun',
    description: 'A paragraph that opens with a pronoun continues the previous speaker.',
    pattern: /^(?:it|they|he|she|the\s+same\s+(?:delegation|state|speaker))\s/i,
    examples: {
      match: ['It also recommended that', 'They further asked'],
      nomatch: ['Italy welcomed', 'Items of concern'],
    },
  },
];

/** Collective openers: several unnamed States ("A number of delegations welcomed ..."). */
export const COLLECTIVE_OPENERS: readonly Cue[] = [
  {
    id: 'others.collective',
    description: 'Unnamed States speaking together.',
    pattern:
      /^(?:a\s+(?:number|majority)\s+of|several|many|some|numerous|most|other|various|all)\s+(?:of\s+the\s+)?(?:delegations|states|countries|speakers)\b/i,
    examples: {
      match: ['A number of delegations welcomed', 'Several States asked', 'Many delegations commended'],
      nomatch: ['The delegation', 'Some progress was made'],
    },
  },
];

/** The verbs the Working Group reports a State's statement with, right after the State's name. */
export const REPORTING_VERB: Cue = {
  id: 'subject.reporting-verb',
  description: 'A reporting verb after a State named inside the first sentence makes that State the speaker.',
  pattern:
    /^,?\s+(?:also\s+|further\s+|then\s+|moreover\s+|however\s+)?(?:noted|welcomed|commended|congratulated|appreciated|acknowledged|recogni[sz]ed|praised|applauded|lauded|hailed|thanked|asked|inquired|enquired|requested|sought|questioned|wondered|wished|recommended|urged|encouraged|called|invited|suggested|expressed|stated|said|declared|observed|indicated|mentioned|highlighted|emphasi[sz]ed|underlined|underscored|stressed|reiterated|referred|raised|remarked|pointed|drew|cited|considered|believed|regretted|deplored|hoped|shared|echoed|supported|associated|joined|made|took|was\s+(?:\w+ly\s+)?(?:concerned|interested|pleased|encouraged|grateful|glad|happy|worried|alarmed|disturbed|satisfied|appreciative))\b/,
  examples: {
    match: [' called on the Government', ', noted difficulties', ' also recommended', ' was particularly interested in'],
    nomatch: [' and Mexico welcomed', "'s question was answered", ' had ratified the Convention', ', which asked'],
  },
};

/** Words that open a subordinate clause: a State right after them is that clause's subject, not the speaker. */
export const SUBORDINATE_CLAUSE: Cue = {
  id: 'subject.subordinate-clause',
  description: 'The text before a State ends with a subordinator ("..., in which Ireland stated that ...").',
  pattern: /\b(?:which|that|where|when|whom|whereby|as|if|whether|since|because|although|though)\s+$/i,
  examples: {
    match: ['Mentioning the report, in which ', 'As '],
    nomatch: ['While noting the efforts of the Government, ', 'In response to questions from '],
  },
};

/** The closing sentence of another State's statement ("Myanmar made recommendations."), after the State's name. */
export const MADE_RECOMMENDATIONS: Cue = {
  id: 'others.made-recommendations',
  description: 'A State that "made recommendations" spoke the paragraph.',
  pattern: /^\s+(?:also\s+)?made\s+(?:a\s+|several\s+|some\s+)?recommendations?\b/,
  examples: {
    match: [' made recommendations.', ' made a recommendation.', ' also made recommendations.'],
    nomatch: [' made a statement.', ' recommended that'],
  },
};

/**
 * What a report says about the recommendations it lists, in precedence order:
 * the first that matches the introducing sentence wins ("did not enjoy the
 * support" must beat "support").
 */
export const POSITION_CUES: readonly PositionCue[] = [
  {
    id: 'position.mixed',
    position: 'to_be_examined',
    description: 'Some of the listed recommendations will be supported and others not: the positions are still open.',
    pattern: /\bsome\b[^.]{0,200}\bothers?\b[^.]{0,200}\b(?:support|examin|accept)/i,
    examples: {
      match: ['among the recommendations, there are some that enjoy the support of Nigeria, there are others that need to be further examined'],
      nomatch: ['The recommendations below did not enjoy the support of Kenya:'],
    },
  },
  {
    id: 'position.rejected',
    position: 'rejected',
    description: 'The State does not accept the recommendations.',
    pattern:
      /did\s+not\s+(?:enjoy|receive|obtain|have|gain)\s+(?:the\s+)?support|do(?:es)?\s+not\s+(?:enjoy|accept|support|have\s+the\s+support)|not\s+(?:been\s+)?accepted|(?:were|was|are|is|been)\s+rejected|\breject(?:s|ed)?\b|(?:cannot|can\s+not|could\s+not|unable\s+to)\s+(?:be\s+)?(?:accept|support)|not\s+supported|did\s+not\s+accept/i,
    examples: {
      match: [
        'The recommendations below did not enjoy the support of Kenya:',
        'The following recommendations were rejected by X',
        'X does not accept the following recommendations',
      ],
      nomatch: ['The recommendations listed below enjoy the support of Kenya:'],
    },
  },
  {
    id: 'position.to-be-examined',
    position: 'to_be_examined',
    description: 'The State will examine the recommendations and respond later (2008–2014: before the Council session that adopts the outcome).',
    pattern:
      /will\s+be\s+(?:examined|considered|studied)|will\s+(?:examine|consider|study)|(?:will|would|shall)\s+provide\s+(?:its\s+|their\s+)?(?:responses?|answers?|replies)|responses?\s+(?:[\w()-]+\s+){0,14}(?:in\s+due\s+(?:time|course)|will\s+be\s+included)|(?:are|is|were|remain)\s+(?:still\s+)?under\s+(?:consideration|examination|review)|further\s+(?:consideration|examination|study)|to\s+be\s+(?:examined|considered)|will\s+respond|(?:reserve[sd]?|reserving)\s+(?:its|their)\s+position|(?:examine|consider)\s+(?:them|these|the\s+following)\s+(?:further|later)/i,
    examples: {
      match: [
        'The following recommendations will be examined by Chile, which will provide responses in due time',
        'The response of Algeria to these recommendations will be included in the outcome report',
        'Kenya will consider the following recommendations',
      ],
      nomatch: ['The recommendations have been examined by Kenya and enjoy its support:'],
    },
  },
  {
    id: 'position.implemented',
    position: 'supported',
    description: 'The State considers the recommendations already implemented (even when it says it "noted" them): accepted.',
    pattern:
      /already\s+(?:been\s+|being\s+)?implemented|(?:have\s+been|are\s+being|are\s+currently\s+being)\s+implemented|in\s+the\s+process\s+of\s+(?:being\s+)?implement/i,
    examples: {
      match: [
        'The following recommendations are noted and China indicated that they are pertaining to measures already being implemented',
        'Viet Nam noted the following recommendations and indicated that they pertain to measures which have been implemented or are currently being implemented:',
      ],
      nomatch: ['The following recommendations were noted by Cuba'],
    },
  },
  {
    id: 'position.noted',
    position: 'noted',
    description: 'The State took note of the recommendations.',
    pattern: /\b(?:took|takes|take|has\s+taken|have\s+taken|taking)\s+note\b|\bnoted\s+by\b|(?:were|are|was|is|be|been)\s+noted\b/i,
    examples: {
      match: ['The following recommendations were noted by Cuba', 'X took note of the following recommendations'],
      nomatch: ['Brazil noted progress', 'enjoy the support of X'],
    },
  },
  {
    id: 'position.supported',
    position: 'supported',
    description: 'The State supports or accepts the recommendations, or considers them already implemented.',
    pattern:
      /enjoy(?:s|ed)?\s+(?:the|its|their)\s+support|(?:are|were|have\s+been|has\s+been|is|was)\s+(?:accepted|supported|endorsed)|\baccept(?:s|ed)?\b|\bsupport(?:s|ed)?\b|already\s+(?:been\s+)?implemented|in\s+the\s+process\s+of\s+(?:being\s+)?implement|agree[sd]?\s+(?:to|with)/i,
    examples: {
      match: [
        'The recommendations formulated during the interactive dialogue listed below have been examined by Kenya and enjoy its support:',
        'X considers that the following recommendations are already implemented or in the process of implementation:',
        'The following recommendations were accepted by X',
      ],
      nomatch: ['The recommendations below will be examined by X'],
    },
  },
];

/** The first cue of `cues` whose pattern matches `text`. */
export function firstCue<C extends Cue>(cues: readonly C[], text: string): C | undefined {
  return cues.find((cue) => cue.pattern.test(text));
}
