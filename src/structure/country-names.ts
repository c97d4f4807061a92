// Finds State names in running text: "The United Kingdom of Great Britain and
// Northern Ireland noted ...", "Brazil and Mexico welcomed ...",
// "C\x99te dÕIvoire" (a Mac Roman apostrophe read as Latin-1).
//
// UN texts converted from PDF carry stray single-byte characters where a
// typographic apostrophe or an accented letter was, and the decoder may have
// guessed any of several code pages. So any non-ASCII character in the text
// may stand for one letter or apostrophe of a name; ASCII is compared without
// case; a space in a name matches any run of whitespace (names wrap across
// lines). Longest name first; a match must end at a word boundary.
import { countryNameEntries } from '../countries.js';

export interface NameMatch {
  iso3: string;
  start: number; // where the name (or its leading "the") begins
  end: number; // just after the name
}

export interface NameListMatch {
  codes: string[]; // ISO3 in order of mention, without repeats
  start: number;
  end: number;
}

interface NameForm {
  folded: string; // accents stripped, lower case (unless exact), apostrophes as "'", single spaces
  iso3: string;
  exact: boolean; // abbreviations such as "US", "UK": compared with case, or "us" would match
}

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;

/** Accent-stripped, lower-case form of a name, with "'" for every apostrophe and single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 12;
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Characters a stray non-ASCII byte in the text may stand for. */
function mayBeMangled(nameChar: string): boolean {
  return (nameChar >= 'a' && nameChar <= 'z') || nameChar === "'";
}

/** End offset if `form` matches `text` at `pos`, else -1. */
function matchForm(text: string, pos: number, form: NameForm): number {
  const name = form.folded;
  let i = pos;
  for (let j = 0; j < name.length; j++) {
    const n = name[j];
    if (n === ' ' || n === '-') {
      // "Timor Leste" / "Timor-Leste", "New-Zealand" / "New Zealand", and names wrapped across lines.
      const c = text.charCodeAt(i);
      if (c === 45) i++;
      else if (!isSpaceCode(c)) return -1;
      while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
      continue;
    }
    if (i >= text.length) return -1;
    const code = text.charCodeAt(i);
    if (code > 127 || (n === "'" && code === 46)) {
      // A stray byte, or a full stop where an apostrophe was ("People.s"), stands for one character.
      if (form.exact || !mayBeMangled(n)) return -1;
    } else if (form.exact ? code !== n.charCodeAt(0) : lowerAscii(code) !== n.charCodeAt(0)) {
      return -1;
    }
    i++;
  }
  return i < text.length && isAsciiWordCode(text.charCodeAt(i)) ? -1 : i;
}

function firstKey(code: number): string {
  return code > 127 ? '*' : String.fromCharCode(lowerAscii(code));
}

/** Official styles that may precede a State's short name. */
const THE = /the\s+/iy;
const LIST_SEPARATOR = /\s*(?:,\s*and\s+|,\s*|;\s*|\/\s*|and\s+)/iy;
const OFFICIAL_STYLE =
  /(?:the\s+)?(?:(?:Hashemite\s+|United\s+)?Kingdom|(?:Islamic\s+|Arab\s+|Federal\s+|Democratic\s+|Federative\s+|Socialist\s+|Cooperative\s+)?Republic(?:\s+of\s+the\s+Union)?|Sultanate|State|Principality|Grand\s+Duchy|Commonwealth|Federation|Union)\s+of\s+(?:the\s+)?/iy;

/** Matches State names at given positions of a text. Build once (see `countryMatcher()`), reuse. */
export class CountryMatcher {
  private readonly byFirst = new Map<string, NameForm[]>();
  private readonly all: NameForm[] = [];

  constructor(entries: ReadonlyArray<readonly [string, string]>) {
    const seen = new Set<string>();
    for (const [name, iso3] of entries) {
      const exact = !/[a-z]/.test(name); // "UK", "USA", "U.S.": case matters
      const folded = exact ? name.trim() : foldName(name);
      if (!folded || seen.has(folded)) continue; // the first form wins ("Congo" → COG)
      seen.add(folded);
      const form: NameForm = { folded, iso3, exact };
      this.all.push(form);
      const key = exact ? folded[0].toLowerCase() : folded[0];
      const list = this.byFirst.get(key) ?? [];
      list.push(form);
      this.byFirst.set(key, list);
    }
    // Longest first, so "Dominican Republic" beats "Dominica", "Guinea-Bissau" beats "Guinea".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);
    this.all.sort((a, b) => b.folded.length - a.folded.length);
  }

  /** The State whose name begins exactly at `pos` (a leading "the" is allowed), or undefined. */
  matchAt(text: string, pos: number): NameMatch | undefined {
    const direct = this.matchBare(text, pos);
    THE.lastIndex = pos;
    const afterThe = THE.test(text) ? this.matchBare(text, THE.lastIndex) : undefined;
    if (afterThe && (!direct || afterThe.end > direct.end)) return { ...afterThe, start: pos };
    if (direct) return direct;
    // An official style before a short name the tables know: "The Kingdom of Saudi Arabia",
    // "The Republic of the Union of Myanmar", "The Sultanate of Oman".
    OFFICIAL_STYLE.lastIndex = pos;
    const named = OFFICIAL_STYLE.test(text) ? this.matchBare(text, OFFICIAL_STYLE.lastIndex) : undefined;
    return named ? { ...named, start: pos } : undefined;
  }

  /** "Brazil", "Brazil and Mexico", "Chile, the Congo and Peru" at `pos`. */
  matchListAt(text: string, pos: number): NameListMatch | undefined {
    const first = this.matchAt(text, pos);
    if (!first) return undefined;
    const codes = [first.iso3];
    let end = first.end;
    for (;;) {
      LIST_SEPARATOR.lastIndex = end;
      if (!LIST_SEPARATOR.test(text)) break;
      const next = this.matchAt(text, LIST_SEPARATOR.lastIndex);
      if (!next) break;
      if (!codes.includes(next.iso3)) codes.push(next.iso3);
      end = next.end;
    }
    return { codes, start: pos, end };
  }

  private matchBare(text: string, pos: number): NameMatch | undefined {
    if (pos >= text.length) return undefined;
    const code = text.charCodeAt(pos);
    const candidates = code > 127 ? this.all : this.byFirst.get(firstKey(code));
    if (!candidates) return undefined;
    for (const form of candidates) {
      const end = matchForm(text, pos, form);
      if (end >= 0) return { iso3: form.iso3, start: pos, end };
    }
    return undefined;
  }
}

/**
 * Codes in the name tables that are not States (dependent territories, areas
 * without UN membership or observer status): a paragraph that opens with
 * "Greenland ..." in Denmark's presentation is Denmark speaking. The 193 UN
 * members, the two observer States (VAT, PSE) and the historical State codes remain.
 */
export const NON_STATE_CODES: ReadonlySet<string> = new Set([
  'ABW',
  'AIA',
  'ALA',
  'ASM',
  'ATA',
  'ATF',
  'BES',
  'BLM',
  'BMU',
  'BVT',
  'CCK',
  'COK',
  'CUW',
  'CXR',
  'CYM',
  'ESH',
  'FLK',
  'FRO',
  'GGY',
  'GIB',
  'GLP',
  'GRL',
  'GUF',
  'GUM',
  'HKG',
  'HMD',
  'IMN',
  'IOT',
  'JEY',
  'MAC',
  'MAF',
  'MNP',
  'MSR',
  'MTQ',
  'MYT',
  'NCL',
  'NFK',
  'NIU',
  'PCN',
  'PRI',
  'PYF',
  'REU',
  'SGS',
  'SHN',
  'SJM',
  'SPM',
  'SXM',
  'TCA',
  'TKL',
  'TWN',
  'UMI',
  'VGB',
  'VIR',
  'WLF',
  'XKK',
  'EU', // "European Union data indicated ...": an organisation, not a reviewing State
]);

/** True for a code that can be a speaking State in a UN record. */
export function isStateCode(iso3: string): boolean {
  return !NON_STATE_CODES.has(iso3);
}

let shared: CountryMatcher | undefined;

/** The matcher over every name form spiral knows (src/countries.ts), built on first use. */
export function countryMatcher(): CountryMatcher {
  shared ??= new CountryMatcher(countryNameEntries());
  return shared;
}
