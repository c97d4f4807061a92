// The decision layer a run was tagged with, for the uncertainty queue's
// margin (margin.ts): model.yaml of the lexicon set run.json names — its
// folder, or `--lexicons DIR` — checked against the set's hash in run.json, so
// a margin is never computed with numbers the run was not tagged with.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLexiconSet } from '../lexicon/load.js';
import { RUN_FILE } from '../run/folder.js';
import { ReviewError } from './errors.js';
import type { DecisionLayer } from './margin.js';

interface RunLexicon {
  name?: string;
  version?: string;
  hash?: string;
  dir?: string;
}

async function runLexicon(runDir: string): Promise<RunLexicon | undefined> {
  const file = join(runDir, RUN_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const lexicon = (JSON.parse(text) as { lexicon?: unknown }).lexicon;
    return typeof lexicon === 'object' && lexicon !== null ? (lexicon as RunLexicon) : undefined;
  } catch {
    throw new ReviewError(`${file}: not valid JSON`);
  }
}

export interface LoadedLayer {
  layer: DecisionLayer;
  /** Where it came from, for the start-up message. */
  source: string;
}

export async function loadDecisionLayer(runDir: string, lexiconsDir?: string): Promise<LoadedLayer> {
  const recorded = await runLexicon(runDir);
  const dir = lexiconsDir ?? recorded?.dir;
  if (!dir)
    throw new ReviewError(
      `${join(runDir, RUN_FILE)} names no lexicon set: the uncertainty queue needs the decision layer the run was tagged with (give its folder with --lexicons DIR)`,
    );
  const set = loadLexiconSet(dir);
  if (recorded?.hash && set.hash !== recorded.hash) {
    throw new ReviewError(
      `the run was tagged with lexicon set ${recorded.name ?? '?'} ${recorded.version ?? '?'} (sha256 ${recorded.hash.slice(0, 12)}); ${dir} holds ${set.name} ${set.version} (sha256 ${set.hash.slice(0, 12)}): ` +
        'the uncertainty queue needs the decision layer the run was tagged with (give that set with --lexicons DIR, or classify again)',
    );
  }
  return { layer: set.model.moves, source: `${set.name} ${set.version} (${dir})` };
}
