// Outputs made from a run (RUN/scores/*.json, RUN/status/*.json, the report)
// record the run they came from: its content hash, `run_sha256`. A run's
// content hash is the sha256 of its index.jsonl, which holds the sha256 of
// every file's lines (a run without an index, hand-made or very old: of its
// utterances.jsonl). A reader compares the recorded hash with the run's own,
// so scores or phases from an earlier run in the same folder are never shown
// as if they were this run's.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fsFailure } from './errors.js';
import { UTTERANCES_FILE } from './folder.js';

/** The field derived outputs record the run's content hash in. */
export const RUN_HASH_FIELD = 'run_sha256';
/** The same, in report.html: `<meta name="spiral-run-sha256" content="…">`. */
export const RUN_HASH_META = 'spiral-run-sha256';

const INDEX_FILE = 'index.jsonl';

function hashFileStream(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', (err) => reject(fsFailure(err, `${file}: cannot read`)));
  });
}

/** The run's content hash: sha256 of index.jsonl, or of utterances.jsonl when there is no index. */
export function runContentHash(runDir: string): Promise<string> {
  const index = path.join(runDir, INDEX_FILE);
  return hashFileStream(existsSync(index) ? index : path.join(runDir, UTTERANCES_FILE));
}

/** `value` with `run_sha256` recorded (right after its `run` field when it has one). */
export function stampRun<T extends object>(value: T, runSha256: string): T & { run_sha256: string } {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, v] of Object.entries(value)) {
    if (key === RUN_HASH_FIELD) continue;
    out[key] = v;
    if (key === 'run') {
      out[RUN_HASH_FIELD] = runSha256;
      placed = true;
    }
  }
  if (!placed) out[RUN_HASH_FIELD] = runSha256;
  return out as T & { run_sha256: string };
}

/** Whether a derived output was made from the run whose hash is `runSha256`: yes, from another run, or it does not say. */
export type Provenance = { kind: 'this-run' } | { kind: 'other-run'; recorded: string } | { kind: 'unrecorded' };

export function provenanceOf(recorded: unknown, runSha256: string): Provenance {
  if (typeof recorded !== 'string' || recorded === '') return { kind: 'unrecorded' };
  return recorded === runSha256 ? { kind: 'this-run' } : { kind: 'other-run', recorded };
}

/** Provenance of a parsed JSON output. */
export function jsonProvenance(value: unknown, runSha256: string): Provenance {
  const recorded = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[RUN_HASH_FIELD] : undefined;
  return provenanceOf(recorded, runSha256);
}

/** "made from another run (abc123… ; this run is def456…)" — the words readers use. */
export function provenanceText(p: Exclude<Provenance, { kind: 'this-run' }>, runSha256: string): string {
  return p.kind === 'other-run'
    ? `made from another run (its run_sha256 ${p.recorded.slice(0, 12)}…, this run's ${runSha256.slice(0, 12)}…)`
    : 'does not record which run it was made from (written by an older spiral?)';
}

const META = new RegExp(`<meta name="${RUN_HASH_META}" content="([0-9a-f]{64})">`);
/** report.html records the hash in its head, within its first bytes. */
const HEAD_BYTES = 16 * 1024;

async function reportHash(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return META.exec(head.subarray(0, bytesRead).toString('utf8'))?.[1];
  } finally {
    await handle.close();
  }
}

/** The derived outputs a run folder may hold, relative to it (what `spiral scores`, `status` and `report` write by default). */
async function derivedOutputs(runDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ['scores', 'status']) {
    const names = await readdir(path.join(runDir, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) found.push(path.join(folder, name));
  }
  for (const name of ['status.json', 'report.html']) if (existsSync(path.join(runDir, name))) found.push(name);
  return found;
}

/** Derived outputs in `runDir` that were not made from the run now in it (relative names). */
export async function staleDerivedOutputs(runDir: string): Promise<string[]> {
  const runSha256 = await runContentHash(runDir);
  const stale: string[] = [];
  for (const rel of await derivedOutputs(runDir)) {
    const file = path.join(runDir, rel);
    try {
      const recorded = rel.endsWith('.html') ? await reportHash(file) : (JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>)[RUN_HASH_FIELD];
      if (provenanceOf(recorded, runSha256).kind !== 'this-run') stale.push(rel);
    } catch {
      stale.push(rel);
    }
  }
  return stale;
}
