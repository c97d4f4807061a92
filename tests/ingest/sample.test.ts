// The bundled sample corpus: every file is read, with metadata, in every format.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createIngestContext, discoverFiles, ingestFile } from '../../src/ingest/index.js';
import type { DocumentRecord, SourceDocument } from '../../src/types.js';

const SAMPLE = fileURLToPath(new URL('../../corpus/sample', import.meta.url));

async function ingestSample() {
  const ctx = createIngestContext();
  const docs: SourceDocument[] = [];
  const records: DocumentRecord[] = [];
  for (const file of await discoverFiles([SAMPLE])) {
    for (const item of await ingestFile(file, ctx)) {
      if (item.kind === 'document') docs.push(item.doc);
      else records.push(item.record);
    }
  }
  return { docs, records, manifestWarnings: ctx.manifestWarnings() };
}

describe('corpus/sample', async () => {
  const { docs, records, manifestWarnings } = await ingestSample();
  const distinct = <T>(values: T[]) => [...new Set(values)].sort();

  it('reads every statement, skipping only its README, with no warnings', () => {
    expect(records.map((r) => [r.id, r.status, r.reason])).toEqual([['README.md', 'skipped', 'documentation file (README.md), not a statement']]);
    expect(docs.length).toBeGreaterThanOrEqual(34);
    expect(docs.flatMap((d) => d.warnings.map((w) => `${d.id}: ${w}`))).toEqual([]);
    expect(manifestWarnings).toEqual([]);
  });

  it('gives every document a country, a year, a venue, an audience and a type', () => {
    for (const doc of docs) {
      expect(doc.meta, doc.id).toMatchObject({
        country: expect.any(String),
        year: expect.any(Number),
        venue: expect.any(String),
        audience: expect.any(String),
        type: expect.any(String),
      });
    }
  });

  it('spans countries, years, audiences, types, formats, encodings and metadata sources', () => {
    expect(distinct(docs.map((d) => d.meta.country!)).length).toBeGreaterThanOrEqual(6);
    const years = docs.map((d) => d.meta.year!);
    expect(Math.min(...years)).toBeLessThanOrEqual(1975);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2015);
    expect(distinct(docs.map((d) => d.meta.audience))).toEqual(['domestic', 'international']);
    expect(distinct(docs.map((d) => d.meta.type))).toEqual(expect.arrayContaining(['speech', 'un_submission', 'press_release']));
    expect(distinct(docs.map((d) => d.format))).toEqual(['docx', 'html', 'json', 'jsonl', 'md', 'pdf', 'txt']);
    expect(distinct(docs.map((d) => d.encoding))).toEqual(
      expect.arrayContaining(['utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252', 'macintosh', 'pdf-text-layer', 'docx-xml']),
    );
    const sources = distinct(docs.flatMap((d) => Object.values(d.metaSources)));
    expect(sources).toEqual(['file_name', 'front_matter', 'implied', 'manifest', 'record']);
  });

  it('reads General Debate and UPR metadata from the file names', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    expect(byId.get('general-debate/KEN_45_1990.txt')?.metaSources).toMatchObject({ country: 'file_name', year: 'file_name', speaker: 'manifest' });
    expect(byId.get('upr/southafrica2008.txt')?.meta).toMatchObject({ country: 'ZAF', year: 2008, type: 'un_submission' });
  });

  it('keeps CR-only and CRLF line endings as they are in the files', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    expect(byId.get('general-debate/POL_45_1990.txt')?.text).toMatch(/freedom by peaceful means\.\r\rThe new Poland/);
    expect(byId.get('general-debate/CHL_45_1990.txt')?.text).toMatch(/democracy\.\r\n\r\nWe do not deny/);
    expect(byId.get('general-debate/MAR_46_1991.txt')?.text).toContain('“referendum of confirmation” called for by the Kingdom’s initiative');
  });
});
