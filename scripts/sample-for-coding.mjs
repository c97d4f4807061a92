#!/usr/bin/env node
// Draws utterances for hand-coding (docs/coding.md) from spiral runs over the
// shared corpora, in the strata the gold README describes: cue words of the rare
// moves over-represented, human-rights talk, random sentences, and sovereignty
// talk without human rights as hard negatives. Documents that hold any dev gold
// item (fit or check) are excluded, so coded items never share a document with
// the check split. At most `perDoc` items per document.
//
//   node scripts/sample-for-coding.mjs --run ungdc=RUN_DIR --run upr=RUN_DIR \
//        --gold ../shared/data/gold/dev.jsonl --out DIR [--n 1100] [--seed 7] [--batch 250]
//
// Writes DIR/sample.jsonl (every drawn item with its reference: source, doc,
// start, end, and the text for the coders) and DIR/batch-K.jsonl files for the
// coders (id, source, country, year, venue, context, text; blind fit-gold items
// mixed in with `--blind N` per batch to measure agreement with the gold coders).
// Nothing it writes belongs in the repository: the texts stay outside it.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
// Reads the compiled code in dist/ (run `npm run build` first).
import { mulberry32 } from '../dist/random.js';

const args = process.argv.slice(2);
const many = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const one = (name, fallback) => many(name)[0] ?? fallback;
const runs = Object.fromEntries(many('--run').map((s) => s.split('=')));
const goldFile = one('--gold');
const outDir = one('--out');
const total = Number(one('--n', '1100'));
const seed = Number(one('--seed', '7'));
const batchSize = Number(one('--batch', '250'));
const blindPerBatch = Number(one('--blind', '25'));
// --strata rare: a second draw aimed at the rare moves only (strong cue words for
// denial and rhetorical action beside human-rights or scrutiny words).
const strataName = one('--strata', 'design');
// --exclude-sample FILE: documents drawn before are not drawn again (General Debate: one item per speech overall).
const earlierSamples = many('--exclude-sample');
// --id-prefix: ids of this draw (c0001, ... by default; another draw takes another prefix).
const idPrefix = one('--id-prefix', 'c');
if (!goldFile || !outDir || Object.keys(runs).length === 0) {
  process.stderr.write('usage: sample-for-coding.mjs --run ungdc=DIR --run upr=DIR --gold FILE --out DIR\n');
  process.exit(2);
}

// Share of each source (the gold's own mix: 853 General Debate, 488 UPR) and of each stratum.
const SOURCE_SHARE = { ungdc: 0.64, upr: 0.36 };
const STRATA = [
  { name: 'denial_cue', share: 0.15, test: (t) => DENIAL_CUE.test(t) },
  { name: 'rhetorical_cue', share: 0.17, test: (t) => RHETORICAL_CUE.test(t) },
  { name: 'concession_cue', share: 0.23, test: (t) => CONCESSION_CUE.test(t) },
  { name: 'rights_talk', share: 0.2, test: (t) => RIGHTS_CUE.test(t) },
  { name: 'sovereignty_no_rights', share: 0.1, test: (t) => SOVEREIGNTY_CUE.test(t) && !RIGHTS_CUE.test(t) },
  { name: 'random', share: 0.15, test: () => true },
];
// Broad cue words, for sampling only (not for tagging): they cast a wider net than the lexicons.
const DENIAL_CUE =
  /interfer|internal affairs|domestic affairs|domestic jurisdiction|sovereign|pretext|guise|imperialis|neo-?coloni|impos|alien|western values|subversi|destabili|intervention|meddl|diktat|dictat/i;
const RHETORICAL_CUE =
  /allegation|accusation|baseless|unfounded|groundless|fabricat|false|\blies\b|slander|smear|campaign|distort|exaggerat|selectiv|double standard|politici[sz]|hypocri|biased|so-called|propaganda|disinformation|not true|untrue|vilif|defam|manipulat/i;
const CONCESSION_CUE =
  /investigat|inquir|enquir|prosecut|compensat|reparation|apolog|acknowledg|admit|shortcoming|challenge|rapporteur|visit|invit|cooperat|co-operat|recommendation|dialogue|remain|improv|address|concern|victims|perpetrator|accountab|redress|reform/i;
const RIGHTS_CUE =
  /human rights|fundamental freedom|freedom of|right to|rights of|torture|detention|detainee|disappear|discriminat|apartheid|genocide|racis|prisoner|refugee|repression|persecut|execution|death penalty/i;
const SOVEREIGNTY_CUE = /sovereign|internal affairs|non-?interference|territorial integrity|independence|self-determination/i;
const STRONG_DENIAL =
  /internal affairs|domestic affairs|domestic jurisdiction|interfer|pretext|guise|under the cover of|impos|alien|western values|neo-?coloni|imperialis|sovereign|subversi|destabili|terroris/i;
const STRONG_RHETORICAL =
  /baseless|unfounded|groundless|fabricat|false|\blies\b|slander|smear|campaign|distort|exaggerat|selectiv|double standard|politici[sz]|hypocri|biased|so-called|propaganda|disinformation|not true|untrue|vilif|defam|allegation|accusation/i;
const SCRUTINY =
  /human rights|freedom|torture|detention|prisoner|critic|accus|allegation|report|rapporteur|commission|council|amnesty|watch|non-governmental|ngo|monitor|observer|investigat/i;
const RARE_STRATA = [
  { name: 'strong_denial', share: 0.5, test: (t) => STRONG_DENIAL.test(t) && SCRUTINY.test(t) },
  { name: 'strong_rhetorical', share: 0.5, test: (t) => STRONG_RHETORICAL.test(t) && SCRUTINY.test(t) },
];
const MIN_CHARS = 30;
const MAX_CHARS = 700;

// The project's seeded generator, so the draw is reproducible.
const random = mulberry32(seed);

const norm = (s) => s.toLowerCase().replace(/[^a-z]/g, '');
function goldDocuments(file) {
  const docs = new Set();
  const fitItems = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line);
    docs.add(`${g.source}|${norm(String(g.country))}|${g.year}`);
    if (g.split === 'fit') fitItems.push(g);
  }
  return { docs, fitItems };
}

function docKey(source, u) {
  if (source === 'ungdc') return `ungdc|${norm(u.doc.split('_')[0])}|${u.year}`;
  return `upr-wg-report|${norm(u.doc.replace(/\d{4}\.txt$/, ''))}|${u.year}`;
}

/** Reservoir per (stratum) with one candidate per document kept at random, streaming the run. */
async function candidates(source, runDir, excluded) {
  const byStratum = Object.fromEntries(strata.map((s) => [s.name, new Map()]));
  const seen = new Map(); // doc → count of eligible utterances (for per-document reservoir)
  const input = readline.createInterface({ input: fs.createReadStream(path.join(runDir, 'utterances.jsonl')), crlfDelay: Infinity });
  let previous = { doc: '', text: '' };
  for await (const line of input) {
    const u = JSON.parse(line);
    const context = previous.doc === u.doc ? previous.text : '';
    previous = { doc: u.doc, text: u.text };
    if (source === 'upr' && u.speaker_role !== 'self') continue;
    if (excluded.has(docKey(source, u))) continue;
    const text = u.text;
    if (text.length < MIN_CHARS || text.length > MAX_CHARS) continue;
    const stratum = strata.find((s) => s.test(text));
    if (!stratum) continue;
    const bucket = byStratum[stratum.name];
    const key = u.doc;
    const count = (seen.get(`${stratum.name}|${key}`) ?? 0) + 1;
    seen.set(`${stratum.name}|${key}`, count);
    // Reservoir of size one per document and stratum: every eligible sentence equally likely.
    if (random() * count < 1) {
      bucket.set(key, {
        source,
        doc: u.doc,
        start: u.start,
        end: u.end,
        ...(u.removed ? { removed: u.removed } : {}), // page furniture left out of the text
        country: u.country,
        year: u.year,
        venue: u.venue,
        context,
        text,
        stratum: stratum.name,
      });
    }
  }
  return byStratum;
}

function shuffle(xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const strata = strataName === 'rare' ? RARE_STRATA : STRATA;
const { docs: excluded, fitItems } = goldDocuments(goldFile);
const usedBefore = new Map();
for (const file of earlierSamples) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n'))
    if (line.trim()) {
      const d = JSON.parse(line);
      usedBefore.set(d.doc, (usedBefore.get(d.doc) ?? 0) + 1);
    }
}
const drawn = [];
for (const [source, runDir] of Object.entries(runs)) {
  const byStratum = await candidates(source, runDir, excluded);
  const usedDocs = new Map(usedBefore);
  const perDoc = source === 'upr' ? 5 : 1;
  for (const stratum of strata) {
    const want = Math.round(total * SOURCE_SHARE[source] * stratum.share);
    const pool = shuffle([...byStratum[stratum.name].values()].sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0)));
    let taken = 0;
    for (const c of pool) {
      if (taken >= want) break;
      const n = usedDocs.get(c.doc) ?? 0;
      if (n >= perDoc) continue;
      usedDocs.set(c.doc, n + 1);
      drawn.push(c);
      taken++;
    }
    process.stderr.write(`${source} ${stratum.name}: ${taken} of ${pool.length} candidates\n`);
  }
}

shuffle(drawn);
drawn.forEach((d, i) => (d.id = `${idPrefix}${String(i + 1).padStart(4, '0')}`));
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'sample.jsonl'), drawn.map((d) => JSON.stringify(d)).join('\n') + '\n');

// Coder batches: drawn items plus blind fit-gold items (never check items), shuffled together.
const blind = shuffle([...fitItems].sort((a, b) => (a.id < b.id ? -1 : 1)));
const batches = Math.ceil(drawn.length / batchSize);
for (let b = 0; b < batches; b++) {
  const own = drawn
    .slice(b * batchSize, (b + 1) * batchSize)
    .map((d) => ({ id: d.id, source: d.source, country: d.country, year: d.year, venue: d.venue, context: d.context, text: d.text }));
  const mixed = blind
    .slice(b * blindPerBatch, (b + 1) * blindPerBatch)
    .map((g) => ({ id: `q${g.id}`, source: g.source, country: g.country, year: g.year, venue: g.venue, context: g.context ?? '', text: g.text }));
  const items = shuffle([...own, ...mixed]);
  fs.writeFileSync(path.join(outDir, `batch-${b + 1}.jsonl`), items.map((d) => JSON.stringify(d)).join('\n') + '\n');
}
process.stderr.write(`${drawn.length} items in ${batches} batches → ${outDir}\n`);
