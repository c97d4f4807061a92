// Real-data suite for the pipeline: the 732 General Debate speeches of the book
// countries and the 262 UPR Working Group reports in ../shared/data.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestContext, discoverFiles, ingestFile } from '../../src/ingest/index.js';
import { keptText } from '../../src/segment/segment.js';
import type { DocumentRecord, UtteranceRecord } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/lexicons.js';

const DATA = path.resolve(ROOT, '../shared/data');
const BOOK = path.join(DATA, 'ungdc/book-countries');
const UPR = path.join(DATA, 'upr/wg-reports-txt');
const work = mkdtempSync(path.join(tmpdir(), 'spiral-real-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function* jsonl<T>(file: string): Generator<T> {
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line) yield JSON.parse(line) as T;
}

/** Every utterance's text is the decoded document sliced at its offsets, without the removed page furniture. */
async function checkOffsets(input: string, out: string): Promise<number> {
  const files = await discoverFiles([input], {});
  const ctx = createIngestContext({});
  const texts = new Map<string, string>();
  for (const f of files) for (const item of await ingestFile(f, ctx)) if (item.kind === 'document') texts.set(item.doc.id, item.doc.text);
  let checked = 0;
  for (const u of jsonl<UtteranceRecord>(path.join(out, 'utterances.jsonl'))) {
    const text = texts.get(u.doc)!;
    let at = u.start;
    for (const [s, e] of u.removed ?? []) {
      expect(s > at && e > s).toBe(true);
      at = e;
    }
    expect(at < u.end).toBe(true);
    expect(keptText(text, u.start, u.end, u.removed)).toBe(u.text);
    for (const e of u.evidence) expect(u.text.slice(e.start, e.end)).toBe(e.text);
    checked++;
  }
  return checked;
}

describe.skipIf(!existsSync(BOOK))('classify the book countries (732 General Debate speeches)', () => {
  const out = path.join(work, 'book');
  let stdout = '';
  beforeAll(async () => {
    const r = await runCli(['classify', BOOK, '--out', out, '-q']);
    stdout = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('accounts for every file, with country and year from the file name', () => {
    const docs = [...jsonl<DocumentRecord>(path.join(out, 'documents.jsonl'))];
    expect(docs).toHaveLength(732);
    expect(docs.every((d) => d.status === 'ok')).toBe(true);
    for (const d of docs) {
      const [iso, , year] = path.basename(d.path, '.txt').split('_');
      expect(d.meta.country).toBe(iso);
      expect(d.meta.year).toBe(Number(year));
      expect(d.meta_sources?.country).toBe('file_name');
    }
    console.log(`book countries: ${stdout.trim()}`);
  });

  it('keeps offsets true for every utterance', async () => {
    const n = await checkOffsets(BOOK, out);
    expect(n).toBeGreaterThan(50000);
  });
});

describe.skipIf(!existsSync(UPR))('classify the UPR Working Group reports', () => {
  const out = path.join(work, 'upr');
  beforeAll(async () => {
    const r = await runCli(['classify', UPR, '--out', out, '-q']);
    console.log(`UPR reports: ${r.stdout.trim()}`);
    expect(r.code).toBe(0);
  });

  it('accounts for every file with country and year from the file name', () => {
    const docs = [...jsonl<DocumentRecord>(path.join(out, 'documents.jsonl'))];
    expect(docs).toHaveLength(262);
    expect(docs.every((d) => d.status === 'ok' && d.meta.country && d.meta.year && d.meta_sources?.country === 'file_name')).toBe(true);
  });

  it('keeps offsets true for every utterance', async () => {
    expect(await checkOffsets(UPR, out)).toBeGreaterThan(10000);
  });
});
