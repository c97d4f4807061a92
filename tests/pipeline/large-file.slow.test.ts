// Issue 16, row 3: one large .txt of short relevant sentences (200 MB in the
// report) aborted the whole run on heap exhaustion: a file's whole output,
// about 15 times its size, was held in memory. A file above the large-file
// size is now tagged by the writer with its lines written as they come, and a
// reused one copied in chunks. The proof runs the real CLI in a child process
// whose V8 heap is capped far below the file's output, on a generated 60 MB
// file, and reads the child's peak resident memory (VmHWM of /proc/self/status,
// via a preloaded module): the output cannot have been held, and the peak stays
// below a bound that does not depend on the output's size.
//
// Not process.resourceUsage().maxRSS: Linux carries the high-water mark across
// fork and exec, so a fresh child reports at least its parent's resident size
// at the spawn. The slow suite runs in worker threads of one process, beside
// the browser test that loads 85,000 utterances; CI once read 674 MB here for a
// re-run whose own peak is about 150 MB. VmHWM is the child's own address
// space's peak. (Linux only, like the rest of this suite's process checks.)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGE_FILE_BYTES } from '../../src/pipeline/file.js';
import { ROOT } from '../helpers/lexicons.js';
import { runJson, Scratch } from './corpus.js';

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

/** The generated file: short relevant sentences, a paragraph break every 20. */
const FILE_BYTES = 60_000_000;
/** The child's V8 old-space cap (MB): a fifth of the file's output, about 1 GB. */
const HEAP_CAP_MB = 320;
/** Peak resident memory allowed (MB): the heap cap, the code and models outside it, the file's bytes while it is decoded. */
const RSS_BOUND_MB = HEAP_CAP_MB + 350;

const SENTENCES = [
  'The allegations of torture are baseless. ',
  'We respect human rights. ',
  'Kenya rejects interference in its internal affairs. ',
  'The Government will investigate the reports of abuse. ',
];

function bigText(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = i % 20 === 19 ? `${SENTENCES[i % 4]}\n\n` : SENTENCES[i % 4];
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  maxRssMb: number;
}

/** `spiral classify` in a child with a capped heap; its peak RSS from a module preloaded into it. */
function classifyInChild(input: string, out: string): Promise<ChildRun> {
  const dir = scratch.dir('spiral-rss-');
  const rssFile = path.join(dir, 'rss');
  const preload = path.join(dir, 'rss.mjs');
  writeFileSync(
    preload,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "process.on('exit', () => {",
      "  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));",
      `  writeFileSync(${JSON.stringify(rssFile)}, hwm ? hwm[1] : 'NaN');`,
      '});',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', preload, path.join(ROOT, 'bin/spiral.js'), 'classify', input, '--out', out, '-q', '--workers', '1'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      let maxRssMb = Number.NaN;
      try {
        maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024; // VmHWM is in kB
      } catch {
        // killed before its exit handler ran (a heap abort): no figure
      }
      resolve({ code, signal, stderr, maxRssMb });
    }),
  );
}

describe('a 60 MB text file of short relevant sentences', () => {
  it('is classified with a heap capped at a fifth of its output, peak memory bounded, and re-used by a re-run the same way', async () => {
    expect(FILE_BYTES).toBeGreaterThan(LARGE_FILE_BYTES);
    const input = path.join(scratch.dir(), 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'KEN_45_1990.txt'), bigText(FILE_BYTES));
    writeFileSync(path.join(input, 'CHL_45_1990.txt'), 'We respect human rights. The allegations are baseless.');
    const out = path.join(scratch.dir(), 'run');

    const first = await classifyInChild(input, out);
    expect(first.stderr).toBe('');
    expect([first.code, first.signal]).toEqual([0, null]);
    const outputBytes = statSync(path.join(out, 'utterances.jsonl')).size;
    // The output is far larger than the heap: it was never held.
    expect(outputBytes).toBeGreaterThan(3 * HEAP_CAP_MB * 1024 * 1024);
    expect(first.maxRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(runJson(out).counts).toMatchObject({ files_discovered: 2, documents_ok: 2, documents_failed: 0 });
    const docs = readFileSync(path.join(out, 'documents.jsonl'), 'utf8');
    expect(docs).toContain('"id":"KEN_45_1990.txt"');
    expect(docs).toContain('"id":"CHL_45_1990.txt"');
    expect(runJson(out).large_files_in_main_thread).toBe(1);

    // A re-run reuses the file: its lines are checked and copied in chunks, not read whole.
    const second = await classifyInChild(input, out);
    expect([second.code, second.signal], second.stderr).toEqual([0, null]);
    expect(runJson(out).counts).toMatchObject({ files_from_cache: 2, files_tagged: 0 });
    expect(statSync(path.join(out, 'utterances.jsonl')).size).toBe(outputBytes);
    expect(second.maxRssMb).toBeLessThan(RSS_BOUND_MB);
    console.log(
      `60 MB file: output ${(outputBytes / 2 ** 20).toFixed(0)} MB; peak RSS ${first.maxRssMb.toFixed(0)} MB tagging, ${second.maxRssMb.toFixed(0)} MB reusing (heap cap ${HEAP_CAP_MB} MB)`,
    );
  }, 600_000);
});
