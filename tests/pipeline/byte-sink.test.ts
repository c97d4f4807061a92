// ByteSink encodes a file's lines as they are made, into pooled chunks: its
// bytes must be those of encoding the joined lines at once, whatever the lines
// (ASCII or not, lone surrogates, empty, longer than a chunk) and however the
// chunks were used before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createIngestContext, discoverFiles } from '../../src/ingest/index.js';
import { BYTE_SINK_CHUNK, ByteSink, linesOfFile, readDiscovered, runFileBatch, type FileTaskEnv } from '../../src/pipeline/file.js';
import { bundledTagger, ROOT } from '../helpers/lexicons.js';

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
  it('packs the bytes of the lines linesOfFile holds: every file of corpus/sample', async () => {
    const env: FileTaskEnv = { tagger: bundledTagger(), ingest: createIngestContext({}), document: {} };
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
