#!/usr/bin/env node
// The era reference table and world time, from the whole UN General Debate
// corpus: extracts ../shared/data/ungdc/ungdc-v13-full.tar.xz into a temporary
// folder, classifies every speech, runs `spiral status --world` (which reads the
// era distributions from the run itself: it covers the world), and writes the
// aggregated numbers — no text — into corpus/facts/era/:
//
//   self-reference.csv  per decade, the distribution across countries of the
//                       self-rejecting share and of the human-rights share of speech
//   world-time.csv      per year and phase, the number of countries (the report's --world input)
//   world-net.csv       per year, the median self-referential net score with its interval
//   README.md           where they came from (corpus, lexicon, command, date of the run)
//
//   npm run build && node scripts/era-reference.mjs [--run DIR] [--reuse] [--workers N]
//
//   --run DIR   run folder to classify into (default: a temporary folder, removed after)
//   --reuse     do not classify again when DIR/utterances.jsonl exists
//   --workers N classify workers (default 2)
//
// Reads the compiled code in dist/ (run `npm run build` first; SPIRAL_DIST overrides).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDist, option, ROOT as root } from './dist.mjs';

const { main } = await importDist('cli/main.js');
const { eraCsv } = await importDist('indicators/era.js');

const args = process.argv.slice(2);
const tarball = path.resolve(root, '..', 'shared', 'data', 'ungdc', 'ungdc-v13-full.tar.xz');
const outDir = path.join(root, 'corpus', 'facts', 'era');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'spiral-era-'));
const runDir = path.resolve(option('--run', path.join(temp, 'run')));
const reuse = args.includes('--reuse');
const workers = option('--workers', '2');

async function spiral(argv) {
  let stdout = '';
  let stderr = '';
  const ctx = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    cwd: root,
    env: process.env,
    readStdin: async function* () {},
    exitCode: 0,
  };
  const code = await main(argv, ctx);
  if (code !== 0) throw new Error(`spiral ${argv.join(' ')} exited ${code}\n${stderr}`);
  return { stdout, stderr };
}

try {
  if (!(reuse && fs.existsSync(path.join(runDir, 'utterances.jsonl')))) {
    const corpus = path.join(temp, 'ungdc');
    fs.mkdirSync(corpus);
    process.stderr.write(`extracting ${path.relative(root, tarball)} ...\n`);
    execFileSync('tar', ['-xJf', tarball, '-C', corpus]);
    process.stderr.write(`classifying → ${runDir} ...\n`);
    const r = await spiral([
      'classify',
      corpus,
      '--out',
      runDir,
      '--name-pattern',
      '{country}_{*}_{year}',
      '--venue',
      'UN General Assembly',
      '--audience',
      'international',
      '--type',
      'speech',
      '--workers',
      workers,
      '-q',
    ]);
    process.stderr.write(r.stdout);
  }
  const st = await spiral(['status', runDir, '--facts', path.join(root, 'corpus', 'facts'), '--world']);
  process.stderr.write(
    st.stderr
      .split('\n')
      .filter((l) => !l.startsWith('warning'))
      .join('\n'),
  );
  const status = JSON.parse(fs.readFileSync(path.join(runDir, 'status', 'country-year.json'), 'utf8'));
  if (status.era?.source !== 'run') throw new Error(`the run does not cover the world (era from ${status.era?.source})`);
  const run = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
  // Speeches read: documents.jsonl also accounts for files skipped (the archive's README).
  const docs = fs
    .readFileSync(path.join(runDir, 'documents.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .filter((line) => JSON.parse(line).status === 'ok').length;
  const countries = new Set(status.rows.map((r) => r.country)).size;
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'self-reference.csv'), eraCsv({ source: 'run', rows: status.era.rows }));
  fs.copyFileSync(path.join(runDir, 'world-time.csv'), path.join(outDir, 'world-time.csv'));
  fs.copyFileSync(path.join(runDir, 'world-net.csv'), path.join(outDir, 'world-net.csv'));
  const lexicon = run.lexicon ? `${run.lexicon.name} ${run.lexicon.version} (content hash ${String(run.lexicon.hash).slice(0, 12)})` : 'the bundled set';
  fs.writeFileSync(
    path.join(outDir, 'README.md'),
    `# Era reference and world time

Aggregated numbers from the whole UN General Debate Corpus (${path.basename(tarball)}:
${docs} speeches, ${countries} countries, ${Math.min(...status.rows.map((r) => r.year))}–${Math.max(...status.rows.map((r) => r.year))}),
classified with lexicon set ${lexicon}. No text is kept here. Regenerate with

\`\`\`
npm run build && node scripts/era-reference.mjs
\`\`\`

which extracts the corpus into a temporary folder, runs \`spiral classify\` with
\`--name-pattern '{country}_{*}_{year}' --venue 'UN General Assembly'\` and
\`spiral status RUN --facts corpus/facts --world\` (the run covers the world, so
status reads the era distributions from the run itself), and writes:

- \`self-reference.csv\`: per decade, the quantiles (10, 25, 50, 75, 90%) of the
  self-rejecting share — denial and rhetorical action among a government's moves
  about its own conduct — across the countries with at least ten such moves in the
  decade (\`n_countries\`; a decade with fewer than twenty borrows the nearest
  decades, \`decades_used\`), their median self-referential net score, and the
  quantiles of the share of a country-year's utterances that are about human
  rights. \`spiral status\` judges a run that does not cover the world against this
  table (docs/indicators.md, *Eras*).
- \`world-time.csv\`: per year and discursive phase, the number of countries
  (\`spiral report --world corpus/facts/era/world-time.csv\`).
- \`world-net.csv\`: per year, the countries with a speech, those with enough
  self-referential evidence, and the median self-referential net score across
  them with its bootstrap 95% interval (resampling countries).

A table made with another lexicon set judges runs of that set only roughly:
regenerate it when the lexicons change.
`,
  );
  process.stderr.write(`\nwrote ${path.relative(root, outDir)}/{self-reference.csv,world-time.csv,world-net.csv,README.md}\n`);
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
