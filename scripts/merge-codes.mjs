#!/usr/bin/env node
// The last step of the coding procedure (docs/coding.md): two coders' files and
// the adjudication of their disagreements → corpus/gold/coded.jsonl, references
// only (document, offsets, the text's sha256, label, target; no text), and the
// agreement figures. Blind dev-gold items mixed into the batches (ids q…) are
// scored against the gold and left out of the output.
//
//   node scripts/merge-codes.mjs --sample DIR/sample.jsonl [--sample ...] --coded A.jsonl,B.jsonl [--coded ...] \
//        --adjudicated FILE --run ungdc=RUN --run upr=RUN --out corpus/gold/coded.jsonl
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const args = process.argv.slice(2);
const many = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const readJsonl = (file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const out = many('--out')[0];
const samples = many('--sample').flatMap(readJsonl);
const pairs = many('--coded').map((p) => p.split(',').map(readJsonl));
const adjudicated = new Map(readJsonl(many('--adjudicated')[0]).map((a) => [a.id, a]));
const runs = Object.fromEntries(many('--run').map((s) => s.split('=')));

// One reference per sentence: a sentence drawn twice (by two draws) keeps its first id.
const byId = new Map();
const seenSpan = new Map();
for (const s of samples) {
  const span = `${s.source}|${s.doc}|${s.start}`;
  if (seenSpan.has(span)) continue;
  seenSpan.set(span, s.id);
  byId.set(s.id, s);
}

// Context offsets: the utterance before, in the run the sample was drawn from.
async function contextSpans() {
  const wanted = new Map([...byId.values()].map((s) => [`${s.source}|${s.doc}|${s.start}`, s]));
  const spans = new Map();
  for (const [source, dir] of Object.entries(runs)) {
    const input = readline.createInterface({ input: fs.createReadStream(path.join(dir, 'utterances.jsonl')), crlfDelay: Infinity });
    let previous;
    for await (const line of input) {
      const u = JSON.parse(line);
      const s = wanted.get(`${source}|${u.doc}|${u.start}`);
      if (s && previous && previous.doc === u.doc) spans.set(s.id, { start: previous.start, end: previous.end });
      previous = { doc: u.doc, start: u.start, end: u.end };
    }
  }
  return spans;
}

const LABELS = ['denial', 'rhetorical_action', 'argumentative_concession', 'norm_acknowledgment', 'none'];
function kappa(pairsOf) {
  const n = pairsOf.length;
  const po = pairsOf.filter(([a, b]) => a === b).length / n;
  const count = (i, l) => pairsOf.filter((p) => p[i] === l).length;
  const pe = LABELS.reduce((s, l) => s + (count(0, l) * count(1, l)) / (n * n), 0);
  return (po - pe) / (1 - pe);
}

const spans = await contextSpans();
const final = [];
const labelPairs = [];
const targetPairs = [];
let adjudications = 0;
for (const [a, b] of pairs) {
  a.forEach((ca, i) => {
    const cb = b[i];
    if (ca.id !== cb.id) throw new Error(`coder files out of step at ${ca.id} / ${cb.id}`);
    if (ca.id.startsWith('q') || !byId.has(ca.id)) return;
    labelPairs.push([ca.label, cb.label]);
    if (ca.label !== 'none' && cb.label !== 'none') targetPairs.push([ca.target, cb.target]);
    const agreed = ca.label === cb.label && ca.target === cb.target;
    const decision = agreed ? ca : adjudicated.get(ca.id);
    if (!decision) throw new Error(`${ca.id}: the coders disagree and there is no adjudication`);
    if (!agreed) adjudications++;
    const s = byId.get(ca.id);
    const ref = {
      // Namespaced, so the ids never collide with the distributed gold's (g…, h…, s…, t…).
      id: `coded-${s.id}`,
      source: s.source,
      document: s.doc,
      country: s.country,
      year: s.year,
      venue: s.venue,
      start: s.start,
      end: s.end,
      ...(s.removed ? { removed: s.removed } : {}),
      text_sha256: createHash('sha256').update(s.text).digest('hex'),
      ...(spans.has(s.id) ? { context_start: spans.get(s.id).start, context_end: spans.get(s.id).end } : {}),
      label: decision.label,
      target: decision.target,
      split: 'fit',
      stratum: s.stratum,
      adjudicated: !agreed,
    };
    final.push(ref);
  });
}
final.sort((x, y) => (x.id < y.id ? -1 : 1));
fs.writeFileSync(out, final.map((r) => JSON.stringify(r)).join('\n') + '\n');
const agree = labelPairs.filter(([x, y]) => x === y).length / labelPairs.length;
const tAgree = targetPairs.filter(([x, y]) => x === y).length / targetPairs.length;
const counts = Object.fromEntries(LABELS.map((l) => [l, final.filter((r) => r.label === l).length]));
process.stdout.write(
  JSON.stringify(
    { items: final.length, label_agreement: agree, label_kappa: kappa(labelPairs), target_agreement: tAgree, adjudicated: adjudications, labels: counts },
    null,
    2,
  ) + '\n',
);
