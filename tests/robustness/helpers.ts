// Shared pieces of the robustness suite: temp folders with generated fixtures,
// and `spiral classify` run in-process as a user would run it, with its
// outputs read back. Nothing here is committed binary data.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { DocumentRecord, UtteranceRecord } from '../../src/types.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'spiral-robust-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Write files (strings as UTF-8, or raw bytes) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

export interface ClassifyRun extends CliRun {
  out: string;
  docs: DocumentRecord[];
  utterances: UtteranceRecord[];
  /** documents.jsonl by id. */
  byId: Map<string, DocumentRecord>;
}

/** `spiral classify <inputs> --out <tmp> -q --workers 1 --lexicons lexicon-mini [...extra]`, outputs read back. */
export async function classify(inputs: string[], extra: string[] = []): Promise<ClassifyRun> {
  const out = path.join(tempDir('spiral-robust-out-'), 'run');
  const run = await runCli(['classify', ...inputs, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS, ...extra]);
  const docsFile = path.join(out, 'documents.jsonl');
  const docs = existsSync(docsFile) ? readJsonl<DocumentRecord>(docsFile) : [];
  const uttFile = path.join(out, 'utterances.jsonl');
  const utterances = existsSync(uttFile) ? readJsonl<UtteranceRecord>(uttFile) : [];
  return { ...run, out, docs, utterances, byId: new Map(docs.map((d) => [d.id, d])) };
}

/** A CLI run never prints a stack trace: no "    at " frame lines, no "internal error". */
export function noStackTrace(text: string): boolean {
  return !/^\s{4}at /m.test(text) && !text.includes('internal error');
}

/** The utterance texts of one document joined, to check what was decoded. */
export function textOf(run: ClassifyRun, docId: string): string {
  return run.utterances
    .filter((u) => u.doc === docId)
    .map((u) => u.text)
    .join(' ');
}
