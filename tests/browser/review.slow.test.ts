/// <reference lib="dom" />
// The review page in real headless Chromium: three decisions by keyboard, a
// server killed with SIGKILL and restarted, decisions on disk and the page
// resuming at the fourth item; hostile statements stay inert text. On the
// sample corpus: the uncertainty queue in margin order, the codebook help
// panel, two annotators at once with the annotator on every decision, and
// their agreement.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { agreement } from '../../src/review/agreement.js';
import { parseReviewLog } from '../../src/review/log.js';
import { marginOfLine } from '../../src/review/queue.js';
import { compareUtterances, readUtteranceLine } from '../../src/run/lines.js';
import { runCli } from '../helpers/cli.js';
import { HOSTILE_TEXT, sampleRun, writeFixtureRun, type FixtureUtterance } from '../report/run-fixture.js';
import { artifact, browserTestsEnabled, REPO, startReviewCli, useBrowserContext, type CliServer } from './setup.js';

const STEP_TIMEOUT_MS = 20_000;

async function waitForItem(page: Page, index: number | 'done', done: number, total: number): Promise<string> {
  await page.waitForSelector(`body[data-index="${index}"]`, { timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction((text) => document.getElementById('progress')?.textContent === text, `${done} / ${total}`, { timeout: STEP_TIMEOUT_MS });
  return (await page.getAttribute('body', 'data-id')) ?? '';
}

const servers: CliServer[] = [];

afterAll(() => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});

function postDecision(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(new URL('/api/decisions', url), { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(JSON.stringify(body));
  });
}

describe('a review server killed mid-review', () => {
  it('loses no confirmed decision and leaves at most one partial last line', async () => {
    const utterances: FixtureUtterance[] = Array.from({ length: 120 }, (_, n) => ({
      doc: 'KEN_1990.txt',
      n,
      country: 'KEN',
      year: 1990,
      text: `sentence ${n} `.repeat(20),
      label: 'denial',
      flags: ['conflict'],
    }));
    const dir = writeFixtureRun({ utterances });
    const server = await startReviewCli(dir);
    servers.push(server);
    const ids = utterances.map((u) => `${u.doc}:${u.n}`);
    const confirmed: string[] = [];
    // Decisions go out in waves of concurrent requests; the server is killed while a wave is in flight.
    const WAVE = 8;
    const WAVES_BEFORE_KILL = 5;
    for (let wave = 0; wave * WAVE < ids.length; wave++) {
      const batch = ids.slice(wave * WAVE, (wave + 1) * WAVE);
      const sent = batch.map((id) =>
        postDecision(server.url, { id, decision: 'relabel', label: 'none', note: 'n'.repeat(1500) }).then(
          (status) => void (status === 200 && confirmed.push(id)),
          () => undefined, // connection cut by the kill: not confirmed
        ),
      );
      if (wave === WAVES_BEFORE_KILL) {
        server.child.kill('SIGKILL');
        await Promise.all(sent);
        break;
      }
      await Promise.all(sent);
    }
    await server.exited;
    expect(confirmed.length).toBeGreaterThanOrEqual(WAVE * WAVES_BEFORE_KILL);
    const parsed = parseReviewLog(readFileSync(join(dir, 'reviews.jsonl')), 'reviews.jsonl');
    const onDisk = new Set(parsed.records.map((r) => r.id));
    for (const id of confirmed) expect(onDisk.has(id)).toBe(true);
    expect(parsed.warnings.length).toBeLessThanOrEqual(1);

    // A restart resumes at the first item whose decision did not reach the disk.
    const firstMissing = ids.findIndex((id) => !onDisk.has(id));
    const again = await startReviewCli(dir);
    servers.push(again);
    const state = await fetch(new URL('/api/state', again.url)).then((r) => r.json());
    expect(state).toMatchObject({ total: 120, done: onDisk.size, position: firstMissing });
    again.child.kill('SIGINT');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});

describe.skipIf(!browserTestsEnabled)('review page in Chromium', () => {
  const context = useBrowserContext();

  it('keeps three keyboard decisions across a killed server and resumes at the fourth', async () => {
    const dir = writeFixtureRun(sampleRun());
    const first = await startReviewCli(dir);
    servers.push(first);
    const page = await context().newPage();
    const offsite: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(first.url) && !r.url().startsWith('http://127.0.0.1:')) offsite.push(r.url());
    });
    await page.goto(first.url);
    const ids: string[] = [];
    ids.push(await waitForItem(page, 0, 0, 10));
    await page.keyboard.press('Enter'); // accept
    ids.push(await waitForItem(page, 1, 1, 10));
    await page.keyboard.press('2'); // relabel: rhetorical_action
    ids.push(await waitForItem(page, 2, 2, 10));
    await page.keyboard.press('n'); // note
    await page.keyboard.type('check <b>context</b>');
    await page.keyboard.press('Enter'); // leaves the note field
    await page.keyboard.press('s'); // skip, with the note
    await waitForItem(page, 3, 3, 10);
    expect(await page.textContent('#status')).toMatch(/^saved: skip/);

    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });

    const records = parseReviewLog(readFileSync(join(dir, 'reviews.jsonl')), 'reviews.jsonl').records;
    expect(records.map((r) => [r.id, r.decision, r.label, r.note])).toEqual([
      [ids[0], 'accept', records[0].proposed_label, undefined],
      [ids[1], 'relabel', 'rhetorical_action', undefined],
      [ids[2], 'skip', null, 'check <b>context</b>'],
    ]);

    const second = await startReviewCli(dir);
    servers.push(second);
    await page.goto(second.url);
    const resumedAt = await waitForItem(page, 3, 3, 10);
    expect(ids).not.toContain(resumedAt);
    expect(offsite).toEqual([]);

    // Back to the stopped server's last item: its decision and note are shown.
    await page.keyboard.press('ArrowLeft');
    await waitForItem(page, 2, 3, 10);
    expect(await page.textContent('#previous')).toBe('decided: skip · note: check <b>context</b>');

    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('shows hostile statements as inert text', async () => {
    const dir = writeFixtureRun(sampleRun());
    const server = await startReviewCli(dir);
    servers.push(server);
    const page = await context().newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url);
    await waitForItem(page, 0, 0, 10);
    // The hostile statement is the last of the queue (KEN 1992, n 5).
    for (let i = 1; i <= 9; i++) {
      await page.keyboard.press('ArrowRight');
      await waitForItem(page, i, 0, 10);
    }
    expect(await page.getAttribute('body', 'data-id')).toBe('KEN_1992.txt:5');
    expect(await page.textContent('#text')).toBe(HOSTILE_TEXT);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#text script').count()).toBe(0);
    expect(await page.getAttribute('#text mark', 'title')).toBe('denial.reject<b> (denial, weight 1, negated)');
    // The page's own style and script ran under its CSP.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#text mark')!).textDecorationLine)).toBe('line-through');
    expect(violations).toEqual([]);
    await page.screenshot({ path: artifact('review-page.png'), fullPage: true });
    server.child.kill('SIGINT');
    await server.exited;
  }, 120_000);
});

describe.skipIf(!browserTestsEnabled)('review queues, codebook and annotators in Chromium (the sample corpus)', () => {
  const context = useBrowserContext();
  const SIZE = 12;
  let run = '';

  beforeAll(async () => {
    run = join(mkdtempSync(join(tmpdir(), 'spiral-review-sample-')), 'run');
    const r = await runCli(['classify', join(REPO, 'corpus', 'sample'), '--out', run, '-q', '--workers', '1']);
    expect(r.code).toBe(0);
  }, 120_000);

  /** The uncertainty queue computed here from utterances.jsonl and the bundled decision layer: margin, then position. */
  function expectedQueue(): Array<{ id: string; margin: number }> {
    const layer = loadLexiconSet(join(REPO, 'lexicons')).model.moves;
    return readFileSync(join(run, 'utterances.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const raw = JSON.parse(l) as unknown;
        const u = readUtteranceLine(raw);
        return { u, margin: marginOfLine(u, raw, layer)! };
      })
      .sort((a, b) => a.margin - b.margin || compareUtterances(a.u, b.u))
      .slice(0, SIZE)
      .map(({ u, margin }) => ({ id: u.id, margin }));
  }

  async function browse(page: Page, total: number): Promise<Array<{ id: string; margin: number }>> {
    const seen: Array<{ id: string; margin: number }> = [];
    for (let i = 0; i < total; i++) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      const id = await waitForItem(page, i, 0, total);
      seen.push({ id, margin: Number(await page.getAttribute('body', 'data-margin')) });
    }
    return seen;
  }

  it('orders the uncertainty queue by confidence margin, lowest first; the help panel shows the codebook', async () => {
    const server = await startReviewCli(run, ['--queue', 'uncertainty', '--size', String(SIZE), '--annotator', 'ana']);
    servers.push(server);
    const page = await context().newPage();
    await page.goto(server.url);
    await waitForItem(page, 0, 0, SIZE);
    expect(await page.textContent('#who')).toBe('annotator: ana · queue: uncertainty');
    expect(await page.textContent('#margin')).toMatch(/^ · margin 0\.\d{3}$/);
    const seen = await browse(page, SIZE);
    const margins = seen.map((s) => s.margin);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const expected = expectedQueue();
    expect(seen.map((s) => s.id)).toEqual(expected.map((e) => e.id));
    for (const [i, s] of seen.entries()) expect(s.margin).toBeCloseTo(expected[i].margin, 12);
    await page.screenshot({ path: artifact('review-uncertainty.png'), fullPage: true });

    // The codebook, one key away.
    expect(await page.isVisible('#help')).toBe(false);
    await page.keyboard.press('?');
    await page.waitForSelector('#help', { state: 'visible', timeout: STEP_TIMEOUT_MS });
    const help = (await page.textContent('#help')) ?? '';
    expect(help).toContain('Codebook: the labels');
    for (const label of ['denial', 'rhetorical_action', 'argumentative_concession', 'norm_acknowledgment', 'none', 'self', 'other', 'general'])
      expect(help).toContain(label);
    expect(help).toContain('Contests the validity of international human-rights norms');
    expect(help).toContain("The speaking government's own State");
    await page.screenshot({ path: artifact('review-codebook.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#help', { state: 'hidden', timeout: STEP_TIMEOUT_MS });
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('records the annotator (and queue, margin, target) on each decision; two annotators at once, then their kappa', async () => {
    const ana = await startReviewCli(run, ['--queue', 'uncertainty', '--size', String(SIZE), '--annotator', 'ana']);
    const ben = await startReviewCli(run, ['--queue', 'uncertainty', '--size', String(SIZE), '--annotator', 'ben']);
    servers.push(ana, ben);
    // Keys per item: Enter accepts; 1–5 relabel; 6–8 set the target first.
    const plans: Record<string, string[][]> = {
      ana: [['Enter'], ['7', '2'], ['5'], ['6', '1'], ['8', '4'], ['Enter'], ['3'], ['5']],
      ben: [['Enter'], ['6', '2'], ['4'], ['6', '1'], ['5'], ['7', '3'], ['3'], ['5']],
    };
    for (const [name, server] of [
      ['ana', ana],
      ['ben', ben],
    ] as const) {
      const page = await context().newPage();
      await page.goto(server.url);
      for (const [i, keys] of plans[name].entries()) {
        await waitForItem(page, i, i, SIZE);
        for (const k of keys) await page.keyboard.press(k);
      }
      await waitForItem(page, plans[name].length, plans[name].length, SIZE);
      if (name === 'ben') await page.screenshot({ path: artifact('review-annotator.png'), fullPage: true });
      await page.close();
    }
    ana.child.kill('SIGINT');
    ben.child.kill('SIGINT');
    expect(await ana.exited).toEqual({ code: 0, signal: null });
    expect(await ben.exited).toEqual({ code: 0, signal: null });

    const records = (name: string) => parseReviewLog(readFileSync(join(run, `reviews.${name}.jsonl`)), name).records;
    const queue = expectedQueue();
    for (const name of ['ana', 'ben']) {
      const rs = records(name);
      expect(rs).toHaveLength(8);
      for (const [i, r] of rs.entries()) {
        expect(r).toMatchObject({ id: queue[i].id, annotator: name, sampled_by: 'uncertainty' });
        expect(r.margin).toBeCloseTo(queue[i].margin, 12);
      }
    }
    expect(records('ana')[1]).toMatchObject({ decision: expect.stringMatching(/accept|relabel/), label: 'rhetorical_action', target: 'other' });
    expect(records('ana')[2]).toMatchObject({ label: 'none', target: 'na' });
    expect(records('ben')[1]).toMatchObject({ label: 'rhetorical_action', target: 'self' });

    const cli = await runCli(['review', 'agreement', run]);
    expect(cli.code).toBe(0);
    const report = agreement(records('ana'), records('ben'), ['ana', 'ben']);
    expect(report.labels.items).toBe(8);
    expect(cli.stdout).toContain(`Cohen's kappa ${report.labels.kappa!.toFixed(3)}`);
    writeFileSync(artifact('review-agreement.txt'), cli.stdout);
  }, 180_000);
});
