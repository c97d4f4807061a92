// Temporary folders with generated fixtures (no committed binaries in tests).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach } from 'vitest';
import { createIngestContext, ingestFile, type IngestContextOptions } from '../../src/ingest/index.js';
import type { DiscoveredFile, IngestItem } from '../../src/ingest/index.js';
import type { DocumentRecord, SourceDocument } from '../../src/types.js';

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spiral-ingest-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Write files (text as UTF-8, or raw bytes) under `dir`; creates folders. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

export const cp1252 = (s: string): Buffer => iconv.encode(s, 'windows-1252');
export const macRoman = (s: string): Buffer => iconv.encode(s, 'macintosh');
export const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
export const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

export function fileAt(dir: string, rel: string): DiscoveredFile {
  return { root: dir, abs: join(dir, rel), rel, id: rel };
}

/** Ingest one file (fresh context unless given) and return its items. */
export async function ingestOne(dir: string, rel: string, opts: IngestContextOptions = {}): Promise<IngestItem[]> {
  return ingestFile(fileAt(dir, rel), createIngestContext(opts));
}

export function onlyDoc(items: IngestItem[]): SourceDocument {
  if (items.length !== 1 || items[0].kind !== 'document') throw new Error(`expected one document, got ${JSON.stringify(items)}`);
  return items[0].doc;
}

export function onlyRecord(items: IngestItem[]): DocumentRecord {
  if (items.length !== 1 || items[0].kind !== 'record') throw new Error(`expected one record, got ${JSON.stringify(items)}`);
  return items[0].record;
}
