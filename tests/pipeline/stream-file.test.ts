// A large file's lines written as they are made (issue 16, row 3) must be the
// lines linesOfFile holds, byte for byte: also when a document fails half-way
// (its lines already written are taken back) and with batches smaller than a
// document.
import { describe, expect, it } from 'vitest';
import { createIngestContext, type DiscoveredFile, type IngestItem } from '../../src/ingest/index.js';
import { linesOfFile, type FileTaskEnv, type ReadResult } from '../../src/pipeline/file.js';
import * as stream from '../../src/pipeline/stream-file.js';
import type { Tagger } from '../../src/tag/tagger.js';
import type { SourceDocument } from '../../src/types.js';
import { miniTagger } from '../helpers/lexicons.js';
import { speech } from './corpus.js';

/** Batches far smaller than a document: a failing document has lines on the "disk" already. */
const BATCH = 300;

const file: DiscoveredFile = { id: 'big.jsonl', abs: '/nowhere/big.jsonl', rel: 'big.jsonl', root: '/nowhere' };

function doc(index: number, text: string): IngestItem {
  const d: SourceDocument = {
    id: `big.jsonl#${index}`,
    path: 'big.jsonl',
    format: 'jsonl',
    encoding: 'utf-8',
    sha256: 'f'.repeat(64),
    bytes: 1000,
    text,
    meta: { country: 'KEN', year: 1990 + index },
    metaSources: {},
    warnings: [],
  };
  return { kind: 'document', doc: d };
}

/** A tagger that throws on a sentence containing "BOOM" (a document that fails half-way). */
function failingTagger(): Tagger {
  const real = miniTagger();
  return {
    ...real,
    tag: (text, meta) => {
      if (text.includes('BOOM')) throw new Error('the tagger broke');
      return real.tag(text, meta);
    },
  };
}

/** An in-memory sink: three growing byte arrays. */
function memorySink() {
  const sections: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0), Buffer.alloc(0)];
  const sink: stream.SectionSink = {
    write: async (i, text) => {
      sections[i] = Buffer.concat([sections[i], Buffer.from(text, 'utf8')]);
    },
    lengths: () => [sections[0].length, sections[1].length, sections[2].length],
    rewind: async (lengths) => {
      for (const i of [0, 1, 2]) sections[i] = sections[i].subarray(0, lengths[i]);
    },
  };
  return { sink, text: (i: number) => sections[i].toString('utf8') };
}

const joined = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('a streamed file', () => {
  it('writes the lines linesOfFile holds, byte for byte, taking back a document that failed half-way', async () => {
    const items: IngestItem[] = [
      doc(1, speech(1, 30)),
      { kind: 'record', record: { id: 'big.jsonl#2', path: 'big.jsonl', status: 'skipped', reason: 'empty "text"', meta: {}, utterances: 0, bytes: 5 } },
      doc(3, `${speech(3, 20)} Then BOOM. ${speech(4, 5)}`),
      doc(4, speech(5, 25)),
    ];
    const read: ReadResult = { items };
    const env: FileTaskEnv = { tagger: failingTagger(), ingest: createIngestContext({}), document: {} };
    const held = linesOfFile(file, read, env.tagger, env.document);
    expect(held.status).toEqual({ ok: 2, skipped: 1, failed: 1 });
    const { sink, text } = memorySink();
    let rewound = 0;
    const counting: stream.SectionSink = { ...sink, rewind: (l) => (rewound++, sink.rewind(l)) };
    const streamed = await stream.streamFile(file, read, env, counting, BATCH);
    expect(rewound).toBe(1);
    expect(text(0)).toBe(joined(held.documents));
    expect(text(1)).toBe(joined(held.utterances));
    expect(text(2)).toBe(joined(held.recommendations));
    expect(streamed).toMatchObject({
      lines: [held.documents.length, held.utterances.length, held.recommendations.length],
      tallies: held.tallies,
      status: held.status,
      utteranceCount: held.utteranceCount,
      bytes: held.bytes,
    });
    expect(streamed.lengths).toEqual(sink.lengths());
  });

  it('stops the run (does not fail the document) when the outputs cannot be written', async () => {
    const read: ReadResult = { items: [doc(1, speech(1, 30))] };
    const env: FileTaskEnv = { tagger: miniTagger(), ingest: createIngestContext({}), document: {} };
    const { sink } = memorySink();
    const full: stream.SectionSink = { ...sink, write: () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) };
    await expect(stream.streamFile(file, read, env, full, BATCH)).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
