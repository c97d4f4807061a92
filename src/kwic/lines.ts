// Utterance lines with the optional `target` (codebook: whose conduct is at
// stake: self, other, general; na for `none`). Runs made before targets were
// tagged have no such field: target is then null and nothing filters on it.
import { forEachUtterance } from '../run/aggregate.js';
import type { UtteranceLine } from '../run/lines.js';

export { TARGETS, type Target } from '../types.js';

/** An utterance line: the run's reader gives each its `target` (null in older runs). */
export type TargetedUtterance = UtteranceLine;

/** Every line of an utterances file, checked (file:line on a bad one), with its target. */
export async function forEachTargetedUtterance(file: string, onUtterance: (u: TargetedUtterance) => void): Promise<void> {
  await forEachUtterance(file, (u) => onUtterance(u));
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
