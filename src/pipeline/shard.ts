// `--shard K/N`: a deterministic 1/N of the files, chosen by a hash of each
// file's id so that a file's shard does not change when others are added.
import { createHash } from 'node:crypto';

export interface Shard {
  index: number; // 1-based
  count: number;
}

/** Most shards: a file's shard comes from 32 bits of its id's hash, so more would leave shards empty forever. */
export const MAX_SHARDS = 2 ** 32;

export function parseShard(spec: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) return undefined;
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return undefined;
  return { index, count };
}

export function shardOf(id: string, count: number): number {
  return (createHash('sha256').update(id).digest().readUInt32BE(0) % count) + 1;
}

export function selectShard<T extends { id: string }>(files: T[], shard: Shard): T[] {
  return files.filter((f) => shardOf(f.id, shard.count) === shard.index);
}

/** sha256 of every discovered file id (before sharding), in order: shards of one corpus share it. */
export function inputsHash(files: Array<{ id: string }>): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.id).update('\0');
  return h.digest('hex');
}
