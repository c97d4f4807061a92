// Data the segmenter needs: which words end in a period without ending a sentence.
// Collected from UN General Debate speeches and UPR reports (titles, legal
// references, Latin abbreviations, months before day numbers).
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mmes', 'dr', 'prof', 'st', 'sr', 'jr', 'hon', 'rev', 'gen', 'lt', 'col', 'maj',
  'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'amb', 'h.e', 'excellency',
  'paras', 'sect', 'chap', 'nos', 'vols', 'pp',
  'cf', 'e.g', 'i.e', 'viz', 'op', 'cit', 'loc', 'ibid', 'id', 'al', 'approx', 'ca', 'vs', 'v', 'resp',
  'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'min', 'max', 'add', 'corr', 'suppl',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'a.m', 'p.m', 'u.n', 'u.s', 'u.k',
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
