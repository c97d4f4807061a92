#!/usr/bin/env node
// `npm run bench [-- CORPUS] [--runs N] [--lexicons DIR] [--workers N] [--only full|slice] [--keep]`
//
// How fast is `spiral classify` on the UN General Debate Corpus, and how far is
// it from the floor? Extracts ../shared/data/ungdc/ungdc-v13-full.tar.xz into a
// temporary folder (or takes a corpus folder), cuts a 10% slice (every tenth
// file in path order), and runs as separate processes, for the full corpus and
// the slice:
//   - baseline: read + decode (UTF-8) + regex sentence split + lowercase word
//     tokens, one core: the floor any tagger pays;
//   - spiral classify --workers 1 (tagging in the main thread);
//   - spiral classify --workers N (default: one per CPU);
//   - spiral classify re-run into the same folder with nothing changed (cache).
// Each prints wall time, CPU time (user + system: what other load on the
// machine does not change much), MB/s, utterances/s and peak RSS (the
// process's maximum resident set; worker threads share the process), median
// of --runs runs (default 3).
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

// ---- baseline child: the floor -------------------------------------------------
if (process.argv[2] === '--baseline-child') {
  const { readFile } = await import('node:fs/promises');
  const decoder = new TextDecoder('utf-8');
  // As tight as plain JavaScript gets: lowercase the text once, then one pass
  // over its character codes that cuts sentences at . ! ? before white space
  // and cuts the lowercase word tokens (letters and digits).
  const WORD_CHAR = /[\p{L}\p{N}]/u;
  const isWord = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) isWord[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  const isSpace = (c) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0xa0;
  let sentences = 0;
  let tokens = 0;
  const words = [];
  for (const file of listFiles(process.argv[3])) {
    const text = decoder.decode(await readFile(file)).toLowerCase();
    let inSentence = 0;
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      if (isWord[c]) {
        const start = i;
        while (i < text.length && isWord[text.charCodeAt(i)]) i++;
        words.push(text.slice(start, i));
        inSentence++;
        continue;
      }
      if ((c === 46 || c === 33 || c === 63) && (i + 1 === text.length || isSpace(text.charCodeAt(i + 1))) && inSentence > 0) {
        sentences++;
        tokens += inSentence;
        inSentence = 0;
        words.length = 0;
      }
      i++;
    }
    if (inSentence > 0) {
      sentences++;
      tokens += inSentence;
    }
    words.length = 0;
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
function parseArgs(argv) {
  const opts = { corpus: undefined, runs: 3, lexicons: undefined, workers: availableParallelism(), only: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--lexicons') opts.lexicons = path.resolve(argv[++i]);
    else if (a === '--workers') opts.workers = Number(argv[++i]);
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [CORPUS_DIR] [--runs N] [--lexicons DIR] [--workers N] [--only full|slice] [--keep]');
      process.exit(0);
    } else if (!a.startsWith('--') && !opts.corpus) opts.corpus = path.resolve(a);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new Error('--workers must be a whole number ≥ 1');
  return opts;
}

// ---- measuring a child process --------------------------------------------------
const HAVE_TIME = existsSync('/usr/bin/time');

/** Run a command; resolve to wall seconds, CPU seconds (user + system, when /usr/bin/time is there), peak RSS in MB and its stdout. */
function measure(cmd, args) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(tmpdir(), `spiral-bench-rss-${process.pid}-${Date.now()}`);
    const [file, argv] = HAVE_TIME ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    let cpu = NaN;
    const poll = HAVE_TIME ? undefined : setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid))), RSS_POLL_MS);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
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
    { name: '10% slice', dir: slice, files: Math.ceil(files.length / SLICE_STEP), bytes: bytes(listFiles(slice)) },
  ];
}

// ---- the runs -------------------------------------------------------------------------
async function runConfig(label, runs, once) {
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await once(r));
  return {
    label,
    seconds: median(results.map((x) => x.seconds)),
    cpu: median(results.map((x) => x.cpu)),
    rssMb: median(results.map((x) => x.rssMb)),
    utterances: results[0].utterances,
    all: results.map((x) => x.seconds),
  };
}

async function benchCorpus(corpus, opts, work) {
  const lex = opts.lexicons ? ['--lexicons', opts.lexicons] : [];
  const out = path.join(work, `out-${corpus.name.replace(/\W+/g, '-')}`);
  const classify =
    (workers, extra = []) =>
    async () => {
      const m = await measure(process.execPath, [SPIRAL, 'classify', corpus.dir, '--out', out, '-q', '--workers', String(workers), ...lex, ...extra]);
      const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
      return { ...m, utterances: run.counts.utterances };
    };
  const rows = [];
  rows.push(
    await runConfig('baseline (read+decode+split+tokens, 1 core)', opts.runs, async () => {
      const m = await measure(process.execPath, [fileURLToPath(import.meta.url), '--baseline-child', corpus.dir]);
      return { ...m, utterances: JSON.parse(m.stdout).utterances };
    }),
  );
  rows.push(await runConfig('classify --workers 1', opts.runs, classify(1, ['--no-cache'])));
  if (opts.workers > 1) rows.push(await runConfig(`classify --workers ${opts.workers}`, opts.runs, classify(opts.workers, ['--no-cache'])));
  // The last run left a complete run in `out`: a re-run reuses every file.
  rows.push(await runConfig(`classify re-run, nothing changed (--workers ${opts.workers})`, opts.runs, classify(opts.workers)));
  rmSync(out, { recursive: true, force: true });
  return rows;
}

function report(corpus, rows) {
  const mb = corpus.bytes / 1e6;
  const floor = rows[0].seconds;
  console.log(`\n${corpus.name}: ${corpus.files} files, ${mb.toFixed(1)} MB (${corpus.dir})`);
  const header = ['', 'wall s', 'CPU s', 'MB/s', 'utterances/s', 'peak RSS MB', '× floor', 'runs (s)'];
  const table = rows.map((r) => [
    r.label,
    r.seconds.toFixed(2),
    Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(1),
    (mb / r.seconds).toFixed(1),
    Math.round(r.utterances / r.seconds).toLocaleString('en'),
    r.rssMb.toFixed(0),
    (r.seconds / floor).toFixed(1),
    r.all.map((s) => s.toFixed(1)).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/cli/process.js'))) throw new Error('spiral is not built: run npm run build');
  const work = mkdtempSync(path.join(tmpdir(), 'spiral-bench-'));
  try {
    const corpora = prepareCorpus(opts, work).filter((c) => !opts.only || c.name.startsWith(opts.only));
    console.log(
      `spiral bench: ${availableParallelism()} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, median of ${opts.runs} run(s), lexicons: ${opts.lexicons ?? 'bundled'}`,
    );
    for (const corpus of [...corpora].reverse()) report(corpus, await benchCorpus(corpus, opts, work));
    console.log(
      `\nload average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
