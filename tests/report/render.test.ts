import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, markdownCode } from '../../src/report/escape.js';
import { FlaggedCollector } from '../../src/report/flagged.js';
import { highlightHtml, highlightPieces } from '../../src/report/highlight.js';
import { renderReportHtml, renderReportMarkdown, loadReportData } from '../../src/report/index.js';
import { readUtteranceLine, type EvidenceLine } from '../../src/run/lines.js';
import { browseDataOf, HOSTILE_TEXT, sampleRun, utteranceRecord, writeFixtureRun } from './run-fixture.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function ev(rule: string, start: number, end: number, extra: Partial<EvidenceLine> = {}): EvidenceLine {
  return { rule, category: 'denial', start, end, text: '', weight: 1, negated: false, ...extra };
}

describe('escaping', () => {
  it('escapes markup and both quote kinds for text and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('escapes Markdown syntax and folds line breaks so a statement cannot open a block', () => {
    const md = escapeMarkdown('# Title\n| a | b |\n<script>x</script> *bold* [link](http://x)');
    expect(md).not.toContain('\n');
    expect(md).not.toMatch(/<script/);
    expect(md).toContain('\\|');
    expect(md).toContain('\\*bold\\*');
    expect(md).toContain('\\[link\\](http://x)');
    expect(escapeMarkdown('a\n# b\n- c')).toBe('a \\# b - c');
  });

  it('fences code spans longer than any backtick run inside', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
  });
});

describe('highlighting', () => {
  it('cuts overlapping spans into flat pieces with the evidence covering each', () => {
    const pieces = highlightPieces('abcdefgh', [ev('r1', 1, 5), ev('r2', 3, 7)]);
    expect(pieces.map((p) => [p.text, p.evidence.map((e) => e.rule)])).toEqual([
      ['a', []],
      ['bc', ['r1']],
      ['de', ['r1', 'r2']],
      ['fg', ['r2']],
      ['h', []],
    ]);
  });

  it('ignores spans outside the text or empty', () => {
    const pieces = highlightPieces('abc', [ev('bad', 2, 9), ev('empty', 1, 1), ev('neg', -1, 2)]);
    expect(pieces).toEqual([{ text: 'abc', evidence: [] }]);
  });

  it('puts rule ids in an escaped title and escapes the marked text', () => {
    const html = highlightHtml('say <b>"no"</b>', [ev('rule"<x>', 4, 15)]);
    expect(html).toBe('say <mark title="rule&quot;&lt;x&gt; (denial, weight 1)">&lt;b&gt;&quot;no&quot;&lt;/b&gt;</mark>');
  });

  it('marks negated evidence as weak', () => {
    expect(highlightHtml('not true', [ev('r', 4, 8, { negated: true })])).toContain('<mark class="weak" title="r (denial, weight 1, negated)">true</mark>');
  });
});

describe('flagged selection', () => {
  const u = (n: number, flags: string[], country = 'KEN') =>
    readUtteranceLine(utteranceRecord({ doc: `d${n % 3}`, n, text: `t${n}`, country, flags: flags as never }));

  it('keeps at most `cap` per flag and country and counts the rest', () => {
    const c = new FlaggedCollector(2);
    for (let n = 0; n < 5; n++) c.add(u(n, ['conflict']));
    c.add(u(10, ['negated']));
    c.add(u(11, ['conflict'], 'CHL'));
    c.add(u(12, []));
    const sel = c.finish();
    expect(sel.total).toBe(7);
    expect(sel.utterances).toHaveLength(4);
    expect(sel.byFlag).toEqual({ conflict: 6, negated: 1, low_confidence: 0, relevant_unmatched: 0 });
    expect(sel.groups).toEqual([
      { flag: 'conflict', country: 'CHL', total: 1, shown: 1 },
      { flag: 'conflict', country: 'KEN', total: 5, shown: 2 },
      { flag: 'negated', country: 'KEN', total: 1, shown: 1 },
    ]);
  });

  it('sorts shown utterances by country, year, document and position', () => {
    const c = new FlaggedCollector(10);
    c.add(u(4, ['conflict']));
    c.add(u(1, ['conflict']));
    c.add(u(2, ['conflict'], 'CHL'));
    expect(c.finish().utterances.map((x) => x.id)).toEqual(['d2:2', 'd1:1', 'd1:4']);
  });
});

describe('HTML report', () => {
  it('keeps hostile statements out of the markup: they travel as data, file names, reasons and rule ids escaped', async () => {
    const data = await loadReportData(writeFixtureRun(sampleRun()), { displayName: 'runs/<x>' });
    const html = await renderReportHtml(data);
    // The report's own script and its data block are the only script elements.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/octet-stream" id="browse-data">');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('__pwned');
    expect(html).toContain('bad&lt;script&gt;.pdf');
    expect(html).toContain('binary file: no text layer &lt;b&gt;found&lt;/b&gt;');
    expect(html).toContain('<code>runs/&lt;x&gt;</code>');
    const browse = browseDataOf(html);
    expect(browse.u.text).toContain(HOSTILE_TEXT);
    expect(browse.rules).toContain('denial.reject<b>');
  });

  it('contains no reference to any external resource', async () => {
    const html = await renderReportHtml(await loadReportData(writeFixtureRun(sampleRun())));
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).toContain('Content-Security-Policy');
  });

  it('draws a trajectory per country, the comparison, and filters for the browse view', async () => {
    const html = await renderReportHtml(await loadReportData(writeFixtureRun(sampleRun()), { period: 1 }));
    expect(html.match(/data-chart="trajectory"/g)).toHaveLength(2);
    expect(html).toContain('data-chart="comparison"');
    expect(html).toContain('data-country="CHL"');
    for (const f of ['country', 'period', 'relevant', 'label', 'target', 'rule', 'flag', 'role']) expect(html).toContain(`<select id="b-${f}">`);
    expect(html).toContain('id="b-search"');
    // Every point links to its sentences; move points to that move's.
    expect(html).toContain('xlink:href="#browse?country=KEN&amp;period=1991&amp;label=denial&amp;role=self"');
    expect(html).toContain('xlink:href="#browse?country=KEN&amp;period=1991&amp;relevant=yes&amp;role=self"');
    // Type is 12 px or more everywhere in the charts.
    const sizes = [...html.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it('holds every utterance, packed: codes for labels, rules and documents, evidence as numbers', async () => {
    const data = browseDataOf(await renderReportHtml(await loadReportData(writeFixtureRun(sampleRun()))));
    expect(data.total).toBe(26);
    expect(data.held).toBe(26);
    expect(data.u.text).toHaveLength(26);
    expect(data.period).toBe(5);
    expect(data.u.target).toBeNull();
    expect(data.docs.id).toContain('KEN_1990.txt');
    const i = data.u.text.indexOf('We deny these allegations entirely.');
    expect(data.labels[data.u.label[i]]).toBe('denial');
    expect(data.u.evidence[i]).toEqual([3, 7, data.rules.indexOf('denial.deny-allegations'), data.categories.indexOf('denial') * 2]);
  });

  it('reads targets when the utterances carry them, and counts relevant ones per country', async () => {
    const dir = writeFixtureRun(sampleRun());
    const file = join(dir, 'utterances.jsonl');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    writeFileSync(file, lines.map((u, n) => JSON.stringify({ ...u, target: u.label === 'none' ? 'na' : n % 2 ? 'self' : 'other' }) + '\n').join(''));
    const data = await loadReportData(dir);
    expect(data.countries.find((c) => c.country === 'KEN')!.targets).toMatchObject({ na: 0 });
    const browse = browseDataOf(await renderReportHtml(data));
    expect(browse.u.target).toHaveLength(26);
    expect(browse.u.target!.every((t) => t >= 0)).toBe(true);
  });

  it('is the same string for the same run', async () => {
    const dir = writeFixtureRun(sampleRun());
    const a = await renderReportHtml(await loadReportData(dir, { displayName: 'r' }));
    const b = await renderReportHtml(await loadReportData(dir, { displayName: 'r' }));
    expect(a).toBe(b);
  });
});

describe('Markdown report', () => {
  it('escapes statements and lists counts, problems and countries', async () => {
    const md = renderReportMarkdown(await loadReportData(writeFixtureRun(sampleRun()), { displayName: 'run' }));
    // Outside code spans (where markup is literal text) no markup survives.
    expect(md.replace(/`[^`]*`/g, '')).not.toMatch(/<script|<img|<b>/i);
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;');
    expect(md).toContain('| `bad<script>.pdf` | skipped | binary file: no text layer &lt;b&gt;found&lt;/b&gt; |');
    expect(md).toMatch(/\| Kenya \(KEN\) \| 1990–1994 \|/);
    expect(md).toContain('### conflict');
    expect(md).toContain('Torture is **not practised** here, **although some abuses occurred.**');
  });
});
