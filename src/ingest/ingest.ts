// One discovered file → documents (one per text; one per record in JSON/JSONL)
// and records for everything that could not be read, each with a reason.
// Never throws for a bad file: every outcome is an IngestItem.
import { dirname, posix } from 'node:path';
import type { DocMeta, DocStatus, DocumentRecord, MetaSource, SourceDocument } from '../types.js';
import type { IngestContext } from './context.js';
import { fieldsFromFileName } from './filename.js';
import { documentationReason, formatOf, isDocumentationName, unsupportedReason, type Format } from './formats.js';
import { readDocx } from './formats/docx.js';
import { readHtml } from './formats/html.js';
import { readJson, readJsonLines } from './formats/json.js';
import { readMarkdown } from './formats/markdown.js';
import type { FormatReader, Part } from './formats/part.js';
import { readPdf } from './formats/pdf.js';
import { readText } from './formats/text.js';
import { isKnownEncoding } from './decode.js';
import { ENCODING_KEY } from './manifest.js';
import { checkFields, orderedMeta, resolveMeta } from './metadata.js';
import { hashFile, MAX_FILE_BYTES, probeFile, readBytes, sha256 } from './read.js';
import { META_FIELDS, type DiscoveredFile, type IngestItem, type MetaLayer, type RawFields } from './types.js';

const READERS: Record<Format, FormatReader> = {
  txt: readText,
  md: readMarkdown,
  html: readHtml,
  json: readJson,
  jsonl: readJsonLines,
  pdf: readPdf,
  docx: readDocx,
};

/** Metadata every part of a file shares: manifest row, file name, defaults; and the encoding its manifest row forces. */
interface Shared {
  layers: MetaLayer[];
  warnings: string[];
  encoding?: string;
}

/** The encoding a manifest row forces, if it names one iconv-lite knows. */
function rowEncoding(fields: RawFields, where: string): { encoding?: string; warnings: string[] } {
  const value = fields[ENCODING_KEY];
  if (value === undefined || value === null || value === '') return { warnings: [] };
  if (typeof value === 'string' && isKnownEncoding(value)) return { encoding: value, warnings: [] };
  return { warnings: [`${where}: unknown encoding ${JSON.stringify(value)}; ignored`] };
}

async function sharedLayers(file: DiscoveredFile, ctx: IngestContext): Promise<Shared> {
  const layers: MetaLayer[] = [ctx.defaults];
  const warnings: string[] = [];
  const fromName = fieldsFromFileName(file.rel, ctx.namePattern);
  if (fromName) {
    const checked = checkFields(fromName, 'file_name');
    layers.push(checked.layer);
    warnings.push(...checked.warnings);
  }
  const dirLabel = posix.dirname(file.id);
  const manifest = await ctx.folderManifest(dirname(file.abs), dirLabel === '.' ? '' : dirLabel);
  const row = manifest.rows.get(posix.basename(file.rel));
  if (!row) return { layers, warnings };
  const checked = checkFields(row.fields, 'manifest', row.where);
  layers.push(checked.layer);
  warnings.push(...checked.warnings);
  const forced = rowEncoding(row.fields, row.where);
  warnings.push(...forced.warnings);
  return { layers, warnings, encoding: forced.encoding };
}

interface FileFacts {
  format?: Format;
  encoding?: string;
  sha256?: string;
  bytes?: number;
}

function orderedSources(sources: Partial<Record<keyof DocMeta, MetaSource>>): Partial<Record<keyof DocMeta, MetaSource>> {
  const out: Partial<Record<keyof DocMeta, MetaSource>> = {};
  for (const field of META_FIELDS) if (sources[field] !== undefined) out[field] = sources[field];
  return out;
}

function emptyTextReason(format: Format | undefined, part: Part): string {
  if (part.index !== undefined) return 'empty "text"';
  if (format === 'md' && part.own) return 'no text after the front matter';
  return 'no text (empty or only white space)';
}

/** Build the item for one part (or for the whole file when `part` has no text). */
function toItem(file: DiscoveredFile, facts: FileFacts, shared: Shared, part: Part): IngestItem {
  const layers = [...shared.layers];
  const warnings = [...shared.warnings];
  if (part.own) {
    const checked = checkFields(part.own.fields, part.own.source);
    layers.push(checked.layer);
    warnings.push(...checked.warnings);
  }
  warnings.push(...part.warnings);
  const resolved = resolveMeta(layers);
  warnings.push(...resolved.warnings);
  const id = part.index === undefined ? file.id : `${file.id}#${part.index}`;
  const encoding = part.encoding ?? facts.encoding;
  if (part.text !== undefined && part.text.trim() !== '' && part.status === undefined) {
    const doc: SourceDocument = {
      id,
      path: file.rel,
      format: facts.format!,
      encoding: encoding ?? 'unknown',
      sha256: facts.sha256!,
      bytes: facts.bytes!,
      text: part.text,
      meta: orderedMeta(resolved.meta),
      metaSources: orderedSources(resolved.metaSources),
      warnings,
    };
    return { kind: 'document', doc };
  }
  const status: DocStatus = part.status ?? 'skipped';
  const reason = part.reason ?? emptyTextReason(facts.format, part);
  return { kind: 'record', record: buildRecord(id, file, { ...facts, encoding }, status, reason, resolved, warnings) };
}

function buildRecord(
  id: string,
  file: DiscoveredFile,
  facts: FileFacts,
  status: DocStatus,
  reason: string,
  resolved: ReturnType<typeof resolveMeta>,
  warnings: string[],
): DocumentRecord {
  const record: DocumentRecord = { id, path: file.rel, status, reason, meta: orderedMeta(resolved.meta), utterances: 0 };
  if (facts.format !== undefined) record.format = facts.format;
  if (facts.encoding !== undefined) record.encoding = facts.encoding;
  if (facts.sha256 !== undefined) record.sha256 = facts.sha256;
  if (facts.bytes !== undefined) record.bytes = facts.bytes;
  if (Object.keys(resolved.metaSources).length > 0) record.meta_sources = orderedSources(resolved.metaSources);
  if (warnings.length > 0) record.warnings = warnings;
  return record;
}

/** A file-level outcome (the whole file skipped or failed). */
function fileRecord(file: DiscoveredFile, facts: FileFacts, shared: Shared, status: 'skipped' | 'failed', reason: string): IngestItem {
  return toItem(file, facts, shared, { warnings: [], status, reason });
}

/** A folder discovery could not walk. */
function folderItem(file: DiscoveredFile): IngestItem {
  const invalidName = file.problem === 'name-not-utf8';
  const reason = invalidName ? 'folder name is not valid UTF-8 (its files could not be listed)' : 'unreadable folder (its files could not be listed)';
  return { kind: 'record', record: { id: file.id, path: file.rel, status: 'failed', reason, meta: {}, utterances: 0 } };
}

/** Read one discovered file into documents and/or records. */
export async function ingestFile(file: DiscoveredFile, ctx: IngestContext): Promise<IngestItem[]> {
  if (file.rel.endsWith('/')) return [folderItem(file)];
  const shared = await sharedLayers(file, ctx);
  const format = formatOf(file.rel);
  const probe = await probeFile(file);
  if (!probe.ok) return [fileRecord(file, { format }, shared, probe.status, probe.reason)];
  const base: FileFacts = { format, bytes: probe.bytes };
  if (isDocumentationName(file.rel)) {
    return [fileRecord(file, { ...base, sha256: await hashFile(probe.path) }, shared, 'skipped', documentationReason(file.rel))];
  }
  if (!format) return [fileRecord(file, { ...base, sha256: await hashFile(probe.path) }, shared, 'skipped', unsupportedReason(file.rel))];
  if (probe.bytes > MAX_FILE_BYTES) {
    const reason = `file too large (${probe.bytes} bytes; limit ${MAX_FILE_BYTES})`;
    return [fileRecord(file, { ...base, sha256: await hashFile(probe.path) }, shared, 'skipped', reason)];
  }
  const read = await readBytes(probe.path);
  if (!read.ok) return [fileRecord(file, base, shared, 'failed', read.reason)];
  const facts: FileFacts = { format, sha256: sha256(read.bytes), bytes: read.bytes.length };
  if (read.bytes.length === 0) return [fileRecord(file, facts, shared, 'skipped', 'empty file')];
  let parts: Part[];
  try {
    parts = await READERS[format](read.bytes, { encoding: shared.encoding ?? ctx.encoding });
  } catch (err) {
    // A reader bug or a library crash on a hostile file: still accounted for.
    parts = [{ warnings: [], status: 'failed', reason: `could not read ${format}: ${(err as Error)?.message ?? String(err)}` }];
  }
  return parts.map((part) => toItem(file, facts, shared, part));
}
