// Data the segmenter needs: which words end in a period without ending a sentence.
// Collected from UN General Debate speeches and UPR reports (titles, legal
// references, Latin abbreviations, months before day numbers).
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'messrs',
  'mmes',
  'dr',
  'prof',
  'st',
  'sr',
  'jr',
  'hon',
  'rev',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'gov',
  'sen',
  'rep',
  'amb',
  'h.e',
  'excellency',
  'paras',
  'sect',
  'chap',
  'nos',
  'vols',
  'pp',
  'cf',
  'e.g',
  'i.e',
  'viz',
  'op',
  'cit',
  'loc',
  'ibid',
  'id',
  'al',
  'approx',
  'ca',
  'vs',
  'v',
  'resp',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'est',
  'min',
  'max',
  'add',
  'corr',
  'suppl',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'a.m',
  'p.m',
  'u.n',
  'u.s',
  'u.k',
]);

/**
 * Longest utterance we keep in one piece. Real sentences in the General Debate
 * corpus stay far below this; longer spans are unterminated text (tables, OCR
 * runs) that would otherwise cost the tagger quadratic attention downstream.
 */
export const MAX_UTTERANCE_CHARS = 2000;

/**
 * Words that end in a period only as abbreviations before a number ("No. 3",
 * "art. 5", "para. 12", "p. 4", "Vol. II"); elsewhere "no." ends a sentence.
 */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set(['no', 'art', 'para', 'p', 'vol', 'ch', 'sec', 'fig']);

/**
 * Words a sentence never ends on: articles, prepositions, conjunctions,
 * possessives. A blank line right after one is a page break inside a sentence
 * whose next page goes on with a capital ("... raised by the\n\n\nCommittee
 * against Torture", "The\n\nUnited Kingdom also pointed ..."): UPR reports
 * keep a blank line where the converter dropped the page head, and GA records
 * break pages so.
 */
export const CONTINUING_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'nor',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'into',
  'upon',
  'between',
  'among',
  'under',
  'within',
  'through',
  'against',
  'towards',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  'whose',
  'than',
]);

/**
 * A piece that is only a number the OCR misread or ran into a stray letter
 * ("1Q5.", "17l.", "I9.", "7O.", "J99.", "I\n106."; GA records of the 1950s–1980s):
 * at most ten characters, a digit, and no two letters in a row (no word: "In 1990." stays).
 * Not an utterance.
 */
export const MISREAD_NUMBER = /^(?=\D*\d)(?![\s\S]*\p{L}\p{L})[\s\S]{1,10}$/u;
