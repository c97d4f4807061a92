// Utterance lines with the optional `target` (codebook: whose conduct is at
// stake: self, other, general; na for `none`). Runs made before targets were
// tagged have no such field: target is then null and nothing filters on it.
import { forEachJsonLine } from '../run/jsonl.js';
import { readUtteranceLine, type UtteranceLine } from '../run/lines.js';

export const TARGETS = ['self', 'other', 'general', 'na'] as const;
export type Target = (typeof TARGETS)[number];

export interface TargetedUtterance extends UtteranceLine {
  target: Target | null;
}

export function targetOf(value: unknown): Target | null {
  const t = typeof value === 'object' && value !== null ? (value as { target?: unknown }).target : undefined;
  return (TARGETS as readonly unknown[]).includes(t) ? (t as Target) : null;
}

/** Every line of an utterances file, checked (file:line on a bad one), with its target. */
export async function forEachTargetedUtterance(file: string, onUtterance: (u: TargetedUtterance) => void): Promise<void> {
  await forEachJsonLine(file, (value) => onUtterance({ ...readUtteranceLine(value), target: targetOf(value) }));
}

/** A comma-separated list option ("KEN,CHL") as a set; undefined when not given. */
export function listOption(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}
