// Venues: a few canonical spellings, and the audience a venue implies
// (codebook section 3: UN bodies speak to an international audience,
// parliament, national addresses and the press to a domestic one).
import type { Audience } from '../types.js';

const CANONICAL_VENUES: Record<string, string> = {
  unga: 'UN General Assembly',
  ga: 'UN General Assembly',
  generalassembly: 'UN General Assembly',
  ungeneralassembly: 'UN General Assembly',
  unitednationsgeneralassembly: 'UN General Assembly',
  hrc: 'Human Rights Council',
  humanrightscouncil: 'Human Rights Council',
  unhumanrightscouncil: 'Human Rights Council',
  upr: 'UPR Working Group',
  uprworkinggroup: 'UPR Working Group',
  universalperiodicreview: 'UPR Working Group',
  parliament: 'parliament',
  nationaladdress: 'national address',
  addresstothenation: 'national address',
  press: 'press conference',
  pressconference: 'press conference',
};

const compact = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Canonical spelling for known venues ("unga", "General Assembly" → "UN General Assembly"); others trimmed. */
export function canonicalVenue(venue: string): string {
  const trimmed = venue.trim().replace(/\s+/g, ' ');
  return CANONICAL_VENUES[compact(trimmed)] ?? trimmed;
}

const INTERNATIONAL_VENUE =
  /\b(united nations|general assembly|human rights council|commission on human rights|security council|upr|universal periodic review|treaty bod(?:y|ies)|human rights committee|committee against torture|committee on the elimination|special rapporteur|geneva)\b/i;
/** "UN" as a word, case-sensitive so that ordinary words never match. */
const UN_ABBREVIATION = /\bUN\b/;
const DOMESTIC_VENUE =
  /\b(parliament|national assembly|senate|congress|national address|address to the nation|press|radio|television|broadcast|rally|independence day|national day)\b/i;

/** The audience a venue implies, if it implies one. International is checked first ("UN General Assembly"). */
export function impliedAudience(venue: string): Audience | undefined {
  if (INTERNATIONAL_VENUE.test(venue) || UN_ABBREVIATION.test(venue)) return 'international';
  if (DOMESTIC_VENUE.test(venue)) return 'domestic';
  return undefined;
}
