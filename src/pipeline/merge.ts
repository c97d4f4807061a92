// `spiral merge`: shard runs (classify --shard K/N) → one run whose line
// outputs and scores.csv are byte-identical to an unsharded run. Each shard's
// index.jsonl says where every file's lines are; the merge takes the files in
// discovery order (ids in code-point order, as discovery sorts them) and copies
// their bytes (and their utterances.csv rows) in chunks, checking each section's hash. It refuses shards that do not
// belong together (other inputs, lexicon, options or build), overlaps and gaps.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { RunStaging } from '../run/staging.js';
import {
  copyEntryCsv,
  copyEntryData,
  entryResult,
  INDEX_FILE,
  indexEntry,
  openLineOutputs,
  readRunIndex,
  type CsvSection,
  type IndexEntry,
  type IndexHeader,
} from './run-index.js';
import { inputsHash, shardOf } from './shard.js';
import { ScoreTable } from './tally.js';
import { LINE_OUTPUTS, type FileResult } from './file.js';
import { UTTERANCES_CSV, utterancesCsvHeader } from './flat-outputs.js';
import { UserFacingError } from '../errors.js';

export class MergeError extends UserFacingError {}

/** The parts of a shard's run.json the merge reads. */
interface ShardRunInfo {
  lexicon: { name: string; version: string; hash: string };
  options: Record<string, unknown> & { shard: string | null };
  inputs?: { files: number; ids_sha256: string };
  counts: Record<string, number>;
  warnings: string[];
  timings?: Record<string, unknown>;
}

interface ShardRun {
  dir: string;
  info: ShardRunInfo;
  index: number;
  count: number;
  header: IndexHeader;
  entries: IndexEntry[];
}

export interface MergeOptions {
  runs: string[];
  outDir: string;
}

export interface MergeSummary {
  outDir: string;
  shards: number;
  files: number;
  documents: { ok: number; skipped: number; failed: number };
  utterances: number;
  elapsedMs: number;
}

/** Options that must be equal across shards (inputs are compared by their file ids, since paths differ between machines). */
const SHARED_OPTIONS = ['include', 'exclude', 'name_pattern', 'defaults', 'format', 'case'] as const;

export async function mergeRuns(options: MergeOptions, now: () => number = Date.now): Promise<MergeSummary> {
  const started = now();
  if (options.runs.length === 0) throw new MergeError('no runs to merge');
  const shards = await Promise.all(options.runs.map(readShardRun));
  for (const s of shards)
    if (path.resolve(s.dir) === path.resolve(options.outDir)) throw new MergeError(`--out must not be one of the runs being merged (${s.dir})`);
  checkTogether(shards);
  const order = mergedOrder(shards);
  const staging = await RunStaging.open(options.outDir, 'spiral merge');
  const handles: FileHandle[][] = [];
  const csvHandles: FileHandle[] = [];
  try {
    for (const s of shards) {
      handles.push(await openOutputs(s.dir));
      csvHandles.push(await openCsv(s.dir));
    }
    const table = new ScoreTable();
    const totals = { ok: 0, skipped: 0, failed: 0 };
    const offsets: [number, number, number] = [0, 0, 0];
    const header = utterancesCsvHeader();
    let csvOffset = Buffer.byteLength(header);
    let utterances = 0;
    await staging.write(INDEX_FILE, `${JSON.stringify(shards[0].header)}\n`);
    await staging.write(UTTERANCES_CSV, header);
    for (const { shard, entry } of order) {
      const result = await copySections(shards[shard], handles[shard], entry, staging);
      const csv = await copyCsvRows(shards[shard], csvHandles[shard], entry, staging, csvOffset);
      csvOffset += csv.length;
      await staging.write(INDEX_FILE, `${JSON.stringify(indexEntry(result, [...offsets], csv, entry.meta_sha256, entry.cases))}\n`);
      for (let i = 0; i < LINE_OUTPUTS.length; i++) offsets[i] += result.lengths[i];
      for (const t of entry.tallies) table.add(t);
      for (const k of ['ok', 'skipped', 'failed'] as const) totals[k] += entry.status[k];
      utterances += entry.utterance_count;
    }
    for (const name of LINE_OUTPUTS) await staging.write(name, '');
    await staging.writeFile('scores.csv', table.toCsv());
    const summary: MergeSummary = {
      outDir: options.outDir,
      shards: shards.length,
      files: order.length,
      documents: totals,
      utterances,
      elapsedMs: now() - started,
    };
    await staging.writeFile('run.json', `${JSON.stringify(mergedManifest(shards, summary), null, 2)}\n`);
    await staging.commit();
    return summary;
  } catch (err) {
    await staging.abort();
    throw err;
  } finally {
    await Promise.all([...handles.flat(), ...csvHandles].map((h) => h.close()));
  }
}

async function readShardRun(dir: string): Promise<ShardRun> {
  let info: ShardRunInfo;
  try {
    info = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as ShardRunInfo;
  } catch {
    throw new MergeError(`${dir}: not a finished spiral run (no readable run.json)`);
  }
  const spec = typeof info.options?.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(info.options.shard) : null;
  if (!spec) throw new MergeError(`${dir}: not a shard run (it was not made with classify --shard K/N)`);
  if (!info.inputs) throw new MergeError(`${dir}: run.json has no "inputs" (made by an older spiral; run the shard again)`);
  const index = await readRunIndex(dir);
  if (!index) throw new MergeError(`${path.join(dir, INDEX_FILE)}: missing or unreadable`);
  if (index.damaged.length > 0)
    throw new MergeError(
      `${path.join(dir, INDEX_FILE)}:${index.damaged[0]}: damaged or edited line (it does not hash to its line_sha256); run the shard again`,
    );
  return { dir, info, index: Number(spec[1]), count: Number(spec[2]), header: index.header, entries: index.entries };
}

function checkTogether(shards: ShardRun[]): void {
  const first = shards[0];
  const label = (s: ShardRun) => `${s.dir} (shard ${s.index}/${s.count})`;
  for (const s of shards.slice(1)) {
    if (s.count !== first.count) throw new MergeError(`${label(s)} and ${label(first)} split the files into different numbers of shards`);
    if (s.info.inputs!.ids_sha256 !== first.info.inputs!.ids_sha256) throw new MergeError(`${label(s)} was run on other input files than ${label(first)}`);
    if (s.info.lexicon.hash !== first.info.lexicon.hash)
      throw new MergeError(
        `${label(s)} used another lexicon set than ${label(first)} (hash ${s.info.lexicon.hash.slice(0, 12)} vs ${first.info.lexicon.hash.slice(0, 12)})`,
      );
    for (const o of SHARED_OPTIONS) {
      if (JSON.stringify(s.info.options[o] ?? null) !== JSON.stringify(first.info.options[o] ?? null))
        throw new MergeError(`${label(s)} was run with another --${o.replace('_', '-')} than ${label(first)}`);
    }
    if (s.header.key !== first.header.key)
      throw new MergeError(`${label(s)} was run by another build of spiral than ${label(first)}; run every shard with the same build`);
  }
  const byIndex = new Map<number, ShardRun>();
  for (const s of shards) {
    const earlier = byIndex.get(s.index);
    if (earlier) throw new MergeError(`shard ${s.index}/${s.count} given twice: ${earlier.dir} and ${s.dir}`);
    byIndex.set(s.index, s);
  }
  const missing = [];
  for (let k = 1; k <= first.count; k++) if (!byIndex.has(k)) missing.push(`${k}/${first.count}`);
  if (missing.length > 0) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: every shard of the run is needed`);
  for (const s of shards) {
    const stray = s.entries.find((e) => shardOf(e.id, s.count) !== s.index);
    if (stray) throw new MergeError(`${label(s)}: file ${stray.id} belongs to shard ${shardOf(stray.id, s.count)}/${s.count}`);
  }
}

const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Every shard's files in discovery order; the ids must be exactly the corpus the shards were cut from. */
function mergedOrder(shards: ShardRun[]): Array<{ shard: number; entry: IndexEntry }> {
  const order = shards.flatMap((s, shard) => s.entries.map((entry) => ({ shard, entry })));
  order.sort((a, b) => byCodePoint(a.entry.id, b.entry.id));
  for (let i = 1; i < order.length; i++) {
    if (order[i].entry.id === order[i - 1].entry.id) throw new MergeError(`file ${order[i].entry.id} appears in two shard runs`);
  }
  const inputs = shards[0].info.inputs!;
  if (order.length !== inputs.files || inputsHash(order.map((o) => o.entry)) !== inputs.ids_sha256) {
    throw new MergeError(`the shard runs hold ${order.length} files, not the ${inputs.files} files they were cut from; a shard run is incomplete`);
  }
  return order;
}

async function openOutputs(dir: string): Promise<FileHandle[]> {
  try {
    return await openLineOutputs(dir);
  } catch (err) {
    throw new MergeError(`${dir}: cannot open its outputs (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/**
 * Copy an entry's sections into the merged outputs in chunks (a large file's
 * output is never held whole), checking their hash on the way: a mismatch
 * stops the merge, whose staging is then dropped.
 */
async function copySections(shard: ShardRun, handles: FileHandle[], entry: IndexEntry, staging: RunStaging): Promise<FileResult> {
  const copied = await copyEntryData(handles, entry, (section, chunk) => staging.write(LINE_OUTPUTS[section], chunk));
  if (!copied.ok) throw new MergeError(`${shard.dir}: file ${entry.id}: ${copied.problem} (the outputs changed after the run); run the shard again`);
  return entryResult(entry, new Uint8Array(0), false);
}

async function openCsv(dir: string): Promise<FileHandle> {
  try {
    return await open(path.join(dir, UTTERANCES_CSV), 'r');
  } catch (err) {
    throw new MergeError(`${dir}: cannot open its ${UTTERANCES_CSV} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** Copy an entry's utterances.csv rows in chunks, checked against csv_sha256 as the sections are; where they now sit. */
async function copyCsvRows(shard: ShardRun, handle: FileHandle, entry: IndexEntry, staging: RunStaging, offset: number): Promise<CsvSection> {
  if (!(await copyEntryCsv(handle, entry, (chunk) => staging.write(UTTERANCES_CSV, chunk)))) {
    throw new MergeError(
      `${shard.dir}: file ${entry.id}: its ${UTTERANCES_CSV} rows differ from what the index recorded (the outputs changed after the run); run the shard again`,
    );
  }
  return { offset, length: entry.csv[1], sha256: entry.csv_sha256 };
}

function mergedManifest(shards: ShardRun[], summary: MergeSummary) {
  const first = shards[0].info;
  const sorted = [...shards].sort((a, b) => a.index - b.index);
  const sum = (key: string) => shards.reduce((n, s) => n + (s.info.counts[key] ?? 0), 0);
  return {
    tool: 'spiral',
    lexicon: first.lexicon,
    options: { ...first.options, inputs: sorted.map((s) => s.info.options.inputs), shard: null },
    inputs: first.inputs,
    counts: {
      files_discovered: summary.files,
      documents_ok: summary.documents.ok,
      documents_skipped: summary.documents.skipped,
      documents_failed: summary.documents.failed,
      utterances: summary.utterances,
      bytes: sum('bytes'),
    },
    warnings: [...new Set(shards.flatMap((s) => s.info.warnings ?? []))].sort(),
    merged_from: sorted.map((s) => ({ run: s.dir, shard: `${s.index}/${s.count}`, counts: s.info.counts, timings: s.info.timings ?? null })),
    timings: { elapsed_ms: summary.elapsedMs },
  };
}
