// Hand-built run folders for report, review and browser tests: the files
// `spiral classify` writes, with a few utterances whose flags, evidence and
// context the tests control.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { BrowseData } from '../../src/report/browse-data.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusFile, StatusRow } from '../../src/indicators/types.js';
import type { Flag, Label } from '../../src/types.js';

export interface FixtureUtterance {
  doc: string;
  n: number;
  text: string;
  label?: Label;
  country?: string | null;
  year?: number | null;
  venue?: string;
  flags?: Flag[];
  evidence?: Array<{ rule: string; category?: string; start: number; end: number; weight?: number; negated?: boolean; effect?: string }>;
  relevant?: boolean;
  speaker_role?: string;
}

export function utteranceRecord(u: FixtureUtterance): Record<string, unknown> {
  const label = u.label ?? 'none';
  const record: Record<string, unknown> = {
    doc: u.doc,
    id: `${u.doc}:${u.n}`,
    n: u.n,
    type: 'speech',
    speaker_role: u.speaker_role ?? 'self',
    reported: false,
    start: 0,
    end: u.text.length,
    text: u.text,
    label,
    confidence: 0.6,
    relevant: u.relevant ?? label !== 'none',
    scores: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 },
    evidence: (u.evidence ?? []).map((e) => ({
      rule: e.rule,
      category: e.category ?? 'denial',
      start: e.start,
      end: e.end,
      text: u.text.slice(e.start, e.end),
      weight: e.weight ?? 1,
      negated: e.negated ?? false,
      ...(e.effect ? { effect: e.effect } : {}),
    })),
    flags: u.flags ?? [],
  };
  if (u.country !== null) record.country = u.country ?? 'KEN';
  if (u.year !== null) record.year = u.year ?? 1990;
  if (u.venue) record.venue = u.venue;
  return record;
}

export interface FixtureRun {
  utterances: FixtureUtterance[];
  documents?: Array<Record<string, unknown>>;
  runJson?: Record<string, unknown> | null;
  extra?: Record<string, string>;
}

export function defaultRunJson(): Record<string, unknown> {
  return {
    tool: 'spiral',
    lexicon: { name: 'spiral-core', version: '0.3.0', hash: 'abc123', dir: '/lexicons' },
    options: { inputs: ['/data/corpus'] },
    counts: { files_discovered: 3, documents_ok: 2, documents_skipped: 1, documents_failed: 0, utterances: 0, bytes: 100 },
    warnings: [],
    timings: { elapsed_ms: 1234 },
  };
}

/** Write a run folder; returns its path. */
export function writeFixtureRun(run: FixtureRun, dir?: string): string {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'spiral-report-'));
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'utterances.jsonl'), run.utterances.map((u) => JSON.stringify(utteranceRecord(u)) + '\n').join(''));
  const docs =
    run.documents ??
    [...new Set(run.utterances.map((u) => u.doc))].map((id) => ({
      id,
      path: id,
      status: 'ok',
      meta: {},
      utterances: run.utterances.filter((u) => u.doc === id).length,
    }));
  writeFileSync(join(root, 'documents.jsonl'), docs.map((d) => JSON.stringify(d) + '\n').join(''));
  if (run.runJson !== null) writeFileSync(join(root, 'run.json'), JSON.stringify(run.runJson ?? defaultRunJson(), null, 2));
  for (const [name, text] of Object.entries(run.extra ?? {})) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

export const HOSTILE_TEXT = 'We reject <script>window.__pwned=1</script> these "allegations" & <img src=x onerror="window.__pwned=2"> lies.';

/** A small run: two countries, a few years, flagged utterances with evidence, one hostile statement, one skipped file. */
export function sampleRun(): FixtureRun {
  const utterances: FixtureUtterance[] = [];
  const add = (u: FixtureUtterance) => utterances.push(u);
  for (const [country, years] of [
    ['KEN', [1990, 1991, 1992]],
    ['CHL', [1988, 1990]],
  ] as const) {
    for (const year of years) {
      const doc = `${country}_${year}.txt`;
      add({ doc, n: 0, country, year, text: `Opening of ${country} in ${year}.` });
      add({
        doc,
        n: 1,
        country,
        year,
        text: 'We deny these allegations entirely.',
        label: 'denial',
        flags: year % 2 === 0 ? ['low_confidence'] : [],
        evidence: [{ rule: 'denial.deny-allegations', start: 3, end: 7 }],
      });
      add({
        doc,
        n: 2,
        country,
        year,
        text: 'Human rights are universal and we accept our obligations.',
        label: 'norm_acknowledgment',
        evidence: [{ rule: 'ack.universal', category: 'norm_acknowledgment', start: 0, end: 28 }],
      });
      add({
        doc,
        n: 3,
        country,
        year,
        text: 'Torture is not practised here, although some abuses occurred.',
        label: 'argumentative_concession',
        flags: ['conflict'],
        evidence: [
          { rule: 'denial.not-practised', start: 11, end: 25 },
          { rule: 'concession.although', category: 'argumentative_concession', start: 31, end: 61 },
        ],
      });
      add({ doc, n: 4, country, year, text: `Closing of ${country} in ${year}.` });
    }
  }
  add({
    doc: 'KEN_1992.txt',
    n: 5,
    country: 'KEN',
    year: 1992,
    text: HOSTILE_TEXT,
    label: 'denial',
    flags: ['negated'],
    evidence: [{ rule: 'denial.reject<b>', start: 3, end: 9, negated: true }],
  });
  const documents = [
    ...[...new Set(utterances.map((u) => u.doc))].map((id) => ({ id, path: id, status: 'ok', meta: {}, utterances: 5 })),
    { id: 'bad<script>.pdf', path: 'bad<script>.pdf', status: 'skipped', reason: 'binary file: no text layer <b>found</b>', meta: {}, utterances: 0 },
  ];
  return { utterances, documents };
}

/** Self-referential evidence of a status row: three moves in the year, not pooled. */
export function selfEvidenceFixture(year: number): StatusRow['self'] {
  return {
    n_own: 3,
    window: { start: year, end: year },
    pooled: false,
    n_moves: 3,
    counts: { denial: 1, rhetorical_action: 0, argumentative_concession: 1, norm_acknowledgment: 1 },
    rejecting: 1 / 3,
    rejecting_ci95: null,
    dialogue: 1 / 3,
    net: 1 / 3,
    net_ci95: null,
    n_years: 1,
    n_relevant_all: 10,
    n_utterances: 40,
    promotion: null,
    consistency: {
      n_relevant_domestic: 0,
      n_relevant_international: 3,
      comparable: false,
      total_variation: null,
      jensen_shannon: null,
      audience_dependent: null,
      threshold: 0.3,
      window: { start: year, end: year },
      net_domestic: null,
      net_international: 1 / 3,
      total_variation_ci95: null,
    },
  };
}

export function statusRow(country: string, year: number, phase: 1 | 2 | 3 | 4 | 5 | null): StatusRow {
  const ind = (value: 'true' | 'false' | 'unknown', reason: string) => ({ value, reason, fact_ids: [] });
  return {
    key: `${country}|${year}`,
    country,
    year,
    period: null,
    as_of: `${year}-12-31`,
    n_documents: 1,
    n_relevant: 3,
    insufficient_evidence: true,
    indices: { rejection: 0.3, deflection: 0, rejecting: 0.3, dialogue: 0.3, acceptance: 0.6, net: 0.3 },
    self: selfEvidenceFixture(year),
    era: null,
    indicators: {
      ratification: ind('true', 'all of iccpr, cat <ratified>'),
      institutionalisation: ind('unknown', 'no facts'),
      complaint_mechanism: ind('false', 'none'),
      discursive_practice: ind('false', 'net below threshold'),
    },
    deeds: null,
    phase: { phase, rule: 'P3-tactical', reason: `phase reason for ${year}`, ...(phase === null ? { possible: [3, 4] as Array<1 | 2 | 3 | 4 | 5> } : {}) },
    discursive_phase: { phase, rule: 'P3-tactical', reason: `discursive phase reason for ${year}` },
    examples: [],
  };
}

export function statusFile(rows: StatusRow[]): StatusFile {
  return {
    schema: 'spiral.status/1',
    run: 'r',
    by: 'country-year',
    period: null,
    facts_dir: 'facts',
    deeds_file: null,
    thresholds: {},
    audience: 'all',
    target: 'self',
    era: null,
    rows,
    onsets: [],
    countries_without_facts: [],
    warnings: [],
  };
}

/** The utterances a report.html embeds for its browse view, unpacked as the page does. */
export function browseDataOf(html: string): BrowseData {
  const m = /<script type="application\/octet-stream" id="browse-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no browse data in the report');
  return JSON.parse(inflateSync(Buffer.from(m[1], 'base64')).toString('utf8')) as BrowseData;
}
