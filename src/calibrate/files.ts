// The file edge of calibrate: read the set's files and the gold files, write
// the outputs. Every file is written through a temporary file and a rename; the
// new lexicon folder is built beside the old one and swapped in whole.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readGoldFile } from '../eval/files.js';
import { writeFileAtomicSync as writeFileAtomic } from '../run/atomic.js';
import { mergeGold, type MergedGold } from './gold.js';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every file of a lexicon folder and its `cases/` (relative path → text), in name order. */
export function readSetFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (rel: string) => {
    const full = path.join(dir, rel);
    if (statSync(full).isFile()) out[rel] = readFileSync(full, 'utf8');
  };
  for (const name of readdirSync(dir).sort()) if (name !== 'cases') add(name);
  const cases = path.join(dir, 'cases');
  if (isDir(cases)) for (const name of readdirSync(cases).sort()) add(`cases/${name}`);
  return out;
}

export function readGoldFiles(paths: readonly string[]): MergedGold {
  return mergeGold(paths.map((file) => ({ file, items: readGoldFile(file) })));
}

/** Write a whole folder: build it beside the target, then replace the target with it. */
export function writeFolderAtomic(target: string, files: Readonly<Record<string, string>>): void {
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.staging-${randomBytes(6).toString('hex')}`);
  try {
    for (const [rel, text] of Object.entries(files)) {
      const full = path.join(staging, rel);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text, 'utf8');
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

export function writeOutputs(outDir: string, files: Readonly<Record<string, string>>): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileAtomic(path.join(outDir, name), text);
}

export const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
