// Issue 16, row 5: after re-classifying another corpus into a folder that held
// scores/ and status/ from the first, `spiral report` showed the old corpus's
// countries and phases without a word. Derived outputs now record the run
// they came from (run_sha256, the run's content hash): the report recomputes
// stale scores, leaves out a stale status with a warning, and records its own
// run; classify warns that the folder holds outputs of an earlier run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportData } from '../../src/report/index.js';
import { runContentHash, stampRun } from '../../src/run/derived.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS, ROOT } from '../helpers/lexicons.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-derived-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SPEECH = 'We respect human rights. The allegations of torture are baseless. We reject interference in our internal affairs.';

function corpus(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function ok(argv: string[]) {
  const run = await runCli(argv);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

const countriesOf = async (out: string) => (await loadReportData(out, { period: 1 })).countries.map((c) => c.country);

describe('outputs derived from a run', () => {
  it('record the run they came from; after another corpus is classified into the folder, the report neither charts nor phases the old one', async () => {
    const kenya = corpus({ 'KEN_45_1990.txt': SPEECH, 'KEN_46_1991.txt': SPEECH });
    const chile = corpus({ 'CHL_45_1990.txt': SPEECH, 'CHL_46_1991.txt': SPEECH });
    const out = path.join(tempDir(), 'run');
    await ok(['classify', kenya, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);
    await ok(['scores', out, '--target', 'all']);
    await ok(['status', out, '--facts', path.join(ROOT, 'corpus/facts')]);
    await ok(['report', out, '--period', '1']);
    const kenyaHash = await runContentHash(out);
    for (const file of ['scores/country-year-target-all.json', 'status/country-year.json']) {
      expect(JSON.parse(readFileSync(path.join(out, file), 'utf8')).run_sha256, file).toBe(kenyaHash);
    }
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain(`<meta name="spiral-run-sha256" content="${kenyaHash}">`);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain(kenyaHash);
    const first = await loadReportData(out, { period: 1 });
    expect(first.countries.map((c) => c.country)).toEqual(['KEN']);
    expect(first.statusSource).toBe(path.join('status', 'country-year.json'));

    const reclassified = await ok(['classify', chile, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);
    expect(reclassified.stderr).toContain(
      `warning: ${out} holds outputs made from an earlier run: scores/country-year-target-all.json, status/country-year.json, report.html; run spiral scores, status or report again`,
    );
    const chileHash = await runContentHash(out);
    expect(chileHash).not.toBe(kenyaHash);
    const data = await loadReportData(out, { period: 1 });
    expect(data.countries.map((c) => c.country)).toEqual(['CHL']);
    expect(data.statusSource).toBeNull();
    expect(data.scoresSource).toMatch(/computed from utterances\.jsonl/);
    expect(data.warnings).toEqual([
      expect.stringMatching(
        /scores[/\\]country-year-target-all\.json: made from another run \(its run_sha256 \w{12}…, this run's \w{12}…\); scores computed from the utterances instead/,
      ),
      expect.stringMatching(/status[/\\]country-year\.json: made from another run .*; phases and indicators not shown \(run spiral status again\)$/),
    ]);
    const report = await ok(['report', out, '--period', '1']);
    expect(report.stderr).toContain('made from another run');
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).not.toContain('Kenya');

    // Refreshed, they are this run's again, and used.
    await ok(['scores', out, '--target', 'all']);
    await ok(['status', out, '--facts', path.join(ROOT, 'corpus/facts')]);
    expect(await countriesOf(out)).toEqual(['CHL']);
    const fresh = await loadReportData(out, { period: 1 });
    expect(fresh.warnings).toEqual([]);
    expect(fresh.statusSource).toBe(path.join('status', 'country-year.json'));
  });

  it('a file that does not record its run (an older spiral) is still shown, with a warning', async () => {
    const out = path.join(tempDir(), 'run');
    await ok(['classify', corpus({ 'KEN_45_1990.txt': SPEECH }), '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);
    await ok(['status', out, '--facts', path.join(ROOT, 'corpus/facts')]);
    const file = path.join(out, 'status', 'country-year.json');
    const { run_sha256: _dropped, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(older));
    const data = await loadReportData(out, { period: 1 });
    expect(data.statusSource).toBe(path.join('status', 'country-year.json'));
    expect(data.warnings).toEqual([
      expect.stringMatching(/does not record which run it was made from .*; shown, but it may be stale — run spiral status again/),
    ]);
  });

  it('stampRun records the hash right after the run field', () => {
    expect(Object.keys(stampRun({ schema: 's', run: 'r', rows: [] }, 'h'))).toEqual(['schema', 'run', 'run_sha256', 'rows']);
    expect(stampRun({ a: 1, run_sha256: 'old' }, 'new')).toEqual({ a: 1, run_sha256: 'new' });
  });
});
