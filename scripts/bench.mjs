#!/usr/bin/env node
// `npm run bench [-- CORPUS] [--runs N] [--startup-runs N] [--lexicons DIR] [--workers N] [--only startup|slice|full] [--keep]`
//
// How fast does spiral start, how fast is `spiral classify` on the UN General
// Debate Corpus, and how far is it from the floor? Extracts
// ../shared/data/ungdc/ungdc-v13-full.tar.xz into a temporary folder (or takes a
// corpus folder), cuts a 10% slice (every tenth file in path order), and runs
// every measurement as a separate process:
//   - start-up, warm cache (median of --startup-runs, default 5): `spiral tag`
//     of one JSON line, `spiral --help`, and `node -e 0` for reference;
//   - for the slice and the full corpus (median of --runs, default 3, the
//     commands of one round run one after the other so they share the
//     machine's load):
//     - the floor: read + decode (UTF-8) + lowercase + split sentences (a
//       regular expression) + lowercase word tokens (`match(/[a-z0-9]+/g)` per
//       sentence), one core: the fastest honest way to do the work no tagger
//       can skip;
//     - spiral classify --workers 1 (tagging in the main thread);
//     - spiral classify --workers N (default: one per CPU);
//     - spiral classify re-run into the same folder with nothing changed.
//   Each classify run starts from an empty output folder with the compiled
//   lexicon set in a warm cache of its own (SPIRAL_CACHE_DIR in the work folder).
// Each row gives wall time, CPU time (user + system, which other load on the
// machine changes less), MB/s, utterances/s, peak RSS (the process's maximum
// resident set; worker threads share the process) and both ratios to the
// floor: wall to wall and CPU to CPU.
// This is a benchmark, not a test: numbers depend on the machine and its load.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL = path.resolve(ROOT, '../shared/data/ungdc/ungdc-v13-full.tar.xz');
const SPIRAL = path.join(ROOT, 'bin/spiral.js');
/** The slice keeps every SLICE_STEP-th file. */
const SLICE_STEP = 10;
/** How often the peak-RSS poller reads /proc when /usr/bin/time is missing. */
const RSS_POLL_MS = 50;
/** The line `spiral tag` reads in the start-up measurement. */
const ONE_LINE = `${JSON.stringify({ id: 1, text: 'We reject any interference in our internal affairs under the pretext of human rights.', country: 'KEN' })}\n`;

// ---- floor child ---------------------------------------------------------------------
if (process.argv[2] === '--floor-child') {
  const { readFile } = await import('node:fs/promises');
  const decoder = new TextDecoder('utf-8');
  // Sentences end at . ! ? before white space; words are runs of letters and
  // digits. One regular-expression split per file and one match per sentence:
  // the tokens are counted, never kept.
  const SENTENCE_END = /(?<=[.!?])\s+/;
  const WORD = /[a-z0-9]+/g;
  let sentences = 0;
  let tokens = 0;
  for (const file of listFiles(process.argv[3])) {
    const text = decoder.decode(await readFile(file)).toLowerCase();
    for (const sentence of text.split(SENTENCE_END)) {
      const words = sentence.match(WORD);
      if (words === null) continue;
      sentences++;
      tokens += words.length;
    }
  }
  process.stdout.write(JSON.stringify({ utterances: sentences, tokens }));
  process.exit(0);
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile() && entry.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

// ---- options -----------------------------------------------------------------------
const ONLY = ['startup', 'slice', 'full'];

function parseArgs(argv) {
  const opts = { corpus: undefined, runs: 3, startupRuns: 5, lexicons: undefined, workers: availableParallelism(), only: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--startup-runs') opts.startupRuns = Number(argv[++i]);
    else if (a === '--lexicons') opts.lexicons = path.resolve(argv[++i]);
    else if (a === '--workers') opts.workers = Number(argv[++i]);
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [CORPUS_DIR] [--runs N] [--startup-runs N] [--lexicons DIR] [--workers N] [--only startup|slice|full] [--keep]');
      process.exit(0);
    } else if (!a.startsWith('--') && !opts.corpus) opts.corpus = path.resolve(a);
    else throw new Error(`unknown argument ${a}`);
  }
  for (const [name, n] of [
    ['--runs', opts.runs],
    ['--startup-runs', opts.startupRuns],
    ['--workers', opts.workers],
  ])
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  if (opts.only !== undefined && !ONLY.includes(opts.only)) throw new Error(`--only must be one of ${ONLY.join(', ')}`);
  return opts;
}

// ---- measuring a child process --------------------------------------------------
const HAVE_TIME = existsSync('/usr/bin/time');

/**
 * Run a command; resolve to wall seconds, CPU seconds (user + system, when
 * /usr/bin/time is there), peak RSS in MB and its stdout. `input` goes to its
 * standard input.
 */
function measure(cmd, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(tmpdir(), `spiral-bench-rss-${process.pid}-${Date.now()}`);
    const [file, argv] = HAVE_TIME ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    let cpu = NaN;
    const poll = HAVE_TIME ? undefined : setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid))), RSS_POLL_MS);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    if (input !== undefined) child.stdin.end(input);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      if (HAVE_TIME) {
        const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        peakKb = kb;
        cpu = user + system;
        rmSync(rssFile, { force: true });
      }
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      resolve({ seconds, cpu, rssMb: peakKb / 1024, stdout });
    });
  });
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ---- corpus ------------------------------------------------------------------------
function prepareCorpus(opts, work) {
  let full = opts.corpus;
  if (!full) {
    if (!existsSync(TARBALL)) throw new Error(`no corpus given and ${TARBALL} not found`);
    const into = path.join(work, 'ungdc');
    mkdirSync(into);
    process.stderr.write(`extracting ${path.relative(process.cwd(), TARBALL)} …\n`);
    execFileSync('tar', ['-xJf', TARBALL, '-C', into]);
    full = existsSync(path.join(into, 'TXT')) ? path.join(into, 'TXT') : into;
  }
  const files = listFiles(full);
  const slice = path.join(work, 'slice');
  for (let i = 0; i < files.length; i += SLICE_STEP) {
    const to = path.join(slice, path.relative(full, files[i]));
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(files[i], to);
  }
  const bytes = (list) => list.reduce((n, f) => n + statSync(f).size, 0);
  return [
    { name: 'full', dir: full, files: files.length, bytes: bytes(files) },
    { name: 'slice', dir: slice, files: Math.ceil(files.length / SLICE_STEP), bytes: bytes(listFiles(slice)) },
  ];
}

// ---- the rows ------------------------------------------------------------------------
function summarise(label, results) {
  return {
    label,
    seconds: median(results.map((x) => x.seconds)),
    cpu: median(results.map((x) => x.cpu)),
    rssMb: median(results.map((x) => x.rssMb)),
    utterances: results[0].utterances,
    all: results.map((x) => x.seconds),
  };
}

/** Run each config once per round, round after round; a row per config (medians). */
async function rounds(configs, runs) {
  const results = configs.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let c = 0; c < configs.length; c++) results[c].push(await configs[c].once());
  }
  return configs.map((c, i) => summarise(c.label, results[i]));
}

async function benchStartup(opts, env) {
  const lex = opts.lexicons ? ['--lexicons', opts.lexicons] : [];
  const tag = () => measure(process.execPath, [SPIRAL, 'tag', ...lex], { input: ONE_LINE, env });
  await tag(); // compiles the lexicon set into the bench's cache
  return rounds(
    [
      { label: 'spiral tag, one line (warm cache)', once: tag },
      { label: 'spiral --help', once: () => measure(process.execPath, [SPIRAL, '--help'], { env }) },
      { label: 'node -e 0 (reference)', once: () => measure(process.execPath, ['-e', '0'], { env }) },
    ],
    opts.startupRuns,
  );
}

async function benchCorpus(corpus, opts, work, env) {
  const lex = opts.lexicons ? ['--lexicons', opts.lexicons] : [];
  const out = path.join(work, `out-${corpus.name.replace(/\W+/g, '-')}`);
  const classify =
    (workers, { fresh }) =>
    async () => {
      if (fresh) rmSync(out, { recursive: true, force: true });
      const m = await measure(process.execPath, [SPIRAL, 'classify', corpus.dir, '--out', out, '-q', '--workers', String(workers), ...lex], { env });
      const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
      if (fresh && run.counts.files_from_cache !== 0) throw new Error('a fresh run reused files');
      return { ...m, utterances: run.counts.utterances };
    };
  const configs = [
    {
      label: 'floor: read, decode, split, tokens (1 core)',
      once: async () => {
        const m = await measure(process.execPath, [fileURLToPath(import.meta.url), '--floor-child', corpus.dir]);
        return { ...m, utterances: JSON.parse(m.stdout).utterances };
      },
    },
    { label: 'classify --workers 1', once: classify(1, { fresh: true }) },
    ...(opts.workers > 1 ? [{ label: `classify --workers ${opts.workers}`, once: classify(opts.workers, { fresh: true }) }] : []),
    // The run before left a complete run in `out`: a re-run reuses every file.
    { label: `classify re-run, nothing changed (--workers ${opts.workers})`, once: classify(opts.workers, { fresh: false }) },
  ];
  const rows = await rounds(configs, opts.runs);
  rmSync(out, { recursive: true, force: true });
  return rows;
}

// ---- the tables ------------------------------------------------------------------------
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const cpuOf = (r) => (Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(2));

function reportStartup(rows, runs) {
  console.log(`\nstart-up, warm cache (median of ${runs}):`);
  table(
    ['', 'wall s', 'CPU s', 'peak RSS MB', 'runs (s)'],
    rows.map((r) => [r.label, r.seconds.toFixed(3), cpuOf(r), r.rssMb.toFixed(0), r.all.map((s) => s.toFixed(2)).join(' ')]),
  );
}

function reportCorpus(corpus, rows, runs) {
  const mb = corpus.bytes / 1e6;
  const [floor] = rows;
  console.log(`\n${corpus.name}: ${corpus.files} files, ${mb.toFixed(1)} MB (${corpus.dir}), median of ${runs}`);
  table(
    ['', 'wall s', 'CPU s', 'MB/s', 'utterances/s', 'peak RSS MB', '× floor wall', '× floor CPU', 'runs (s)'],
    rows.map((r) => [
      r.label,
      r.seconds.toFixed(2),
      cpuOf(r),
      (mb / r.seconds).toFixed(1),
      Math.round(r.utterances / r.seconds).toLocaleString('en'),
      r.rssMb.toFixed(0),
      (r.seconds / floor.seconds).toFixed(1),
      Number.isNaN(r.cpu) ? '–' : (r.cpu / floor.cpu).toFixed(1),
      r.all.map((s) => s.toFixed(1)).join(' '),
    ]),
  );
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/cli/process.js'))) throw new Error('spiral is not built: run npm run build');
  const work = mkdtempSync(path.join(tmpdir(), 'spiral-bench-'));
  // A cache of the bench's own: warm for every measured run, and never the user's.
  const env = { SPIRAL_CACHE_DIR: path.join(work, 'cache') };
  try {
    console.log(
      `spiral bench: ${availableParallelism()} CPUs, load average ${loadAverage()}, lexicons: ${opts.lexicons ?? 'bundled'}${HAVE_TIME ? '' : ' (no /usr/bin/time: no CPU times)'}`,
    );
    if (!opts.only || opts.only === 'startup') reportStartup(await benchStartup(opts, env), opts.startupRuns);
    if (opts.only !== 'startup') {
      const corpora = prepareCorpus(opts, work).filter((c) => !opts.only || c.name === opts.only);
      for (const corpus of [...corpora].reverse()) {
        const rows = await benchCorpus(corpus, opts, work, env);
        reportCorpus(corpus, rows, opts.runs);
        console.log(`load average: ${loadAverage()}`);
      }
    }
    console.log(`\nload average after: ${loadAverage()}`);
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
