// Treaty actions of predecessor States from UNTC status-page footnotes.
// Czechoslovakia, the German Democratic Republic and the former Yugoslavia are
// no longer participants, so the status tables have no rows for them; their
// signatures and ratifications survive only in end notes such as
//   "7 Czechoslovakia had signed and ratified the Convention on 7 October 1968
//    and 23 December 1975, respectively, ..."
//   "7 Czechoslovakia acceded to the Optional Protocol on 12 March 1991."
// Only States with a historical code (HISTORICAL_CODES) are read: for current
// States the table rows are authoritative and their footnotes describe other
// things (withdrawn reservations, re-accessions).
import { DomUtils, parseDocument } from 'htmlparser2';
import { HISTORICAL_CODES, normaliseCountry } from '../countries.js';
import type { TreatyAction, TreatyFact } from './types.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const DAY_MONTH_YEAR = String.raw`\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}`;

/**
 * A footnote sentence: footnote number, State, verb, instrument noun, optional
 * qualifiers ("with reservations"), then one or two dates.
 */
const FOOTNOTE_ACTION = new RegExp(
  String.raw`(?:^|\s)(\d{1,3})\s*((?:The\s+)?(?:former\s+)?[A-Z][A-Za-z' ]{2,60}?)\s+` +
    String.raw`(had signed and ratified|had signed|had ratified|had acceded to|acceded to)\s+the\s+` +
    String.raw`(?:Optional Protocol|Protocol|Convention|Covenant|Convenant)\b([^.;]{0,80}?)\s+on\s+(${DAY_MONTH_YEAR})` +
    String.raw`(?:\s+and\s+(${DAY_MONTH_YEAR}))?`,
  'g',
);

/** "7 October 1968" → "1968-10-07"; null if the month is not a month. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
  if (!month) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/** Map a footnote's State name to a historical code, or undefined for current States. */
function predecessorCode(name: string): string | undefined {
  const bare = name.replace(/^The\s+/, '').replace(/^former\s+/, '');
  const code = normaliseCountry(bare);
  return code && code in HISTORICAL_CODES ? code : undefined;
}

export interface FootnoteFact extends TreatyFact {
  country: string;
  footnote: string; // the footnote number
  quote: string; // the matched sentence, for the source field
}

function actionsOf(verb: string, dates: Array<string | null>): Array<[TreatyAction, string | null]> {
  switch (verb) {
    case 'had signed and ratified':
      return [
        ['signature', dates[0]],
        ['ratification', dates[1]],
      ];
    case 'had signed':
      return [['signature', dates[0]]];
    case 'had ratified':
      return [['ratification', dates[0]]];
    default:
      return [['accession', dates[0]]];
  }
}

/** The plain text of a UNTC status page. */
export function htmlText(html: string): string {
  return DomUtils.textContent(parseDocument(html)).replace(/\s+/g, ' ');
}

/**
 * Predecessor States' actions in the footnotes of one status page. `instrument`
 * is the UNTC short id of the page (iccpr, cat, ...); `sourceUrl` its address.
 */
export function footnoteActions(html: string, instrument: string, sourceUrl: string): FootnoteFact[] {
  const text = htmlText(html);
  const facts: FootnoteFact[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(FOOTNOTE_ACTION)) {
    const [quote, footnote, name, verb, , first, second] = m;
    const country = predecessorCode(name.trim());
    if (!country) continue;
    for (const [action, date] of actionsOf(verb, [parseDayMonthYear(first), second ? parseDayMonthYear(second) : null])) {
      const id = `${country}-${instrument}-${action}`;
      if (!date || seen.has(id)) continue;
      seen.add(id);
      facts.push({
        id,
        country,
        instrument,
        action,
        date,
        footnote,
        quote: quote.trim(),
        source: `${sourceUrl} (end note ${footnote}: "${quote.trim().replace(/^\d+\s*/, '')}")`,
      });
    }
  }
  return facts;
}
