// The file edge of eval: read a gold file, shape the misclassified items (written by
// the command through src/run/atomic.ts).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GoldFormatError, parseGold, type GoldItem } from './gold.js';
import type { Misclassification } from './evaluate.js';

export function readGoldFile(path: string): GoldItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new GoldFormatError(path, [`${path}: cannot read gold file (${reason})`]);
  }
  return parseGold(text, path);
}

/**
 * Default place for the errors file: the current folder, `dev.jsonl` →
 * `dev.errors.jsonl` (`dev.check.errors.jsonl` for a split). Never beside the
 * gold file, which may be read-only shared data.
 */
export function defaultErrorsPath(goldPath: string, cwd: string, split?: string): string {
  const name = basename(goldPath).replace(/\.jsonl?$/i, '');
  return join(cwd, `${name}${split ? `.${split}` : ''}.errors.jsonl`);
}

export function misclassificationsJsonl(errors: readonly Misclassification[]): string {
  return errors.map((error) => JSON.stringify(error)).join('\n') + (errors.length > 0 ? '\n' : '');
}
