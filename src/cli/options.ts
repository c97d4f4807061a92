// Option parsing shared by commands: paths relative to the user's folder,
// numbers and enums checked with a message that names the option.
import path from 'node:path';
import { spiralCacheDir } from '../lexicon/cache.js';
import { BUNDLED_LEXICONS } from '../lexicon/paths.js';
import { UsageError, type CliContext } from './context.js';

export function resolvePath(ctx: CliContext, p: string): string {
  return path.resolve(ctx.cwd, p);
}

/** A required whole number ≥ 1 (`spiral scores`, `spiral status`: --period, --bootstrap). */
export function parsePositiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} must be a positive integer (got "${value}")`);
  return Number(value);
}

export function lexiconDir(ctx: CliContext, option: string | undefined): string {
  return option ? resolvePath(ctx, option) : BUNDLED_LEXICONS;
}

/**
 * Where compiled lexicon sets are cached (lexicon/cache.ts: $SPIRAL_CACHE_DIR,
 * $XDG_CACHE_HOME/spiral or ~/.cache/spiral), or false under `--no-cache`
 * (commander gives `cache: false`).
 */
export function lexiconCache(ctx: CliContext, cache: unknown): string | false {
  return cache === false ? false : spiralCacheDir(ctx.env);
}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
