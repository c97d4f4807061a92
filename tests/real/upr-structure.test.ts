// Real-data suite for document structure: the 262 UPR Working Group reports in
// ../shared/data/upr/wg-reports-txt and the independent parse of their
// recommendations in ../shared/data/upr/recs-from-wg-reports.
//
// Reports are read as Latin-1: they are mostly ASCII with stray single-byte
// characters, and any 8-bit decoding keeps one character per byte.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mulberry32 } from '../../src/random.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseCountry } from '../../src/countries.js';
import { segment } from '../../src/segment/segment.js';
import { countryMatcher, isStateCode } from '../../src/structure/country-names.js';
import { structureDocument } from '../../src/structure/index.js';
import type { DocumentStructure } from '../../src/structure/types.js';
import { compareRecommendations, readIndependentCsv, type OurRecommendation } from '../../src/structure/upr/agreement.js';
import type { DocMeta, SpeakerRole } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UPR = path.resolve(ROOT, '../shared/data/upr');
const REPORTS = path.join(UPR, 'wg-reports-txt');
const INDEPENDENT = path.join(UPR, 'recs-from-wg-reports');

/** How many reports the attribution checks sample, and the seed that picks them. */
const SAMPLE_SIZE = 20;
const SAMPLE_SEED = 9;
/** At most this share of self utterances may open with another State (a paragraph keeps its speaker, so a few do). */
const MAX_SELF_AGAINST_RATE = 0.001;
/** The agreement the issue asks for. */
const MIN_POSITION_AGREEMENT = 0.9;

interface Report {
  file: string;
  text: string;
  meta: DocMeta;
  structure: DocumentStructure;
}

/** `kenya2010.txt` → the State and year the file name gives. */
function metaFromName(file: string): DocMeta {
  const m = /^(.*?)(\d{4})\.txt$/i.exec(file);
  return m ? { country: normaliseCountry(m[1]), year: Number(m[2]) } : {};
}

function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const random = mulberry32(seed); // seeded: the same sample on every run and machine
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < n && pool.length) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked;
}

const matcher = countryMatcher();
const POSSESSIVE = /^(?:['\u2019\u00d5]|[^\x00-\x7f])s\b/;

/** The State named as subject at `pos` (not "Brazil's ...", not a territory), if any. */
function stateOpening(text: string, pos: number): string | undefined {
  const lead = /^[\s"'\u201c\u00d2(]*/.exec(text.slice(pos, pos + 10))![0].length;
  const name = matcher.matchAt(text, pos + lead);
  if (!name || !isStateCode(name.iso3) || POSSESSIVE.test(text.slice(name.end, name.end + 3))) return undefined;
  return name.iso3;
}

describe.skipIf(!existsSync(REPORTS))('UPR Working Group reports: structure and speakers', () => {
  const reports: Report[] = [];

  beforeAll(() => {
    for (const file of readdirSync(REPORTS)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const text = readFileSync(path.join(REPORTS, file), 'latin1');
      const meta = metaFromName(file);
      reports.push({ file, text, meta, structure: structureDocument(text, meta) });
    }
  });

  it('reads all 262 reports with the UPR parser', () => {
    expect(reports).toHaveLength(262);
    expect(reports.filter((r) => r.structure.parser !== 'upr-wg-report').map((r) => r.file)).toEqual([]);
    expect(reports.filter((r) => !r.meta.country).map((r) => r.file)).toEqual([]);
  });

  it('finds words of the State under review and of other States in every report', () => {
    const rows: string[] = [];
    const missing: string[] = [];
    for (const r of reports) {
      const counts: Record<SpeakerRole, number> = { self: 0, other_state: 0, un: 0, procedural: 0 };
      for (const b of r.structure.blocks) counts[b.attribution.speaker_role] += segment(r.text, b.start, b.end, b.removed).length;
      rows.push(
        `${r.file.padEnd(44)} self ${String(counts.self).padStart(4)}  other_state ${String(counts.other_state).padStart(4)}  un ${String(counts.un).padStart(2)}  procedural ${String(counts.procedural).padStart(3)}`,
      );
      if (!counts.self || !counts.other_state) missing.push(r.file);
      const selfIsReviewed = r.structure.blocks.filter((b) => b.attribution.speaker_role === 'self').every((b) => b.attribution.speaker === r.meta.country);
      expect(selfIsReviewed, r.file).toBe(true);
    }
    console.log(`utterances by speaker role, per report:\n${rows.join('\n')}`);
    expect(missing).toEqual([]);
  });

  it(`on ${SAMPLE_SIZE} sampled reports, no self block opens with another State and no other_state block with "The delegation"`, () => {
    const picked = sample(reports, SAMPLE_SIZE, SAMPLE_SEED);
    console.log(`sampled reports: ${picked.map((r) => r.file).join(', ')}`);
    const problems: string[] = [];
    for (const r of picked) {
      for (const b of r.structure.blocks) {
        const opening = r.text.slice(b.start, b.start + 80).replace(/\s+/g, ' ');
        const named = stateOpening(r.text, b.start);
        if (b.attribution.speaker_role === 'self' && named && named !== r.meta.country) problems.push(`${r.file} ¶${b.paragraph} self: ${opening}`);
        if (b.attribution.speaker_role === 'other_state' && /^the delegation\b/i.test(opening))
          problems.push(`${r.file} ¶${b.paragraph} other_state: ${opening}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps, over all reports, self sentences that open with another State rare (below 1 in 1000), and lists them', () => {
    let utterances = 0;
    const against: string[] = [];
    for (const r of reports) {
      for (const b of r.structure.blocks) {
        for (const s of segment(r.text, b.start, b.end, b.removed)) {
          utterances++;
          const named = stateOpening(r.text, s.start);
          if (b.attribution.speaker_role === 'self' && named && named !== r.meta.country)
            against.push(`${r.file} ¶${b.paragraph}: ${r.text.slice(s.start, s.start + 70)}`);
        }
      }
    }
    console.log(`self utterances opening with another State: ${against.length} of ${utterances} utterances\n${against.slice(0, 30).join('\n')}`);
    expect(utterances).toBeGreaterThan(100_000);
    expect(against.length).toBeLessThan(utterances * MAX_SELF_AGAINST_RATE);
  });

  it.skipIf(!existsSync(INDEPENDENT))(`agrees with the independent parse on ≥ ${MIN_POSITION_AGREEMENT * 100}% of recommendation positions`, () => {
    const ours: OurRecommendation[] = reports.flatMap((r) =>
      r.structure.recommendations.map((rec) => ({ reviewed: rec.reviewed, year: r.meta.year!, number: rec.number, position: rec.position })),
    );
    const theirs = readdirSync(INDEPENDENT)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .flatMap((f) => readIndependentCsv(f, readFileSync(path.join(INDEPENDENT, f), 'latin1')).rows);
    const report = compareRecommendations(ours, theirs);
    console.log(
      `recommendations: ours ${ours.length}, theirs ${theirs.length}, both ${report.both}, only ours ${report.onlyOurs}, only theirs ${report.onlyTheirs}\n` +
        `position agreement ${report.agree}/${report.both} = ${(100 * report.rate).toFixed(2)}%\n` +
        `disagreements (ours → theirs): ${JSON.stringify(report.confusion)}`,
    );
    expect(report.both).toBeGreaterThan(0.9 * ours.length);
    expect(report.rate).toBeGreaterThanOrEqual(MIN_POSITION_AGREEMENT);
  });
});
