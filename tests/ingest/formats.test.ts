import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/ingest/formats/markdown.js';
import { htmlToText } from '../../src/ingest/formats/html.js';
import { makeDocx, makeImageOnlyPdf, makePdf } from './binaries.js';
import { cp1252, ingestOne, onlyDoc, onlyRecord, tempDir, writeFiles } from './fixtures.js';

describe('txt', () => {
  it('keeps the decoded text exactly, with its line endings', async () => {
    const dir = await tempDir();
    const text = 'First line.\rSecond line.\r\nThird line.\nFourth.';
    await writeFiles(dir, { 'a.txt': text });
    const doc = onlyDoc(await ingestOne(dir, 'a.txt'));
    expect(doc).toMatchObject({ id: 'a.txt', path: 'a.txt', format: 'txt', encoding: 'utf-8', text, bytes: Buffer.byteLength(text) });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('markdown front matter', () => {
  it('reads metadata and keeps the body after the front matter as the text', async () => {
    const dir = await tempDir();
    const body = '# Statement\n\nWe welcome the Special Rapporteur.\n';
    await writeFiles(dir, { 'a.md': `---\ncountry: Kenya\ndate: 1994-03-02\nvenue: parliament\nspeaker: The Minister\n---\n${body}` });
    const doc = onlyDoc(await ingestOne(dir, 'a.md'));
    expect(doc.text).toBe(body);
    expect(doc.meta).toEqual({ country: 'KEN', date: '1994-03-02', year: 1994, speaker: 'The Minister', venue: 'parliament', audience: 'domestic' });
    expect(doc.metaSources).toEqual({
      country: 'front_matter',
      date: 'front_matter',
      year: 'front_matter',
      speaker: 'front_matter',
      venue: 'front_matter',
      audience: 'implied',
    });
  });

  it('splits front matter with CRLF and CR line endings', () => {
    expect(splitFrontMatter('---\r\ncountry: KEN\r\n---\r\nBody.\r\n')).toEqual({ yaml: 'country: KEN\r\n', body: 'Body.\r\n', warnings: [] });
    expect(splitFrontMatter('---\rcountry: KEN\r...\rBody.')).toEqual({ yaml: 'country: KEN\r', body: 'Body.', warnings: [] });
    expect(splitFrontMatter('No front matter.\n---\n')).toEqual({ body: 'No front matter.\n---\n', warnings: [] });
  });

  it('warns about front matter that is not YAML and still reads the body', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'bad.md': '---\ncountry: [Kenya\nyear: 1990\n---\nThe body.\n' });
    const doc = onlyDoc(await ingestOne(dir, 'bad.md'));
    expect(doc.text).toBe('The body.\n');
    expect(doc.meta).toEqual({});
    expect(doc.warnings).toEqual([expect.stringMatching(/^front matter is not valid YAML \(line \d+: .+\); metadata ignored$/)]);
  });

  it('warns about wrong types field by field and keeps the good ones', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'types.md': '---\ncountry: Atlantis\nyear: nineteen ninety\naudience: everyone\ntype: speech\ndate: 1990-02-30\n---\nText.' });
    const doc = onlyDoc(await ingestOne(dir, 'types.md'));
    expect(doc.meta).toEqual({ type: 'speech' });
    expect(doc.warnings).toEqual([
      'front matter: unknown country "Atlantis"; ignored',
      'front matter: impossible date "1990-02-30" (day 30); ignored',
      'front matter: year "nineteen ninety" is not a whole number; ignored',
      'front matter: audience "everyone" is not one of international, domestic; ignored',
    ]);
  });

  it('reads an unclosed front matter block as text, with a warning', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'open.md': '---\ncountry: KEN\nNo closing fence here.\n' });
    const doc = onlyDoc(await ingestOne(dir, 'open.md'));
    expect(doc.text).toBe('---\ncountry: KEN\nNo closing fence here.\n');
    expect(doc.warnings).toEqual(['front matter has no closing "---" line; read as text']);
  });

  it('skips a file with front matter and no body', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'empty.md': '---\ncountry: KEN\n---\n\n' });
    expect(onlyRecord(await ingestOne(dir, 'empty.md'))).toMatchObject({
      status: 'skipped',
      reason: 'no text after the front matter',
      meta: { country: 'KEN' },
    });
  });
});

describe('html', () => {
  it('keeps visible text only and turns blocks into line breaks', () => {
    const html = `<!doctype html><html><head><title>Statement &amp; reply</title><style>p{color:red}</style>
      <script>var x = "<p>not text</p>";</script><meta name="country" content="Chile"></head>
      <body><h1>Address</h1><p>We  reaffirm the   <b>universality</b> of human rights.</p>
      <p>Line one<br>line two &ndash; with &eacute; &#8220;quotes&#8221;</p><noscript>enable JS</noscript>
      <ul><li>first</li><li>second</li></ul><table><tr><td>a</td><td>b</td></tr></table></body></html>`;
    const { text, fields } = htmlToText(html);
    expect(text).toBe('Address\n\nWe reaffirm the universality of human rights.\n\nLine one\nline two – with é “quotes”\n\nfirst\nsecond\n\na b');
    expect(fields).toEqual({ country: 'Chile', title: 'Statement & reply' });
  });

  it('keeps <pre> white space', () => {
    expect(htmlToText('<p>a</p><pre>x  y\n  z</pre>').text).toBe('a\n\nx  y\n  z');
  });

  it('reads metadata from meta tags, honours a declared charset and records the encoding', async () => {
    const dir = await tempDir();
    const html = '<html><head><meta charset="windows-1252"><meta name="year" content="1988"></head><body><p>“Our sovereignty” – the café.</p></body></html>';
    await writeFiles(dir, { 'p.html': cp1252(html) });
    const doc = onlyDoc(await ingestOne(dir, 'p.html'));
    expect(doc).toMatchObject({ format: 'html', encoding: 'windows-1252', text: '“Our sovereignty” – the café.', meta: { year: 1988 } });
    expect(doc.metaSources).toEqual({ year: 'front_matter' });
  });

  it('skips a page with no visible text', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'blank.htm': '<html><head><script>alert(1)</script></head><body>  </body></html>' });
    expect(onlyRecord(await ingestOne(dir, 'blank.htm'))).toMatchObject({ status: 'skipped', reason: 'no text (empty or only white space)', format: 'html' });
  });
});

describe('json and jsonl', () => {
  it('makes one document per record with text, numbered from 1, record fields first', async () => {
    const dir = await tempDir();
    const lines = [
      JSON.stringify({ text: 'We reject this interference.', country: 'KEN', year: 1988, venue: 'parliament' }),
      '',
      JSON.stringify({ country: 'KEN', note: 'no text here' }),
      '{"text": "broken',
      JSON.stringify({ text: 42 }),
      JSON.stringify([1, 2]),
      JSON.stringify({ text: '  ' }),
      JSON.stringify({ text: 'Second statement.', date: '1991-05-01' }),
    ];
    await writeFiles(dir, { 'KEN_45_1990.jsonl': lines.join('\n') });
    const items = await ingestOne(dir, 'KEN_45_1990.jsonl');
    const summary = items.map((it) => (it.kind === 'document' ? [it.doc.id, 'ok', it.doc.meta.year] : [it.record.id, it.record.status, it.record.reason]));
    expect(summary).toEqual([
      ['KEN_45_1990.jsonl#1', 'ok', 1988],
      ['KEN_45_1990.jsonl#2', 'skipped', 'record has no "text" field'],
      ['KEN_45_1990.jsonl#3', 'failed', expect.stringMatching(/^invalid JSON at line 4: /)],
      ['KEN_45_1990.jsonl#4', 'skipped', '"text" is not a string'],
      ['KEN_45_1990.jsonl#5', 'skipped', 'record is not a JSON object'],
      ['KEN_45_1990.jsonl#6', 'skipped', 'empty "text"'],
      ['KEN_45_1990.jsonl#7', 'ok', 1991],
    ]);
    const first = items[0].kind === 'document' ? items[0].doc : undefined;
    expect(first?.metaSources).toEqual({ country: 'record', year: 'record', venue: 'record', type: 'file_name', audience: 'implied' });
    const last = items[6].kind === 'document' ? items[6].doc : undefined;
    expect(last?.meta).toMatchObject({ country: 'KEN', date: '1991-05-01', year: 1991, venue: 'UN General Assembly', audience: 'international' });
  });

  it('reads a .json array, a single record and {"documents": [...]}', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.json': JSON.stringify([{ text: 'One.' }, { text: 'Two.' }]),
      'b.json': JSON.stringify({ text: 'Single.', country: 'Poland' }),
      'c.json': JSON.stringify({ documents: [{ text: 'Nested.' }] }),
      'd.json': JSON.stringify({ something: 'else' }),
      'e.json': '[]',
    });
    expect((await ingestOne(dir, 'a.json')).map((it) => it.kind === 'document' && it.doc.id)).toEqual(['a.json#1', 'a.json#2']);
    expect(onlyDoc(await ingestOne(dir, 'b.json'))).toMatchObject({ id: 'b.json#1', text: 'Single.', meta: { country: 'POL' } });
    expect(onlyDoc(await ingestOne(dir, 'c.json'))).toMatchObject({ id: 'c.json#1', text: 'Nested.' });
    expect(onlyRecord(await ingestOne(dir, 'd.json'))).toMatchObject({ id: 'd.json', status: 'skipped', reason: expect.stringContaining('no records') });
    expect(onlyRecord(await ingestOne(dir, 'e.json'))).toMatchObject({ status: 'skipped', reason: 'no records (empty list)' });
  });

  it('fails an invalid .json file with the line of the error', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'bad.json': '[\n  {"text": "a"},\n  {"text" "b"}\n]' });
    expect(onlyRecord(await ingestOne(dir, 'bad.json'))).toMatchObject({
      id: 'bad.json',
      status: 'failed',
      reason: expect.stringMatching(/^invalid JSON at line 3: /),
    });
  });

  it('reads a .json file that holds JSON Lines, with a warning', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'lines.json': '{"text": "a."}\n{"text": "b."}\n' });
    const items = await ingestOne(dir, 'lines.json');
    expect(items.map((it) => it.kind)).toEqual(['document', 'document']);
    expect(items[0].kind === 'document' && items[0].doc.warnings).toEqual(['file holds JSON Lines (one record a line); read as .jsonl']);
  });
});

describe('pdf', () => {
  it('reads the text layer into lines and paragraphs, pages separated by a blank line', async () => {
    const dir = await tempDir();
    const pdf = await makePdf([
      [['The Government has ratified the Covenant and', 'established a national commission.'], ['A second paragraph – with “quotes”.']],
      [['Page two.']],
    ]);
    await writeFiles(dir, { 'report.pdf': pdf });
    const doc = onlyDoc(await ingestOne(dir, 'report.pdf'));
    expect(doc.text).toBe(
      'The Government has ratified the Covenant and\nestablished a national commission.\n\nA second paragraph – with “quotes”.\n\nPage two.',
    );
    expect(doc).toMatchObject({ format: 'pdf', encoding: 'pdf-text-layer', bytes: pdf.length });
  });

  it('skips a PDF without a text layer and fails a broken one', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'scan.pdf': await makeImageOnlyPdf(), 'broken.pdf': '%PDF-1.4\nthis is not really a pdf' });
    expect(onlyRecord(await ingestOne(dir, 'scan.pdf'))).toMatchObject({ status: 'skipped', reason: 'no text layer (scanned PDF?)' });
    expect(onlyRecord(await ingestOne(dir, 'broken.pdf'))).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^invalid PDF: /) });
  });
});

describe('docx', () => {
  it('reads paragraphs through mammoth', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'note.docx': await makeDocx(['The delegation accepted the recommendation.', 'It invited the Special Rapporteur.']) });
    const doc = onlyDoc(await ingestOne(dir, 'note.docx'));
    expect(doc.text).toBe('The delegation accepted the recommendation.\n\nIt invited the Special Rapporteur.');
    expect(doc).toMatchObject({ format: 'docx', encoding: 'docx-xml' });
  });

  it('fails a file that is not a Word document', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'fake.docx': 'plain text pretending to be Word' });
    expect(onlyRecord(await ingestOne(dir, 'fake.docx'))).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^invalid DOCX: /) });
  });
});
