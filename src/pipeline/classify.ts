// `spiral classify`: discover → ingest → structure → segment → tag → run files.
// Documents stream through one at a time (or a few, across workers); only the
// per-country-year tallies stay in memory.
import { discoverFiles, createIngestContext, type DiscoveredFile } from '../ingest/index.js';
import { loadLexiconSet } from '../lexicon/load.js';
import { createTagger } from '../tag/tagger.js';
import type { DocMeta } from '../types.js';
import { processRead, readDiscovered, type FileOutput } from './file.js';
import { RunStaging } from './run-dir.js';
import { ScoreTable } from './tally.js';
import { selectShard, type Shard } from './shard.js';

export interface ClassifyOptions {
  inputs: string[];
  outDir: string;
  lexiconDir: string;
  include?: string[];
  exclude?: string[];
  namePattern?: string;
  defaults?: DocMeta;
  format?: string;
  caseCountry?: string;
  shard?: Shard;
}

export interface ClassifyProgress {
  filesDone: number;
  filesTotal: number;
  utterances: number;
  bytes: number;
}

export interface ClassifySummary {
  outDir: string;
  filesDiscovered: number;
  documents: { ok: number; skipped: number; failed: number };
  utterances: number;
  elapsedMs: number;
  lexicon: { name: string; version: string; hash: string };
}

export const RUN_OUTPUTS = ['utterances.jsonl', 'documents.jsonl', 'recommendations.jsonl', 'scores.csv', 'run.json'] as const;

export async function classify(options: ClassifyOptions, onProgress: (p: ClassifyProgress) => void = () => {}, now: () => number = Date.now): Promise<ClassifySummary> {
  const started = now();
  const set = loadLexiconSet(options.lexiconDir);
  const tagger = createTagger(set, { forceCase: options.caseCountry });
  const discovered = await discoverFiles(options.inputs, { include: options.include, exclude: options.exclude });
  const files = options.shard ? selectShard(discovered, options.shard) : discovered;
  const ingest = createIngestContext({ namePattern: options.namePattern, defaults: options.defaults });
  const staging = await RunStaging.open(options.outDir);
  const table = new ScoreTable();
  const totals = { ok: 0, skipped: 0, failed: 0 };
  const progress: ClassifyProgress = { filesDone: 0, filesTotal: files.length, utterances: 0, bytes: 0 };
  try {
    const reads = readAhead(files, (file) => readDiscovered(file, ingest));
    for (let i = 0; i < files.length; i++) {
      const out = processRead(files[i], await reads.next(), tagger, { format: options.format });
      await writeFileOutput(staging, out);
      for (const t of out.tallies) table.add(t);
      for (const k of ['ok', 'skipped', 'failed'] as const) totals[k] += out.status[k];
      progress.filesDone++;
      progress.utterances += out.utteranceCount;
      progress.bytes += out.bytes;
      onProgress(progress);
    }
    const elapsedMs = now() - started;
    await staging.writeFile('scores.csv', table.toCsv());
    const summary: ClassifySummary = {
      outDir: options.outDir,
      filesDiscovered: files.length,
      documents: totals,
      utterances: progress.utterances,
      elapsedMs,
      lexicon: { name: set.name, version: set.version, hash: set.hash },
    };
    await staging.writeFile('run.json', `${JSON.stringify(runManifest(options, summary, progress, ingest.manifestWarnings(), files), null, 2)}\n`);
    await staging.commit();
    return summary;
  } catch (err) {
    await staging.abort();
    throw err;
  }
}

/** Files read ahead of processing, so disk waits overlap with tagging. */
export const READ_AHEAD = 8;

function readAhead<T, R>(items: T[], read: (item: T) => Promise<R>): { next(): Promise<R> } {
  const pending: Array<Promise<R>> = [];
  let started = 0;
  const fill = () => {
    while (started < items.length && pending.length < READ_AHEAD) pending.push(read(items[started++]));
  };
  return {
    next() {
      fill();
      const head = pending.shift()!;
      fill();
      return head;
    },
  };
}

async function writeFileOutput(staging: RunStaging, out: FileOutput): Promise<void> {
  await staging.write('documents.jsonl', out.documents);
  await staging.write('utterances.jsonl', out.utterances);
  await staging.write('recommendations.jsonl', out.recommendations);
}

function runManifest(options: ClassifyOptions, summary: ClassifySummary, progress: ClassifyProgress, warnings: string[], files: DiscoveredFile[]) {
  const seconds = summary.elapsedMs / 1000;
  return {
    tool: 'spiral',
    lexicon: { ...summary.lexicon, dir: options.lexiconDir },
    options: {
      inputs: options.inputs,
      include: options.include ?? null,
      exclude: options.exclude ?? null,
      name_pattern: options.namePattern ?? null,
      defaults: options.defaults ?? {},
      format: options.format ?? null,
      case: options.caseCountry ?? null,
      shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
    },
    counts: {
      files_discovered: files.length,
      documents_ok: summary.documents.ok,
      documents_skipped: summary.documents.skipped,
      documents_failed: summary.documents.failed,
      utterances: summary.utterances,
      bytes: progress.bytes,
    },
    warnings,
    timings: {
      elapsed_ms: summary.elapsedMs,
      mb_per_s: seconds > 0 ? Number((progress.bytes / 1e6 / seconds).toFixed(3)) : null,
      utterances_per_s: seconds > 0 ? Math.round(progress.utterances / seconds) : null,
    },
  };
}
