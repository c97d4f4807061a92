// What a file's cached output depends on, as hashes. A file's lines are reused
// only when all of these are unchanged:
// - the run key: spiral's own code, the options that change output (format,
//   name pattern, default metadata, forced case, forced encoding) and the base lexicon (every
//   lexicon file except the case overlays);
// - the file: its id, the sha256 of its raw bytes, its path and its manifest row;
// - the case overlays its documents were tagged with (one per country), so
//   editing cases/KEN.yaml re-tags Kenya's files and nothing else.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { codeFingerprint } from '../build.js';
import type { DiscoveredFile, IngestContext } from '../ingest/index.js';
import type { LexiconSet } from '../lexicon/types.js';
import type { DocMeta } from '../types.js';
import { LexiconChangedError } from './file.js';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface LexiconParts {
  /** Hash of every file of the set except cases/. */
  base: string;
  /** Case-overlay country → hash of its file. */
  overlays: Map<string, string>;
}

/** The set's files in the loader's order: top-level YAML by name, then cases/ by name. */
function lexiconFiles(dir: string): string[] {
  const yaml = (names: string[]) => names.filter((n) => /\.ya?ml$/.test(n)).sort();
  const files = yaml(readdirSync(dir));
  const casesDir = join(dir, 'cases');
  if (isDir(casesDir)) files.push(...yaml(readdirSync(casesDir)).map((n) => `cases/${n}`));
  return files;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** As the loader hashes: a regular file's bytes, nothing for anything else (a FIFO would block). */
function regularFileOrEmpty(file: string): Buffer {
  try {
    return statSync(file).isFile() ? readFileSync(file) : Buffer.alloc(0);
  } catch {
    return Buffer.alloc(0);
  }
}

/**
 * Hash the set's files separately. Recombined the way the loader hashes them,
 * they must give `set.hash`: otherwise a file changed since the set was loaded.
 */
export function lexiconParts(set: LexiconSet): LexiconParts {
  const whole = createHash('sha256');
  const base = createHash('sha256');
  const overlays = new Map<string, string>();
  const byFile = new Map(Object.values(set.cases).map((c) => [c.file, c.country]));
  for (const rel of lexiconFiles(set.dir)) {
    const content = regularFileOrEmpty(join(set.dir, rel));
    whole.update(rel).update('\0').update(content).update('\0');
    const country = byFile.get(rel);
    if (country) overlays.set(country, sha256(content));
    else base.update(rel).update('\0').update(content).update('\0');
  }
  if (whole.digest('hex') !== set.hash) throw new LexiconChangedError(set.dir);
  return { base: base.digest('hex'), overlays };
}

/** spiral's build (src/build.ts): a new build invalidates the cache. */
export { codeFingerprint };

export interface OutputOptions {
  format?: string;
  namePattern?: string;
  defaults?: DocMeta;
  caseCountry?: string;
  encoding?: string;
}

export interface RunKey {
  key: string;
  code: string;
  options: string;
  lexiconBase: string;
}

export function runKey(parts: LexiconParts, options: OutputOptions): RunKey {
  const code = codeFingerprint();
  const optionsHash = sha256(
    stableJson({
      format: options.format ?? null,
      name_pattern: options.namePattern ?? null,
      defaults: options.defaults ?? {},
      case: options.caseCountry ?? null,
      encoding: options.encoding ?? null,
    }),
  );
  return { key: sha256(`${code}\0${optionsHash}\0${parts.base}`), code, options: optionsHash, lexiconBase: parts.base };
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The file's metadata inputs outside its bytes: its path (file-name metadata) and its manifest row. */
export async function metaHash(file: DiscoveredFile, ingest: IngestContext): Promise<string> {
  if (file.rel.endsWith('/')) return sha256(stableJson({ rel: file.rel }));
  const label = posix.dirname(file.id);
  const manifest = await ingest.folderManifest(dirname(file.abs), label === '.' ? '' : label);
  const row = manifest.rows.get(posix.basename(file.rel));
  return sha256(stableJson({ rel: file.rel, row: row ? { fields: row.fields, where: row.where } : null }));
}

/** Overlay hashes of the codes a file's documents used (null: no overlay for that country). */
export function overlayHashes(parts: LexiconParts, codes: string[]): Record<string, string | null> {
  return Object.fromEntries(codes.map((c) => [c, parts.overlays.get(c) ?? null]));
}
