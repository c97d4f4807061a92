// Incremental re-runs: the cache is the previous run itself. Its index.jsonl
// says which bytes of its outputs each file produced and from what; a file
// whose content, metadata inputs and case overlay are unchanged (under the same
// run key) gets those bytes copied instead of being read and tagged again.
// Nothing is trusted unchecked: the copied bytes must hash to the index's
// data_sha256, the entry (its tallies and status) to its own line_sha256 (an
// entry that does not is left out by readRunIndex), and an entry that fails
// any check is re-tagged. Its utterances.csv rows are copied too when they hash
// to csv_sha256; otherwise they are made again from the copied lines.
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveredFile } from '../ingest/index.js';
import { hashFile, probeFile } from '../ingest/read.js';
import type { LexiconParts } from './cache-key.js';
import {
  copyEntryCsv,
  copyEntryData,
  entryDataBytes,
  entryResult,
  LARGE_ENTRY_BYTES,
  openLineOutputs,
  readEntryCsv,
  readEntryData,
  readRunIndex,
  type IndexEntry,
} from './run-index.js';
import type { FileResult } from './file.js';
import { UTTERANCES_CSV } from './flat-outputs.js';

/** A large file's reusable output, checked, to be copied in chunks by the writer (copy, copyCsv when `csv`). */
export interface ReusedLarge {
  reuse: IndexEntry;
  /** Whether its CSV rows checked out too (else the writer makes them from the lines). */
  csv: boolean;
}

export interface PreviousRun {
  /** The file's output from the previous run, when it can be reused: its bytes, or (a large one) the entry to copy. */
  lookup(file: DiscoveredFile, metaSha256: string): Promise<FileResult | ReusedLarge | undefined>;
  /** Copy a large entry's sections in chunks; false when they no longer hash to the index (changed since lookup). */
  copy(entry: IndexEntry, write: (section: 0 | 1 | 2, chunk: Uint8Array) => Promise<void>): Promise<boolean>;
  /** Copy a large entry's CSV rows in chunks; false when they no longer hash to the index. */
  copyCsv(entry: IndexEntry, write: (chunk: Uint8Array) => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}

/** Open the previous run in `runDir` for reuse; undefined when it has no usable index or outputs, or another run key. */
export async function openPreviousRun(
  runDir: string,
  runKey: string,
  lexicon: LexiconParts,
  largeEntryBytes: number = LARGE_ENTRY_BYTES,
): Promise<PreviousRun | undefined> {
  const index = await readRunIndex(runDir);
  if (!index || index.header.key !== runKey) return undefined;
  let handles: FileHandle[];
  try {
    handles = await openLineOutputs(runDir);
  } catch {
    return undefined;
  }
  // Without its CSV (deleted, unreadable) a run is still reusable: the rows are made again.
  const csvHandle = await open(path.join(runDir, UTTERANCES_CSV), 'r').catch(() => undefined);
  const entries = new Map(index.entries.map((e) => [e.id, e]));
  return {
    async lookup(file, metaSha256) {
      const entry = entries.get(file.id);
      if (!entry || !entry.content_sha256 || entry.meta_sha256 !== metaSha256 || !overlaysUnchanged(entry, lexicon)) return undefined;
      if ((await contentHash(file)) !== entry.content_sha256) return undefined;
      if (entryDataBytes(entry) > largeEntryBytes) {
        if (!(await copyEntryData(handles, entry, async () => {})).ok) return undefined;
        return { reuse: entry, csv: !!csvHandle && (await copyEntryCsv(csvHandle, entry, async () => {})) };
      }
      const read = await readEntryData(handles, entry);
      if (!read.ok) return undefined;
      return entryResult(entry, read.data, true, csvHandle && (await readEntryCsv(csvHandle, entry)));
    },
    async copy(entry, write) {
      return (await copyEntryData(handles, entry, write)).ok;
    },
    async copyCsv(entry, write) {
      return !!csvHandle && (await copyEntryCsv(csvHandle, entry, write));
    },
    async close() {
      await Promise.all([...handles, ...(csvHandle ? [csvHandle] : [])].map((h) => h.close()));
    },
  };
}

function overlaysUnchanged(entry: IndexEntry, lexicon: LexiconParts): boolean {
  return Object.entries(entry.cases).every(([code, hash]) => (lexicon.overlays.get(code) ?? null) === hash);
}

async function contentHash(file: DiscoveredFile): Promise<string | undefined> {
  const probe = await probeFile(file);
  return probe.ok ? hashFile(probe.path) : undefined;
}
