// Sidecar manifests: `manifest.yaml` (or .yml) and `manifest.csv` in a folder
// give metadata for the files in that folder, keyed by file name.
//
//   manifest.yaml — a mapping of file name → fields:
//       KEN_statement.txt: {country: Kenya, date: 1991-10-02, venue: parliament}
//     or a list of entries with a `file` key:
//       - {file: KEN_statement.txt, country: Kenya}
//   manifest.csv — a header row with a `file` column and field columns
//     (country, date, year, speaker, venue, audience, type, title); empty cells are absent.
//
// Problems (bad YAML/CSV, unknown columns, rows naming files that do not exist)
// become warnings with `file:line`; a manifest that cannot be parsed is ignored.
// Parsing is pure; loadManifest does the reading.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { isMap, isSeq, isScalar } from 'yaml';
import { parseYamlLines } from '../yaml/lines.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeBytes } from './decode.js';
import { META_FIELDS, type RawFields } from './types.js';

export interface ManifestRow {
  file: string;
  fields: RawFields;
  where: string; // `dir/manifest.yaml:12`, for warnings about the row's values
}

export interface ParsedManifest {
  rows: ManifestRow[];
  warnings: string[];
}

const FILE_KEYS = ['file', 'filename'];
const KNOWN_KEYS = new Set<string>([...FILE_KEYS, ...META_FIELDS]);

function yamlErrorText(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function unknownKeyWarnings(fields: RawFields, where: string): string[] {
  return Object.keys(fields)
    .filter((k) => !KNOWN_KEYS.has(k))
    .map((k) => `${where}: unknown field ${JSON.stringify(k)} (known: ${META_FIELDS.join(', ')})`);
}

/** Parse manifest YAML text; `name` is how warnings name the file (e.g. `sample/manifest.yaml`). */
export function parseManifestYaml(text: string, name: string): ParsedManifest {
  const yaml = parseYamlLines(text);
  const doc = yaml.doc;
  if (yaml.errors.length > 0) {
    const e = yaml.errors[0];
    return { rows: [], warnings: [`${name}:${e.line}: invalid YAML: ${e.message}; manifest ignored`] };
  }
  // Resolve aliases (`*defaults`) once for the whole file, with a cap on their expansion.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    return { rows: [], warnings: [`${name}:1: invalid YAML: ${yamlErrorText((err as Error).message)}; manifest ignored`] };
  }
  const rows: ManifestRow[] = [];
  const warnings: string[] = [];
  const addRow = (file: unknown, value: unknown, line: number | undefined): void => {
    const where = `${name}:${line ?? 1}`;
    if (typeof file !== 'string' || !file.trim()) {
      warnings.push(`${where}: entry has no file name; ignored`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      warnings.push(`${where}: metadata for ${JSON.stringify(file)} is not a mapping; ignored`);
      return;
    }
    const fields = value as RawFields;
    warnings.push(...unknownKeyWarnings(fields, where));
    rows.push({ file: file.trim(), fields, where });
  };
  const root = doc.contents;
  if (root === null) return { rows, warnings };
  if (isMap(root)) {
    const byKey = value as Record<string, unknown>;
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const file = key === undefined ? undefined : String(key);
      addRow(file, file === undefined || !Object.hasOwn(byKey, file) ? undefined : byKey[file], yaml.lineOf(pair.key));
    }
  } else if (isSeq(root)) {
    root.items.forEach((item, index) => {
      const entry = (value as unknown[])[index] as RawFields | null | undefined;
      const file = entry && typeof entry === 'object' ? FILE_KEYS.map((k) => entry[k]).find((v) => v !== undefined) : undefined;
      addRow(file, entry, yaml.lineOf(item));
    });
  } else {
    warnings.push(`${name}:1: expected a mapping of file names to metadata, or a list of entries with "file"; manifest ignored`);
  }
  return { rows, warnings };
}

/** Parse manifest CSV text (header row with a `file` column). */
export function parseManifestCsv(text: string, name: string): ParsedManifest {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { rows: [], warnings: [`${name}:${e.lines ?? 1}: invalid CSV: ${e.message.split('\n')[0]}; manifest ignored`] };
  }
  if (records.length === 0) return { rows: [], warnings: [] };
  const header = records[0].record.map((h) => h.toLowerCase());
  const fileColumn = header.findIndex((h) => FILE_KEYS.includes(h));
  if (fileColumn === -1) {
    return { rows: [], warnings: [`${name}:${records[0].info.lines}: header has no "file" column; manifest ignored`] };
  }
  const warnings = header
    .filter((h) => !KNOWN_KEYS.has(h))
    .map((h) => `${name}:${records[0].info.lines}: unknown column ${JSON.stringify(h)} (known: ${META_FIELDS.join(', ')}); ignored`);
  const rows: ManifestRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const where = `${name}:${info.lines}`;
    const file = record[fileColumn];
    if (!file) {
      warnings.push(`${where}: row has no file name; ignored`);
      continue;
    }
    const fields: RawFields = {};
    header.forEach((h, i) => {
      if (i !== fileColumn && KNOWN_KEYS.has(h) && record[i] !== '') fields[h] = record[i];
    });
    rows.push({ file, fields, where });
  }
  return { rows, warnings };
}

/** The manifests of one folder, merged: file name → row. */
export interface FolderManifest {
  rows: Map<string, ManifestRow>;
  /** Warnings about the manifest itself (collected once per folder by the context). */
  warnings: string[];
}

/** A manifest larger than this is not metadata for one folder: ignored, with a warning. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** YAML aliases a manifest may expand (a "billion laughs" file would exhaust memory). */
const MAX_YAML_ALIASES = 100;

const MANIFEST_FILES = [
  { file: 'manifest.csv', parse: parseManifestCsv },
  { file: 'manifest.yml', parse: parseManifestYaml },
  { file: 'manifest.yaml', parse: parseManifestYaml },
] as const;

/**
 * Read the manifests in folder `dirAbs` (`dirLabel` names it in warnings, e.g. `sample/sub`).
 * Later files override earlier ones row by row: manifest.yaml > manifest.yml > manifest.csv.
 */
export async function loadFolderManifest(dirAbs: string, dirLabel: string): Promise<FolderManifest> {
  const rows = new Map<string, ManifestRow>();
  const warnings: string[] = [];
  let names: Set<string>;
  try {
    names = new Set(await readdir(dirAbs));
  } catch {
    return { rows, warnings };
  }
  // Any case: discovery leaves `Manifest.CSV` out of the documents, so it must be read here.
  const present = MANIFEST_FILES.flatMap((m) =>
    [...names]
      .filter((n) => n.toLowerCase() === m.file)
      .sort()
      .map((name) => ({ name, parse: m.parse })),
  );
  for (const manifest of present) {
    const label = dirLabel ? posix.join(dirLabel, manifest.name) : manifest.name;
    const read = await readManifestText(join(dirAbs, manifest.name));
    if (!read.ok) {
      warnings.push(`${label}: ${read.reason}; manifest ignored`);
      continue;
    }
    const parsed = parseSafely(manifest.parse, read.text, label);
    warnings.push(...parsed.warnings);
    for (const row of parsed.rows) {
      const earlier = rows.get(row.file);
      if (earlier) warnings.push(`${row.where}: ${JSON.stringify(row.file)} also listed at ${earlier.where}; this entry wins`);
      if (row.file.includes('/') || row.file.includes('\\')) {
        warnings.push(`${row.where}: ${JSON.stringify(row.file)} is not a plain file name (manifests describe files in their own folder); ignored`);
        continue;
      }
      if (!names.has(row.file)) warnings.push(`${row.where}: names a file that does not exist: ${JSON.stringify(row.file)}`);
      rows.set(row.file, row);
    }
  }
  return { rows, warnings };
}

/**
 * A manifest's text, or why it cannot be used. Only regular files are opened:
 * reading a FIFO named manifest.yaml would block the run forever.
 */
async function readManifestText(path: string): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, reason: 'is a folder' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > MAX_MANIFEST_BYTES) return { ok: false, reason: `too large (${info.size} bytes; limit ${MAX_MANIFEST_BYTES})` };
    const decoded = decodeBytes(await readFile(path));
    return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, reason: decoded.reason };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: `unreadable: ${code ?? String(err)}` };
  }
}

/** A parser bug or a hostile file must not stop the run: the manifest is then ignored. */
function parseSafely(parse: (text: string, name: string) => ParsedManifest, text: string, name: string): ParsedManifest {
  try {
    return parse(text, name);
  } catch (err) {
    return { rows: [], warnings: [`${name}: could not be read (${(err as Error)?.message ?? String(err)}); manifest ignored`] };
  }
}
