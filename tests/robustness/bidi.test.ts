// Issue 16, "also": right-to-left override characters in a statement or a file
// name were written raw into report.html (visual spoofing: `gnp.exe` shown for
// `exe.png`, a sentence that reads the other way round, an override spilling
// into the text around it). Every bidi embedding, override and isolate
// character is shown as a visible code in report.html and report.md.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, markdownCode } from '../../src/report/escape.js';
import { runCli } from '../helpers/cli.js';
import { writeFixtureRun } from '../report/run-fixture.js';

const RLO = '\u202E';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

describe('bidi control characters in the report', () => {
  it('are shown as codes, never raw, in report.html and report.md (statements, evidence, file names, reasons)', async () => {
    const text = `We ${RLO}tcejer\u202C the \u2067allegations\u2069 of torture.`;
    const dir = writeFixtureRun({
      utterances: [{ doc: `KEN_${RLO}txt.exe`, n: 0, text, label: 'denial', flags: ['conflict'], evidence: [{ rule: 'denial.reject', start: 3, end: 11 }] }],
      documents: [
        { id: `KEN_${RLO}txt.exe`, path: `KEN_${RLO}txt.exe`, status: 'ok', meta: {}, utterances: 1 },
        { id: `photo_${RLO}gnp.exe`, path: `photo_${RLO}gnp.exe`, status: 'skipped', reason: `unsupported format (.exe${RLO})`, meta: {}, utterances: 0 },
      ],
    });
    const run = await runCli(['report', dir]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    // The statements reach the page as embedded browse data (deflated JSON); the page shows that text as it is.
    const packed = /<script[^>]*id="browse-data"[^>]*>([^<]*)<\/script>/.exec(html)![1].trim();
    const data = JSON.parse(inflateSync(Buffer.from(packed, 'base64')).toString('utf8')) as {
      u: { text: string[]; evidence: number[][] };
      docs: { id: string[] };
    };
    for (const [name, out] of [
      ['report.html', html],
      ['report.md', readFileSync(path.join(dir, 'report.md'), 'utf8').replace(/\\([[\]])/g, '$1')], // Markdown escapes the brackets
      ['the browse data', JSON.stringify(data)],
    ]) {
      expect(CONTROLS.test(out), `${name} holds a raw bidi control`).toBe(false);
    }
    expect(html).toContain('photo_[U+202E]gnp.exe');
    expect(data.docs.id).toContain('KEN_[U+202E]txt.exe');
    expect(data.u.text[0]).toBe('We [U+202E]tcejer[U+202C] the [U+2067]allegations[U+2069] of torture.');
    // The evidence span moved with the text: it still covers the override, the word and its end.
    const [start, end] = data.u.evidence[0];
    expect(data.u.text[0].slice(start, end)).toBe('[U+202E]tcejer[U+202C]');
  });

  it('every escaper shows all nine of them and leaves other text alone', () => {
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    const shown = '[U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]';
    expect(escapeHtml(all)).toBe(shown);
    expect(escapeMarkdown(all)).toBe(shown.replace(/[[\]]/g, (c) => `\\${c}`));
    expect(markdownCode(all)).toBe(`\`${shown}\``);
    expect(escapeHtml('مرحبا שלום <b>')).toBe('مرحبا שלום &lt;b&gt;');
  });
});
