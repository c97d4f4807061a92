// utteranceCsvRow writes the row of a just-tagged utterance and of a line read
// back from utterances.jsonl (a re-run makes the CSV from those bytes): the two
// must be the same row, and every row is its columns' values, comma-joined.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIngestContext, discoverFiles } from '../../src/ingest/index.js';
import { classifyDocument } from '../../src/pipeline/document.js';
import { readDiscovered } from '../../src/pipeline/file.js';
import { UTTERANCE_CSV_COLUMNS, utteranceCsvRow } from '../../src/pipeline/flat-outputs.js';
import { bundledTagger, ROOT } from '../helpers/lexicons.js';

const row = (u: unknown) => utteranceCsvRow(u as Record<string, unknown>);
/** The row as the columns define it: each column's value, in order, comma-joined. */
const byColumns = (u: unknown) => `${UTTERANCE_CSV_COLUMNS.map((c) => c.value(u as Record<string, unknown>)).join(',')}\n`;

describe('utteranceCsvRow', () => {
  it('is the same row for every utterance of corpus/sample as tagged and as read back from its JSON line', async () => {
    const tagger = bundledTagger();
    const ingest = createIngestContext({});
    const files = await discoverFiles([path.join(ROOT, 'corpus/sample')], {});
    let checked = 0;
    for (const file of files) {
      const read = await readDiscovered(file, ingest);
      if ('error' in read) continue;
      for (const item of read.items) {
        if (item.kind !== 'document') continue;
        for (const u of classifyDocument(item.doc, tagger).utterances) {
          const tagged = row(u);
          expect(tagged).toBe(byColumns(u));
          expect(tagged).toBe(row(JSON.parse(JSON.stringify(u))));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 60_000);

  it("is the columns' values of odd records: quotes, commas, line breaks, odd numbers, missing or mistyped fields", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('a,b', 'say "no"', 'line\nbreak', 'cr\r', '', ';', 'é—x'));
    const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0.1 + 0.2, 1e21, 1e-7, NaN, Infinity, -Infinity, 2 ** 53));
    const anything = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 3 }));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
    const evidence = fc.array(fc.oneof(fc.record({ rule: maybe(fc.constantFrom('a.b', 'c,d', 'term.x', 'a.b')) }), anything), { maxLength: 6 });
    const record = fc.record(
      {
        doc: maybe(text),
        id: maybe(text),
        n: maybe(number),
        country: maybe(text),
        year: maybe(number),
        date: maybe(text),
        venue: maybe(text),
        audience: maybe(text),
        type: maybe(text),
        speaker: maybe(text),
        speaker_role: maybe(text),
        reported: maybe(fc.boolean()),
        section: maybe(text),
        paragraph: maybe(text),
        start: maybe(number),
        end: maybe(number),
        removed: maybe(fc.array(fc.oneof(fc.tuple(fc.integer(), fc.integer()), anything), { maxLength: 3 })),
        label: maybe(text),
        target: maybe(text),
        confidence: maybe(number),
        relevant: maybe(fc.boolean()),
        scores: maybe(
          fc.record(
            { denial: maybe(number), rhetorical_action: maybe(number), argumentative_concession: maybe(number), norm_acknowledgment: maybe(number) },
            { requiredKeys: [] },
          ),
        ),
        evidence: maybe(evidence),
        flags: maybe(fc.array(maybe(fc.constantFrom('conflict', 'negated', 'x;y', 'conflict')), { maxLength: 5 })),
        text: maybe(text),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(record, (u) => row(u) === byColumns(u)),
      { numRuns: 2000 },
    );
  });
});
