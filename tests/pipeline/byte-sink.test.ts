// ByteSink encodes a file's lines as they are made, into pooled chunks: its
// bytes must be those of encoding the joined lines at once, whatever the lines
// (ASCII or not, lone surrogates, empty, longer than a chunk) and however the
// chunks were used before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createIngestContext, discoverFiles } from '../../src/ingest/index.js';
import { BYTE_SINK_CHUNK, ByteSink, linesOfFile, readDiscovered, runFileBatch, type FileTaskEnv } from '../../src/pipeline/file.js';
import type { Tagger } from '../../src/tag/tagger.js';
import { miniTagger, ROOT } from '../helpers/lexicons.js';
import { speech } from './corpus.js';

function bytesOf(sink: ByteSink): Buffer {
  const out = Buffer.alloc(sink.byteLength + 2, 0xee);
  const end = sink.copyTo(out, 1);
  expect(end).toBe(1 + sink.byteLength);
  expect(out[0]).toBe(0xee);
  expect(out[end]).toBe(0xee);
  return out.subarray(1, end);
}

const expected = (lines: string[], separator?: string) => Buffer.from(lines.map((l) => l + (separator ?? '')).join(''), 'utf8');

describe('ByteSink', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('', '\ud800', 'a\udc00b', 'é', '{"text":"x"}', 'x'.repeat(BYTE_SINK_CHUNK - 1), 'é'.repeat(BYTE_SINK_CHUNK)),
  );

  it('gives the bytes of the lines encoded at once, with and without a separator, chunk after chunk', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.boolean(), (lines, newline) => {
        const sink = newline ? new ByteSink(0x0a) : new ByteSink();
        for (const l of lines) sink.push(l);
        expect(sink.length).toBe(lines.length);
        expect(bytesOf(sink).equals(expected(lines, newline ? '\n' : undefined))).toBe(true);
        sink.release();
      }),
      { numRuns: 300 },
    );
  });

  it('fills a chunk to the last byte and starts the next with the line that does not fit', () => {
    const sink = new ByteSink(0x0a);
    const lines = ['a'.repeat(BYTE_SINK_CHUNK - 11), 'b'.repeat(9), 'c', 'd'.repeat(3 * BYTE_SINK_CHUNK), 'e'];
    for (const l of lines) sink.push(l);
    expect(bytesOf(sink).equals(expected(lines, '\n'))).toBe(true);
    sink.release();
  });

  it('takes back what was pushed since a mark, from an empty sink or within or across chunks', () => {
    const sized = fc.oneof(
      line,
      fc.integer({ min: 1, max: 3 * BYTE_SINK_CHUNK }).map((n) => 'y'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(sized, { maxLength: 6 }), fc.array(sized, { maxLength: 6 }), fc.array(line, { maxLength: 6 }), (before, dropped, after) => {
        const sink = new ByteSink(0x0a);
        for (const l of before) sink.push(l);
        const mark = sink.mark();
        for (const l of dropped) sink.push(l);
        sink.rewind(mark);
        for (const l of after) sink.push(l);
        expect(sink.length).toBe(before.length + after.length);
        expect(bytesOf(sink).equals(expected([...before, ...after], '\n'))).toBe(true);
        sink.release();
      }),
      { numRuns: 200 },
    );
  });

  it('reuses released chunks without their old bytes showing', () => {
    const first = new ByteSink();
    first.push('z'.repeat(3 * BYTE_SINK_CHUNK - 5));
    first.push('z'.repeat(BYTE_SINK_CHUNK));
    first.release();
    const second = new ByteSink(0x0a);
    const lines = ['short', 'ünïcödé', ''];
    for (const l of lines) second.push(l);
    expect(bytesOf(second).equals(expected(lines, '\n'))).toBe(true);
    second.release();
  });
});

describe('a batch of files', () => {
  // The mini set: packing does not depend on which rules fired, and the bundled set took 14 s here.
  it('packs the bytes of the lines linesOfFile holds: every file of corpus/sample', async () => {
    const env: FileTaskEnv = { tagger: miniTagger(), ingest: createIngestContext({}), document: {} };
    const files = await discoverFiles([path.join(ROOT, 'corpus/sample')], {});
    const results = await runFileBatch(files, env);
    const joined = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
    for (const [i, file] of files.entries()) {
      const held = linesOfFile(file, await readDiscovered(file, env.ingest), env.tagger, env.document);
      const sections = [held.documents, held.utterances, held.recommendations].map(joined);
      const r = results[i];
      expect(Buffer.from(r.data).equals(Buffer.concat(sections))).toBe(true);
      expect(r.lengths).toEqual(sections.map((b) => b.length));
      expect(r.lines).toEqual([held.documents.length, held.utterances.length, held.recommendations.length]);
      expect(Buffer.from(r.csv!).equals(Buffer.from(held.csvRows.join(''), 'utf8'))).toBe(true);
    }
  }, 60_000);
});

describe('a document that fails half-way in a batch', () => {
  it('takes back the lines it made, across chunks, and keeps the other documents whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spiral-sink-'));
    try {
      // The third document fails after far more than a chunk of lines.
      const texts = [speech(1, 30), speech(2, 10), `${speech(3, 400)} Then BOOM. ${speech(4, 5)}`, speech(5, 25)];
      writeFileSync(path.join(dir, 'big.jsonl'), texts.map((text, i) => JSON.stringify({ text, country: 'KEN', year: 1990 + i })).join('\n') + '\n');
      const [file] = await discoverFiles([dir], {});
      const real = miniTagger();
      const failing: Tagger = {
        ...real,
        tag: (text, meta) => {
          if (text.includes('BOOM')) throw new Error('the tagger broke');
          return real.tag(text, meta);
        },
      };
      const ingest = createIngestContext({});
      const [batch] = await runFileBatch([file], { tagger: failing, ingest, document: {} });
      expect(batch.status).toEqual({ ok: 3, skipped: 0, failed: 1 });
      // What the other documents make with a tagger that never fails, the failing one left out.
      const whole = linesOfFile(file, await readDiscovered(file, ingest), real, {});
      const failedDoc = JSON.parse(whole.documents[2]).id as string;
      const kept = whole.utterances.map((l, i) => [l, whole.csvRows[i]]).filter(([l]) => JSON.parse(l).doc !== failedDoc);
      expect(kept.length).toBeLessThan(whole.utterances.length - 400);
      const held = linesOfFile(file, await readDiscovered(file, ingest), failing, {});
      const data = Buffer.from(batch.data);
      const [d, u] = batch.lengths;
      expect(data.subarray(0, d).toString('utf8')).toBe(held.documents.map((l) => `${l}\n`).join(''));
      expect(data.subarray(d, d + u).toString('utf8')).toBe(kept.map(([l]) => `${l}\n`).join(''));
      expect(Buffer.from(batch.csv!).toString('utf8')).toBe(kept.map(([, row]) => row).join(''));
      expect(held.utterances).toEqual(kept.map(([l]) => l));
      expect(batch.lines[1]).toBe(kept.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
