import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoresFile } from '../../src/aggregate/types.js';
import { loadReportData, renderReportHtml, renderReportMarkdown } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { browseDataOf, sampleRun, selfEvidenceFixture, statusFile, statusRow, writeFixtureRun } from './run-fixture.js';

describe('loading a run for the report', () => {
  it('computes 5-year periods by default, from the utterances when there is no scores file', async () => {
    const data = await loadReportData(writeFixtureRun(sampleRun()));
    expect(data.period).toBe(5);
    expect(data.scoresSource).toMatch(/computed from utterances.jsonl \(country-period, 5 years/);
    expect(data.countries.map((c) => [c.country, c.points.map((p) => p.unit.label)])).toEqual([
      ['CHL', ['1985-1989', '1990-1994']],
      ['KEN', ['1990-1994']],
    ]);
    // KEN 1990–1992: three moves in each of 3 documents, and one more denial.
    expect(data.countries[1].points[0]).toMatchObject({ n_relevant: 10, n_documents: 3 });
  });

  it('computes country-year shares and net scores with --period 1', async () => {
    const data = await loadReportData(writeFixtureRun(sampleRun()), { period: 1 });
    expect(data.scoresSource).toMatch(/computed/);
    expect(data.countries.map((c) => c.country)).toEqual(['CHL', 'KEN']);
    const ken1992 = data.countries[1].points.find((p) => p.unit.start === 1992)!;
    // KEN 1992: denial ×2 (one hostile), acknowledgment, concession → 4 relevant.
    expect(ken1992.n_relevant).toBe(4);
    expect(ken1992.shares.denial).toBeCloseTo(0.5);
    expect(ken1992.net).toBeCloseTo(0);
    expect(data.documents).toMatchObject({ ok: 5, skipped: 1, failed: 0 });
    expect(data.documents.problems[0]).toMatchObject({ status: 'skipped', reason: 'binary file: no text layer <b>found</b>' });
    expect(data.run.lexicon).toEqual({ name: 'spiral-core', version: '0.3.0', hash: 'abc123' });
  });

  it('uses RUN/scores/country-year-target-all.json (every target, as the charts show) when present, with its intervals', async () => {
    const run = sampleRun();
    const scores: ScoresFile = {
      schema: 'spiral.scores/1',
      run: 'r',
      params: { by: 'country-year' } as ScoresFile['params'],
      cells: [
        {
          key: 'UGA|2000',
          country: 'UGA',
          year: 2000,
          period: null,
          audience: 'all',
          n_documents: 3,
          n_utterances: 40,
          target: 'all',
          n_relevant_all: 20,
          n_relevant: 20,
          counts: { denial: 5, rhetorical_action: 5, argumentative_concession: 5, norm_acknowledgment: 5, none: 20 },
          shares: { denial: 0.25, rhetorical_action: 0.25, argumentative_concession: 0.25, norm_acknowledgment: 0.25 },
          by_target: null,
          promotion: null,
          indices: {
            rejection: { value: 0.25, ci95: null },
            deflection: { value: 0.25, ci95: null },
            rejecting: { value: 0.5, ci95: null },
            dialogue: { value: 0.25, ci95: null },
            acceptance: { value: 0.5, ci95: null },
            net: { value: 0, ci95: { low: -0.4, high: 0.35 } },
          },
          insufficient_evidence: false,
          insufficient_reasons: [],
          examples: { denial: [], rhetorical_action: [], argumentative_concession: [], norm_acknowledgment: [] },
        },
      ],
      pressure: [],
      skipped: { no_country: 0, no_year: 0, filtered_speaker: 0 },
      warnings: [],
    };
    const dir = writeFixtureRun({ ...run, extra: { 'scores/country-year-target-all.json': JSON.stringify(scores) } });
    const data = await loadReportData(dir, { period: 1 });
    expect(data.scoresSource).toBe(join('scores', 'country-year-target-all.json'));
    expect(data.countries.map((c) => c.country)).toEqual(['UGA']);
    expect(data.countries[0].points[0].netInterval).toEqual({ low: -0.4, high: 0.35 });
    expect(data.countries[0].points[0].shareIntervals.denial).toBeNull();
    const svg = await renderReportHtml(data);
    expect(svg).toContain('2000: net score +0.00, 95% interval -0.40 to +0.35; 20 relevant utterances in 3 documents');
    // The interval is drawn: a vertical rule of the net colour.
    expect(svg).toMatch(/<line [^>]*y2="-?[\d.]+" stroke="#333333"/);
    // The default (5-year) report does not take a yearly scores file: it computes its own.
    expect((await loadReportData(dir)).scoresSource).toMatch(/computed/);
  });

  it('draws phases as bands and lists indicators when a status file is present', async () => {
    const status = statusFile([statusRow('KEN', 1990, 2), statusRow('KEN', 1991, 3), statusRow('KEN', 1992, null)]);
    const dir = writeFixtureRun({ ...sampleRun(), extra: { 'status.json': JSON.stringify(status) } });
    const data = await loadReportData(dir, { period: 1 });
    expect(data.statusSource).toBe('status.json');
    const ken = data.countries.find((c) => c.country === 'KEN')!;
    expect(ken.phases.map((p) => [p.start, p.phase])).toEqual([
      [1990, 2],
      [1991, 3],
      [1992, null],
    ]);
    expect(ken.latest).toMatchObject({ key: 'KEN|1992', phase: null, possible: [3, 4] });
    const html = await renderReportHtml(data);
    // Three bands, each a link to its sentences, with its rule and reason on hover.
    expect(html).toContain('<title>Kenya 1992: phase 3/4 (one of two phases), rule P3-tactical: phase reason for 1992</title>');
    expect(html).toContain('xlink:href="#browse?country=KEN&amp;period=1991&amp;relevant=yes&amp;role=self"');
    expect(html.match(/<title>Kenya 199\d: phase/g)).toHaveLength(3);
    expect(html).toContain('<span class="ind ind-true" title="all of iccpr, cat &lt;ratified&gt;">true</span>');
    const md = renderReportMarkdown(data);
    expect(md).toMatch(/\| Kenya \(KEN\) \|.*\| 1992-12-31 \| 3 or 4 \| true \| unknown \| false \| false \|/);
  });

  it('names the file and line of a corrupt utterance line', async () => {
    const dir = writeFixtureRun(sampleRun());
    const file = join(dir, 'utterances.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(2, 0, '{"id": "broken"');
    writeFileSync(file, lines.join('\n'));
    await expect(loadReportData(dir)).rejects.toThrow(`${file}:3: not valid JSON`);
  });

  it('names the line of an utterance with an unknown label', async () => {
    const dir = writeFixtureRun(sampleRun());
    const file = join(dir, 'utterances.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8') + JSON.stringify({ id: 'x', doc: 'x', n: 0, text: 't', label: 'denail' }) + '\n');
    await expect(loadReportData(dir)).rejects.toThrow(/utterances\.jsonl:27: unknown label "denail"/);
  });
});

describe('spiral report', () => {
  it('writes report.html and report.md into the run folder', async () => {
    const dir = writeFixtureRun(sampleRun());
    const result = await runCli(['report', dir]);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# spiral report/);
    expect(result.stderr).toContain('2 countries, 26 of 26 utterances to browse, 10 flagged');
  });

  it('writes to --out, holds every utterance up to --max-browse, then the relevant and flagged ones', async () => {
    const dir = writeFixtureRun(sampleRun());
    const out = join(dir, 'elsewhere');
    const result = await runCli(['report', dir, '--out', out, '--max-browse', '3', '--period', '1']);
    expect(result.code).toBe(0);
    const data = browseDataOf(readFileSync(join(out, 'report.html'), 'utf8'));
    expect(data.total).toBe(26);
    // The first three (one opening sentence among them), then every relevant or flagged one: the other
    // nine opening and closing sentences are neither.
    expect(data.held).toBe(26 - 9);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect((await runCli(['report', dir, '--period', '0'])).code).toBe(2);
  });

  it('draws the world-time chart from --world, and says where to put one without it', async () => {
    const dir = writeFixtureRun(sampleRun());
    const world = join(dir, 'world.csv');
    writeFileSync(world, 'year,phase,n_countries\n1990,2,3\n1990,4,1\n1991,3,4\n');
    expect((await runCli(['report', dir, '--world', world])).code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="world"');
    expect(html).toContain('<title>1990: 3 countries in phase 2</title>');
    expect((await runCli(['report', dir])).code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('World time (countries per phase by year): no input.');
    writeFileSync(world, 'year,phase\n1990,2\n');
    const bad = await runCli(['report', dir, '--world', world]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('world.csv:2: needs year (integer), phase and n_countries (number)');
  });

  it("draws the world's median self-referential net score and the run's countries' lines under the world-time chart", async () => {
    const dir = writeFixtureRun(sampleRun());
    const world = join(dir, 'world-time.csv');
    writeFileSync(world, 'year,phase,n_countries\n1990,2,3\n1990,4,1\n1991,3,4\n');
    writeFileSync(
      join(dir, 'world-net.csv'),
      'year,n_countries,n_with_evidence,median_net,median_net_low,median_net_high\n1990,4,3,0.6,0.4,0.8\n1991,4,0,,,\n',
    );
    const row = (year: number, net: number) => ({ ...statusRow('KEN', year, 4), insufficient_evidence: false, self: { ...selfEvidenceFixture(year), net } });
    mkdirSync(join(dir, 'status'), { recursive: true });
    writeFileSync(join(dir, 'status', 'country-year.json'), JSON.stringify(statusFile([row(1990, 0.5), row(1991, -0.25)])));
    const data = await loadReportData(dir, { period: 5 });
    expect(data.world?.net).toEqual([{ year: 1990, median_net: 0.6, low: 0.4, high: 0.8 }]);
    expect(data.world?.lines).toEqual([
      { country: 'KEN', year: 1990, net: 0.5 },
      { country: 'KEN', year: 1991, net: -0.25 },
    ]);
    expect((await runCli(['report', dir])).code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<title>1990: world median +0.60</title>');
    expect(html).toContain('<title>KEN 1991: -0.25</title>');
    expect(html).toContain("the run's countries' own");
  });

  it('fails with exit 2 and a message for a folder that is not a run', async () => {
    const result = await runCli(['report', '/nonexistent/run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run folder not found: /nonexistent/run');
    expect(result.stderr).not.toContain('    at ');
  });
});
