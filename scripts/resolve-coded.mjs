#!/usr/bin/env node
// Turns the project's coded references (corpus/gold/coded.jsonl: document,
// offsets, label, target — no text, docs/coding.md) into gold lines with text
// and context that `spiral eval` and `spiral calibrate` read, by decoding each
// document from the shared data exactly as spiral does and slicing it. The
// text's sha256 is checked, so a changed decoder or document is caught, not
// silently mislabelled.
//
//   npm run build && node scripts/resolve-coded.mjs [--data ../shared/data] [--refs corpus/gold/coded.jsonl] --out FILE
//
// General Debate speeches are read from the corpus archive (system `tar` with xz).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDist, option, ROOT as root } from './dist.mjs';

const { decodeBytes } = await importDist('ingest/decode.js');
const { keptText } = await importDist('segment/segment.js');
const data = path.resolve(option('--data', path.join(root, '..', 'shared', 'data')));
const refsFile = path.resolve(option('--refs', path.join(root, 'corpus', 'gold', 'coded.jsonl')));
const out = option('--out');
if (!out) {
  process.stderr.write('usage: resolve-coded.mjs --out FILE [--data DIR] [--refs FILE]\n');
  process.exit(2);
}

const refs = fs
  .readFileSync(refsFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** General Debate documents are named by their path in the archive under TXT/ ("Session 44 - 1989/PNG_44_1989.txt"). */
function extractSpeeches(names) {
  if (names.length === 0) return new Map();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spiral-coded-'));
  const list = path.join(dir, 'members.txt');
  fs.writeFileSync(list, names.map((n) => `TXT/${n}`).join('\n') + '\n');
  execFileSync('tar', ['-xJf', path.join(data, 'ungdc', 'ungdc-v13-full.tar.xz'), '-C', dir, '-T', list], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return new Map(names.map((n) => [n, path.join(dir, 'TXT', n)]));
}

const speeches = extractSpeeches([...new Set(refs.filter((r) => r.source === 'ungdc').map((r) => r.document))].sort());
const decoded = new Map();
function textOf(ref) {
  const file = ref.source === 'ungdc' ? speeches.get(ref.document) : path.join(data, 'upr', 'wg-reports-txt', ref.document);
  if (!decoded.has(file)) decoded.set(file, decodeBytes(new Uint8Array(fs.readFileSync(file))).text);
  return decoded.get(file);
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
const lines = [];
let bad = 0;
for (const ref of refs) {
  const whole = textOf(ref);
  const text = keptText(whole, ref.start, ref.end, ref.removed); // without the page furniture the run left out
  if (sha(text) !== ref.text_sha256) {
    process.stderr.write(`${refsFile}: ${ref.id}: the text at ${ref.document} ${ref.start}-${ref.end} is not the coded one (sha256 differs)\n`);
    bad++;
    continue;
  }
  const context = ref.context_start !== undefined ? whole.slice(ref.context_start, ref.context_end) : '';
  const item = {
    id: ref.id,
    country: ref.country,
    year: ref.year,
    venue: ref.venue,
    source: ref.source === 'ungdc' ? 'ungdc' : 'upr-wg-report',
    document: ref.document,
    context,
    text,
    label: ref.label,
    target: ref.target,
    split: ref.split,
  };
  lines.push(JSON.stringify(item));
}
fs.writeFileSync(out, lines.join('\n') + '\n');
process.stderr.write(`${lines.length} coded items resolved → ${out}${bad ? `; ${bad} failed` : ''}\n`);
process.exit(bad ? 1 : 0);
