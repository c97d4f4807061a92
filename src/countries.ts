// Country names and codes → ISO 3166 alpha-3. Modern names come from the
// i18n-iso-countries package; the UN's own long forms and the historical codes
// that UN corpora use (CSK, DDR, YUG, YMD, ...) are added here because the
// package does not know them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The library without its Node entry, which registers all of its ~80 languages (70 ms and several MB
// at every start); spiral reads English names only, and registers that language alone.
const isoCountries = require('i18n-iso-countries/index') as {
  registerLocale(locale: unknown): void;
  getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
  alpha2ToAlpha3(code: string): string | undefined;
  getAlpha3Codes(): Record<string, string>;
};
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** Codes that are not current ISO 3166 but appear in UN corpora, with an English name. */
export const HISTORICAL_CODES: Record<string, string> = {
  CSK: 'Czechoslovakia',
  DDR: 'German Democratic Republic',
  YUG: 'Yugoslavia',
  YMD: 'Democratic Yemen',
  SUN: 'Union of Soviet Socialist Republics',
  ZAR: 'Zaire',
  SCG: 'Serbia and Montenegro',
  EU: 'European Union',
};

/**
 * UN-style and older names that i18n-iso-countries lacks. The UN General Debate
 * Corpus files the USSR as RUS, so Soviet names map to RUS to stay joinable with it.
 */
const EXTRA_NAMES: Record<string, string> = {
  'bolivarian republic of venezuela': 'VEN',
  'venezuela (bolivarian republic of)': 'VEN',
  'bolivia (plurinational state of)': 'BOL',
  'plurinational state of bolivia': 'BOL',
  "democratic people's republic of korea": 'PRK',
  'iran (islamic republic of)': 'IRN',
  'micronesia (federated states of)': 'FSM',
  'federated states of micronesia': 'FSM',
  'republic of moldova': 'MDA',
  'the former yugoslav republic of macedonia': 'MKD',
  'former yugoslav republic of macedonia': 'MKD',
  'united kingdom of great britain and northern ireland': 'GBR',
  britain: 'GBR',
  'viet nam': 'VNM',
  'libyan arab jamahiriya': 'LBY',
  'holy see': 'VAT',
  czechoslovakia: 'CSK',
  'czech and slovak federal republic': 'CSK',
  'czechoslovak socialist republic': 'CSK',
  'german democratic republic': 'DDR',
  'east germany': 'DDR',
  'federal republic of germany': 'DEU',
  yugoslavia: 'YUG',
  'socialist federal republic of yugoslavia': 'YUG',
  'federal republic of yugoslavia': 'YUG',
  'serbia and montenegro': 'SCG',
  'democratic yemen': 'YMD',
  "people's democratic republic of yemen": 'YMD',
  'union of soviet socialist republics': 'RUS',
  ussr: 'RUS',
  'soviet union': 'RUS',
  zaire: 'COD',
  burma: 'MMR',
  swaziland: 'SWZ',
  'kingdom of eswatini': 'SWZ',
  'cape verde': 'CPV',
  'east timor': 'TLS',
  'brunei darussalam': 'BRN',
  turkiye: 'TUR',
  'republic of korea': 'KOR',
  'the gambia': 'GMB',
  'the netherlands': 'NLD',
  'kingdom of the netherlands': 'NLD',
  'the philippines': 'PHL',
  dahomey: 'BEN',
  'upper volta': 'BFA',
  ceylon: 'LKA',
  kampuchea: 'KHM',
  'democratic kampuchea': 'KHM',
  'byelorussian soviet socialist republic': 'BLR',
  'ukrainian soviet socialist republic': 'UKR',
  'european union': 'EU',
  'state of palestine': 'PSE',
  palestine: 'PSE',
  'cote divoire': 'CIV',
  'saint vincent and the grenadines': 'VCT',
  'sao tome and principe': 'STP',
  'united republic of tanzania': 'TZA',
  'united states': 'USA',
  'united states of america': 'USA',
  'russian federation': 'RUS',
  'syrian arab republic': 'SYR',
  "lao people's democratic republic": 'LAO',
  'democratic republic of the congo': 'COD',
  congo: 'COG',
  'republic of the congo': 'COG',
  // Short forms used in the UPR report file names (`<country><year>.txt`).
  macedonia: 'MKD',
  micronesia: 'FSM',
  moldova: 'MDA',
  syria: 'SYR',
  korea: 'KOR',
  kyrgysztan: 'KGZ', // sic: the UPR corpus's file name
  // UN forms and abbreviations used inside UPR Working Group reports (2008–2014).
  'cabo verde': 'CPV',
  'democratic republic of congo': 'COD',
  'republic of congo': 'COG',
  'venezuela, bolivarian republic of': 'VEN',
  brunei: 'BRN',
  laos: 'LAO',
  dprk: 'PRK',
  drc: 'COD',
};

/** Strip accents, punctuation and case so "Côte d’Ivoire" and "cotedivoire" meet. */
export function compactName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

interface CountryTables {
  byCompact: Map<string, string>;
  entries: Array<[string, string]>; // [display name, ISO3], every known form
  codes: Set<string>;
  names: Map<string, string>; // ISO3 → preferred English name
}

let tables: CountryTables | undefined;

function buildTables(): CountryTables {
  const byCompact = new Map<string, string>();
  const entries: Array<[string, string]> = [];
  const codes = new Set<string>();
  const names = new Map<string, string>();
  const add = (name: string, iso3: string): void => {
    entries.push([name, iso3]);
    const key = compactName(name);
    if (key && !byCompact.has(key)) byCompact.set(key, iso3);
  };
  // Our UN forms first, so they win over the package's ambiguous short forms ("Congo").
  for (const [name, iso3] of Object.entries(EXTRA_NAMES)) add(name, iso3);
  const all = isoCountries.getNames('en', { select: 'all' });
  for (const [alpha2, forms] of Object.entries(all)) {
    const iso3 = isoCountries.alpha2ToAlpha3(alpha2);
    if (!iso3) continue;
    codes.add(iso3);
    names.set(iso3, forms[0]);
    for (const form of forms) add(form, iso3);
  }
  for (const [code, name] of Object.entries(HISTORICAL_CODES)) {
    codes.add(code);
    names.set(code, name);
  }
  return { byCompact, entries, codes, names };
}

function getTables(): CountryTables {
  tables ??= buildTables();
  return tables;
}

/** True for a current or historical alpha-3 code we know. */
/** The rule id prefix of the country mentions compiled from countries.yaml (`country.<iso3>`). */
export const COUNTRY_RULE_PREFIX = 'country.';

/** The rule id of the mentions of one State: `country.<iso3>`, lower case. */
export function countryRuleId(code: string): string {
  return `${COUNTRY_RULE_PREFIX}${code.toLowerCase()}`;
}

export function isCountryCode(code: string): boolean {
  return getTables().codes.has(code.toUpperCase());
}

/**
 * Normalise a country name or code to ISO alpha-3: "Kenya", "KEN", "ken",
 * "southafrica", "Venezuela (Bolivarian Republic of)". Undefined when unknown.
 */
export function normaliseCountry(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed) return undefined;
  const t = getTables();
  if (/^[A-Za-z]{3}$/.test(trimmed) && t.codes.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const iso3 = isoCountries.alpha2ToAlpha3(trimmed.toUpperCase());
    if (iso3) return iso3;
    if (trimmed.toUpperCase() === 'EU') return 'EU';
  }
  return t.byCompact.get(compactName(trimmed));
}

/** The preferred English name of a code, or the code itself. */
export function countryName(iso3: string): string {
  return getTables().names.get(iso3) ?? iso3;
}

/** Every known name form with its code, longest first (for prefix matching in text). */
export function countryNameEntries(): ReadonlyArray<readonly [string, string]> {
  return [...getTables().entries].sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
}
