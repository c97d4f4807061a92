// A FIFO named like a lexicon file: opened with readFileSync it would block the
// whole process until something wrote to it. The loader (src/lexicon/load.ts,
// readRegularFile) checks that every lexicon file is a regular file first and
// reports `<dir>/x.yaml: cannot read: not a regular file`, exit 2; this test
// keeps it so.
//
// So that a regression cannot hang the suite, a writer process started here
// feeds the FIFO in a loop (each open for reading gets one small YAML file) and
// is killed afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { noStackTrace, tempDir } from './helpers.js';

describe('a FIFO among the lexicon files', () => {
  it('is reported as not a regular file, not read (exit 2)', async () => {
    const dir = path.join(tempDir(), 'lexicons');
    cpSync(MINI_LEXICONS, dir, { recursive: true });
    const fifo = path.join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'while :; do printf "category: denial\\n" > "$0"; done', fifo], { stdio: 'ignore' });
    try {
      const run = await runCli(['lexicon', 'check', dir]);
      expect(run.code).toBe(2);
      expect(noStackTrace(run.stderr), run.stderr).toBe(true);
      expect(run.stderr).toMatch(new RegExp(`${fifo.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*not a regular file`));
    } finally {
      writer.kill('SIGKILL');
    }
  });
});
