/// <reference lib="dom" />
// The HTML report in real headless Chromium, opened from disk: no network
// request, hostile statements inert, its own script (the filters) and style
// allowed by its CSP.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { HOSTILE_TEXT, sampleRun, statusFile, statusRow, writeFixtureRun } from '../report/run-fixture.js';
import { artifact, browserTestsEnabled, useBrowserContext } from './setup.js';

describe.skipIf(!browserTestsEnabled)('HTML report in Chromium', () => {
  const context = useBrowserContext();

  it('opens from disk without network, keeps hostile text inert and filters by country, label and flag', async () => {
    const status = statusFile([
      statusRow('KEN', 1990, 2),
      statusRow('KEN', 1991, 3),
      statusRow('KEN', 1992, null),
      statusRow('CHL', 1988, 1),
      statusRow('CHL', 1990, 4),
    ]);
    const dir = writeFixtureRun({ ...sampleRun(), extra: { 'status.json': JSON.stringify(status) } });
    const { html } = await writeReport(dir, dir, { displayName: 'runs/sample' });
    const page = await context().newPage();
    const requests: string[] = [];
    const messages: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => messages.push(m.text()));
    const url = pathToFileURL(html).href;
    await page.goto(url);

    expect(requests).toEqual([url]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await page.locator('rect.phase').count()).toBe(5);
    const hostile = page.locator('article.utt', { hasText: 'window.__pwned=1' });
    expect(await hostile.locator('p.text').textContent()).toBe(HOSTILE_TEXT);
    expect(await hostile.locator('mark').getAttribute('title')).toBe('denial.reject<b> (denial, weight 1, negated)');

    // The filter script runs (allowed by hash) and narrows the list.
    const visible = () => page.locator('article.utt:visible').count();
    expect(await visible()).toBe(10);
    await page.selectOption('#f-country', 'KEN');
    expect(await visible()).toBe(6);
    await page.selectOption('#f-flag', 'negated');
    expect(await visible()).toBe(1);
    expect(await page.textContent('#f-count')).toBe('1');
    await page.selectOption('#f-flag', '');
    await page.selectOption('#f-label', 'argumentative_concession');
    expect(await visible()).toBe(3);
    await page.selectOption('#f-country', '');
    await page.selectOption('#f-label', '');

    // The inline style applies too.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('mark')!).backgroundColor)).toBe('rgb(253, 230, 138)');
    expect(messages.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
    await page.screenshot({ path: artifact('report.png'), fullPage: true });
    expect(join(dir, 'report.html')).toBe(html);
  }, 120_000);
});
