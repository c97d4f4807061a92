// Which file extensions are documents, and which format reads them.
import { posix } from 'node:path';

export const FORMATS = ['txt', 'md', 'html', 'json', 'jsonl', 'pdf', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSION_FORMATS: Record<string, Format> = {
  txt: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  json: 'json',
  jsonl: 'jsonl',
  pdf: 'pdf',
  docx: 'docx',
};

/** Extensions discovery includes by default (case-insensitive). */
export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSION_FORMATS).sort();

/** Sidecar metadata files: read by ingest, never documents themselves. */
export const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.csv'] as const;

export function isManifestName(name: string): boolean {
  return (MANIFEST_NAMES as readonly string[]).includes(name.toLowerCase());
}

/** The lower-case extension without the dot, or '' when there is none. */
export function extensionOf(relPath: string): string {
  const base = posix.basename(relPath);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function formatOf(relPath: string): Format | undefined {
  return EXTENSION_FORMATS[extensionOf(relPath)];
}

export function unsupportedReason(relPath: string): string {
  const ext = extensionOf(relPath);
  return ext ? `unsupported format (.${ext})` : 'unsupported format (no extension)';
}

/**
 * Documentation that travels with corpora (README.md, LICENSE.txt, ...): reported
 * as skipped rather than classified as a government statement.
 */
const DOCUMENTATION_STEMS = new Set(['readme', 'license', 'licence', 'changelog']);

export function isDocumentationName(relPath: string): boolean {
  const base = posix.basename(relPath).toLowerCase();
  const dot = base.lastIndexOf('.');
  return DOCUMENTATION_STEMS.has(dot > 0 ? base.slice(0, dot) : base);
}

export function documentationReason(relPath: string): string {
  return `documentation file (${posix.basename(relPath)}), not a statement`;
}
