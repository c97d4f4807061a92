// A run folder and the files in it, as written by `spiral classify` (and
// `spiral merge`); reading commands check the folder with requireRun after
// recoverRunDir has finished or dropped what a killed run left.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RunError } from './errors.js';

export const UTTERANCES_FILE = 'utterances.jsonl';
export const DOCUMENTS_FILE = 'documents.jsonl';
export const RECOMMENDATIONS_FILE = 'recommendations.jsonl';
export const RUN_FILE = 'run.json';

/** Check that `runDir` is a run folder and return the path of its utterances file. */
export function requireRun(runDir: string): string {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new RunError(`run folder not found: ${runDir}`);
  const file = join(runDir, UTTERANCES_FILE);
  if (!existsSync(file)) throw new RunError(`${file}: missing — is ${runDir} a folder written by spiral classify?`);
  const kind = statSync(file);
  if (!kind.isFile())
    throw new RunError(
      `${file}: ${kind.isDirectory() ? 'is a folder, not a file' : 'is not a regular file'} — is ${runDir} a folder written by spiral classify?`,
    );
  return file;
}
