// Edge: read every <ISO3>.yaml of a facts folder. Files named otherwise are
// ignored (a README may live there); ids must be unique across the folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, type Problem } from './errors.js';
import { factIds, parseFacts } from './facts.js';
import type { CountryFacts } from './types.js';

const FACTS_FILE = /^([A-Z]{3})\.ya?ml$/;

export function loadFactsDir(dir: string): Map<string, CountryFacts> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir).sort();
  } catch {
    throw new InputFileError([{ file: dir, message: 'facts folder not found' }]);
  }
  const facts = new Map<string, CountryFacts>();
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const m = FACTS_FILE.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    try {
      const f = parseFacts(readFileSync(file, 'utf8'), file, m[1]);
      for (const id of factIds(f)) {
        const other = seen.get(id);
        if (other) problems.push({ file, message: `fact id "${id}" is also used in ${other}` });
        else seen.set(id, file);
      }
      facts.set(f.country, f);
    } catch (err) {
      if (err instanceof InputFileError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new InputFileError(problems);
  return facts;
}
