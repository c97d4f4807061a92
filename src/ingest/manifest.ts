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
import { readFile, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
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

function lineOf(node: Node | null | undefined, counter: LineCounter): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

function unknownKeyWarnings(fields: RawFields, where: string): string[] {
  return Object.keys(fields)
    .filter((k) => !KNOWN_KEYS.has(k))
    .map((k) => `${where}: unknown field ${JSON.stringify(k)} (known: ${META_FIELDS.join(', ')})`);
}

/** Parse manifest YAML text; `name` is how warnings name the file (e.g. `sample/manifest.yaml`). */
export function parseManifestYaml(text: string, name: string): ParsedManifest {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { rows: [], warnings: [`${name}:${e.linePos?.[0].line ?? 1}: invalid YAML: ${yamlErrorText(e.message)}; manifest ignored`] };
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
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      addRow(key === undefined ? undefined : String(key), (pair.value as Node | null)?.toJSON(), lineOf(pair.key as Node, counter));
    }
  } else if (isSeq(root)) {
    for (const item of root.items) {
      const value = (item as Node | null)?.toJSON() as RawFields | undefined;
      const file = value && typeof value === 'object' ? FILE_KEYS.map((k) => value[k]).find((v) => v !== undefined) : undefined;
      addRow(file, value, lineOf(item as Node, counter));
    }
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
  const present = MANIFEST_FILES.filter((m) => names.has(m.file));
  for (const manifest of present) {
    const label = dirLabel ? posix.join(dirLabel, manifest.file) : manifest.file;
    let text: string;
    try {
      const decoded = decodeBytes(await readFile(join(dirAbs, manifest.file)));
      if (!decoded.ok) {
        warnings.push(`${label}: ${decoded.reason}; manifest ignored`);
        continue;
      }
      text = decoded.text;
    } catch (err) {
      warnings.push(`${label}: unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}; manifest ignored`);
      continue;
    }
    const parsed = manifest.parse(text, label);
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
