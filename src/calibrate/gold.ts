// Several gold files (an eval gold set, review exports) calibrate together. The
// same id in two files is one item when text and label agree; otherwise it is
// an error naming both places, since one of the two codings must be wrong.
import type { GoldItem } from '../eval/gold.js';
import { UserFacingError } from '../errors.js';

export class GoldMergeError extends UserFacingError {}

export interface GoldFile {
  file: string;
  items: GoldItem[];
}

export interface MergedGold {
  items: GoldItem[];
  /** The ids read from each file, in file order (an id read earlier is not repeated). */
  files: string[][];
  /** Items skipped because an earlier file had the same id, text and label. */
  duplicates: number;
}

export function mergeGold(files: readonly GoldFile[]): MergedGold {
  const seen = new Map<string, { item: GoldItem; file: string }>();
  const items: GoldItem[] = [];
  const ids: string[][] = [];
  let duplicates = 0;
  for (const { file, items: fileItems } of files) {
    const own: string[] = [];
    ids.push(own);
    for (const item of fileItems) {
      const first = seen.get(item.id);
      if (!first) {
        seen.set(item.id, { item, file });
        items.push(item);
        own.push(item.id);
        continue;
      }
      if (first.item.text === item.text && first.item.label === item.label) {
        duplicates++;
        continue;
      }
      throw new GoldMergeError(`${file}:${item.line}: id "${item.id}" was already read from ${first.file}:${first.item.line} with a different text or label`);
    }
  }
  return { items, files: ids, duplicates };
}
