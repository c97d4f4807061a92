#!/usr/bin/env node
// Agreement of spiral's UPR recommendation positions with the independent parse
// in ../shared/data/upr/recs-from-wg-reports (recommendations parsed by Terman
// from the same Working Group reports). Prints the agreement rate over the
// recommendations both sides found, the confusion of disagreements, and the
// reports where they concentrate.
//
//   npm run build && node scripts/upr-agreement.mjs [data/upr folder] [--list]
//
// Reads the compiled code in dist/ (run `npm run build` first; SPIRAL_DIST=<folder>
// points it at another build). --list prints every disagreement.
import fs from 'node:fs';
import path from 'node:path';
import { importDist, ROOT as root } from './dist.mjs';

const { structureDocument } = await importDist('structure/index.js');
const { compareRecommendations, readIndependentCsv } = await importDist('structure/upr/agreement.js');
// countries.js: the old dist/meta/countries.js no longer exists (src/countries.ts).
const { normaliseCountry } = await importDist('countries.js');

const args = process.argv.slice(2);
const list = args.includes('--list');
const dataDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '..', 'shared', 'data', 'upr'));
const reportsDir = path.join(dataDir, 'wg-reports-txt');
const independentDir = path.join(dataDir, 'recs-from-wg-reports');

/** `kenya2010.txt` → { country: 'KEN', year: 2010 }, as the file name says. */
function metaFromName(file) {
  const m = /^(.*?)(\d{4})\.txt$/i.exec(file);
  return m ? { country: normaliseCountry(m[1]), year: Number(m[2]) } : {};
}

const ours = [];
/** "KEN 2010 103" → the text that introduces list 103 (where a report states the position). */
const listIntroductions = new Map();
const started = process.hrtime.bigint();
for (const file of fs
  .readdirSync(reportsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const text = fs.readFileSync(path.join(reportsDir, file), 'latin1'); // stray single-byte characters: any 8-bit decode keeps offsets stable
  const meta = metaFromName(file);
  const structure = structureDocument(text, meta);
  for (const r of structure.recommendations) ours.push({ reviewed: r.reviewed, year: meta.year, number: r.number, position: r.position });
  for (const b of structure.blocks) {
    const key = `${meta.country} ${meta.year} ${b.paragraph}`;
    if (b.attribution.section === 'recommendations' && b.paragraph && !listIntroductions.has(key)) {
      listIntroductions.set(key, text.slice(b.start, b.end).replace(/\s+/g, ' '));
    }
  }
}
const parseMs = Number(process.hrtime.bigint() - started) / 1e6;

const theirs = [];
let skipped = 0;
for (const file of fs
  .readdirSync(independentDir)
  .filter((f) => f.endsWith('.csv'))
  .sort()) {
  const read = readIndependentCsv(file, fs.readFileSync(path.join(independentDir, file), 'latin1'));
  theirs.push(...read.rows);
  skipped += read.skipped;
}

const report = compareRecommendations(ours, theirs);
const pct = (x) => `${(100 * x).toFixed(2)}%`;
const out = [];
out.push(
  `reports parsed: ${new Set(ours.map((r) => `${r.reviewed} ${r.year}`)).size} with recommendations, ${ours.length} recommendations (${parseMs.toFixed(0)} ms)`,
);
out.push(`independent parse: ${theirs.length} rows (${skipped} without number/State/year skipped)`);
out.push(`found by both: ${report.both}; only ours (in covered reports): ${report.onlyOurs}; only theirs (in reports we parsed): ${report.onlyTheirs}`);
out.push(`position agreement: ${report.agree}/${report.both} = ${pct(report.rate)}`);
out.push('disagreements (ours → theirs):');
for (const [pair, n] of Object.entries(report.confusion).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  out.push(`  ${String(n).padStart(5)}  ${pair}`);
const byReport = new Map();
for (const d of report.disagreements) {
  const key = d.key.split(' ').slice(0, 2).join(' ');
  byReport.set(key, (byReport.get(key) ?? 0) + 1);
}
out.push('reports with most disagreements:');
for (const [key, n] of [...byReport].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15)) out.push(`  ${String(n).padStart(5)}  ${key}`);
// The cause is in the sentence that introduces (or follows) each list: show it per list.
const byList = new Map();
for (const d of report.disagreements) {
  const [state, year, number] = d.key.split(' ');
  const list = `${state} ${year} ${number.split('.')[0]}`;
  const entry = byList.get(list) ?? { n: 0, pairs: new Set() };
  entry.n++;
  entry.pairs.add(`${d.ours ?? 'none'} → ${d.theirs}`);
  byList.set(list, entry);
}
out.push('lists with disagreements, and the text that gives their position:');
for (const [list, { n, pairs }] of [...byList].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).slice(0, 15)) {
  out.push(`  ${list} (${n}; ${[...pairs].join(', ')}): "${(listIntroductions.get(list) ?? '').slice(0, 160)}"`);
}
if (list) for (const d of report.disagreements) out.push(`  ${d.key}: ours ${d.ours ?? 'none'}, theirs ${d.theirs}`);
process.stdout.write(out.join('\n') + '\n');
