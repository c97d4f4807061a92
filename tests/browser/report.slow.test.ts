/// <reference lib="dom" />
// The HTML report in real headless Chromium, opened from disk: no network
// request, hostile statements inert, its own script and style allowed by its
// CSP; chart points that open their sentences, key words in context, a filtered
// CSV download; and the book countries' report by period, measured and
// photographed (test-artifacts/report-*.png).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/lexicons.js';
import { HOSTILE_TEXT, sampleRun, statusFile, statusRow, writeFixtureRun } from '../report/run-fixture.js';
import { artifact, browserTestsEnabled, useBrowserContext } from './setup.js';

const BOOK = join(ROOT, '..', 'shared', 'data', 'ungdc', 'book-countries');

async function openReport(page: Page, html: string, hash = ''): Promise<number> {
  const started = Date.now();
  await page.goto(pathToFileURL(html).href + hash);
  await page.waitForSelector('body[data-browse-ready]', { timeout: 60_000 });
  return Date.now() - started;
}

const visibleIds = (page: Page) => page.locator('#b-list article.utt').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
/**
 * After a chart link is followed: the hash is set at once, the browse filters on the
 * hashchange event after it; wait for both (the country filter is set in the same task
 * as the list), or a loaded machine reads the filters before they change.
 */
const waitForBrowse = (page: Page, hash: string) =>
  page.waitForFunction(
    (h) => location.hash === h && (document.getElementById('b-country') as HTMLSelectElement).value === new URLSearchParams(h.split('?')[1]).get('country'),
    hash,
  );

describe.skipIf(!browserTestsEnabled)('HTML report in Chromium', () => {
  const context = useBrowserContext();

  async function fixtureReport(): Promise<string> {
    const status = statusFile([
      statusRow('KEN', 1990, 2),
      statusRow('KEN', 1991, 3),
      statusRow('KEN', 1992, null),
      statusRow('CHL', 1988, 1),
      statusRow('CHL', 1990, 4),
    ]);
    const dir = writeFixtureRun({ ...sampleRun(), extra: { 'status.json': JSON.stringify(status) } });
    const { html } = await writeReport(dir, dir, { displayName: 'runs/sample', period: 1 });
    return html;
  }

  it('opens from disk without network, keeps hostile text inert, colours evidence and filters', async () => {
    const html = await fixtureReport();
    const page = await context().newPage();
    const requests: string[] = [];
    const messages: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => messages.push(m.text()));
    page.on('pageerror', (e) => messages.push(e.message));
    await openReport(page, html);

    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('figure[data-chart="trajectory"] svg').count()).toBe(2);
    expect(await page.locator('figure[data-chart="comparison"] svg').count()).toBe(1);
    // Every utterance is there to browse (26), shown a page at a time.
    expect(await page.textContent('#b-count')).toBe('26 utterances');
    const hostile = page.locator('article.utt', { hasText: 'window.__pwned=1' });
    expect(await hostile.locator('p.text').textContent()).toBe(HOSTILE_TEXT);
    expect(await hostile.locator('mark').getAttribute('title')).toBe('denial.reject<b> (denial, negated or dropped)');

    // Evidence coloured by category: a denial mark and an acknowledgment mark differ.
    const colour = (cls: string) => page.evaluate((c) => getComputedStyle(document.querySelector(`mark.${c}`)!).borderBottomColor, cls);
    expect(await colour('ev-denial')).toBe('rgb(179, 38, 30)');
    expect(await colour('ev-norm_acknowledgment')).toBe('rgb(24, 128, 56)');

    await page.selectOption('#b-country', 'KEN');
    expect(await page.textContent('#b-count')).toBe('16 utterances');
    await page.selectOption('#b-flag', 'negated');
    expect(await visibleIds(page)).toEqual(['KEN_1992.txt:5']);
    await page.selectOption('#b-flag', '');
    await page.selectOption('#b-rule', 'ack.universal');
    expect(await page.textContent('#b-count')).toBe('3 utterances');
    await page.selectOption('#b-period', '1991');
    expect(await visibleIds(page)).toEqual(['KEN_1991.txt:2']);
    // The view is in the address, so it can be linked to.
    expect(new URL(page.url()).hash).toBe('#browse?country=KEN&period=1991&rule=ack.universal');
    await page.click('#b-reset');

    expect(messages.filter((m) => /Content Security Policy|Refused|Error/i.test(m))).toEqual([]);
    await page.screenshot({ path: artifact('report-fixture.png'), fullPage: true });
  }, 120_000);

  it("links a country's chart points to their sentences", async () => {
    const html = await fixtureReport();
    const page = await context().newPage();
    await openReport(page, html);
    // Kenya's denial point for 1992 (the move panels come after the net panel).
    const link = page.locator('figure[data-country="KEN"] a[*|href="#browse?country=KEN&period=1992&label=denial&role=self"]');
    expect(await link.count()).toBe(1);
    await link.locator('path').click();
    await waitForBrowse(page, '#browse?country=KEN&period=1992&label=denial&role=self');
    expect(await page.inputValue('#b-country')).toBe('KEN');
    expect(await page.inputValue('#b-label')).toBe('denial');
    expect(await visibleIds(page)).toEqual(['KEN_1992.txt:1', 'KEN_1992.txt:5']);
    // The net point of a unit opens all of its sentences.
    await page.locator('figure[data-country="CHL"] a[*|href="#browse?country=CHL&period=1988&relevant=yes&role=self"] path').first().click();
    await waitForBrowse(page, '#browse?country=CHL&period=1988&relevant=yes&role=self');
    expect(await page.textContent('#b-count')).toBe('3 utterances');
    await page.screenshot({ path: artifact('report-fixture-linked.png') });
  }, 120_000);

  it('finds a phrase in context and downloads the filtered view as CSV', async () => {
    const html = await fixtureReport();
    const page = await context().newPage();
    await openReport(page, html);
    await page.fill('#b-search', 'deny these');
    await page.press('#b-search', 'Enter');
    await page.waitForSelector('#b-kwic:not([hidden])');
    expect(await page.locator('#b-kwic td.kw').allTextContents()).toEqual(Array(5).fill('deny these'));
    expect(await page.locator('#b-kwic td.post').first().textContent()).toBe('allegations entirely.');
    expect(await page.textContent('#b-count')).toBe('5 matches in 5 utterances');

    await page.click('#b-reset');
    await page.selectOption('#b-country', 'CHL');
    await page.selectOption('#b-label', 'denial');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-csv')]);
    expect(download.suggestedFilename()).toBe('spiral-CHL-denial.csv');
    const file = join(mkdtempSync(join(tmpdir(), 'spiral-download-')), 'view.csv');
    await download.saveAs(file);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id)).toEqual(['CHL_1988.txt:1', 'CHL_1990.txt:1']);
    expect(rows[0]).toMatchObject({
      country: 'CHL',
      year: '1988',
      label: 'denial',
      rules: 'denial.deny-allegations',
      review_flags: 'low_confidence',
      text: 'We deny these allegations entirely.',
    });
    await page.screenshot({ path: artifact('report-fixture-filtered.png') });
  }, 120_000);
});

describe.skipIf(!browserTestsEnabled || !existsSync(BOOK))('the book countries’ report by period, in Chromium', () => {
  const context = useBrowserContext();

  it('loads 85,000 utterances, links Kenya’s chart to its sentences and finds "internal affairs"', async () => {
    const run = join(mkdtempSync(join(tmpdir(), 'spiral-book-report-')), 'book');
    expect((await runCli(['classify', BOOK, '--out', run, '-q'])).code).toBe(0);
    expect((await runCli(['status', run, '--facts', join(ROOT, 'corpus', 'facts'), '--by', 'country-period'])).code).toBe(0);
    const started = Date.now();
    const { html, data } = await writeReport(run, run, { displayName: 'runs/book' });
    const writeMs = Date.now() - started;
    expect(data.browse.held).toBe(data.browse.total);
    expect(data.browse.total).toBeGreaterThan(80_000);
    const bytes = statSync(html).size;

    const page = await context().newPage();
    const loadMs = await openReport(page, html);
    console.log(
      `book-country report: ${(bytes / 1e6).toFixed(1)} MB, ${data.browse.total} utterances, written in ${writeMs} ms, ready in Chromium in ${loadMs} ms`,
    );
    expect(bytes).toBeLessThan(20e6);

    await page.evaluate(() => document.getElementById('comparison')!.scrollIntoView());
    await page.screenshot({ path: artifact('report-book-comparison.png') });
    await page.evaluate(() => document.getElementById('country-KEN')!.scrollIntoView());
    await page.screenshot({ path: artifact('report-book-kenya.png') });

    // Kenya's net point for 1990–1994 opens its relevant sentences.
    await page.locator('figure[data-country="KEN"] a[*|href="#browse?country=KEN&period=1990-1994&relevant=yes&role=self"] path').first().click();
    await waitForBrowse(page, '#browse?country=KEN&period=1990-1994&relevant=yes&role=self');
    const ids = await visibleIds(page);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => /^KEN_\d+_199[0-4]\.txt:\d+$/.test(id!))).toBe(true);
    expect(await page.textContent('#b-count')).toBe(
      `${data.countries.find((c) => c.country === 'KEN')!.points.find((p) => p.unit.label === '1990-1994')!.n_relevant} utterances`,
    );
    await page.screenshot({ path: artifact('report-book-kenya-sentences.png') });

    await page.click('#b-reset');
    await page.fill('#b-search', 'internal affairs');
    await page.press('#b-search', 'Enter');
    await page.waitForSelector('#b-kwic:not([hidden])');
    const keywords = await page.locator('#b-kwic td.kw').allTextContents();
    expect(keywords.length).toBeGreaterThan(50);
    expect(keywords.every((k) => k.toLowerCase().replace(/\s+/g, ' ') === 'internal affairs')).toBe(true);
    // The page searches with the functions `spiral kwic` uses: the same matches.
    const cli = await runCli(['kwic', run, 'internal affairs', '--csv']);
    const matches = (parse(cli.stdout, { columns: true }) as unknown[]).length;
    expect(await page.textContent('#b-count')).toMatch(new RegExp(`^${matches} matches in `));
    await page.screenshot({ path: artifact('report-book-kwic.png') });
  }, 600_000);
});
