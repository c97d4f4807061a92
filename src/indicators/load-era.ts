// Edge: the era reference table (per decade, the distribution across countries
// of the self-rejecting share) bundled in corpus/facts/era/, or another one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputFileError } from './errors.js';
import { parseEraCsv, type EraReference } from './era.js';

/** The bundled table, regenerated from the whole General Debate corpus by scripts/era-reference.mjs. */
export const BUNDLED_ERA_FILE = fileURLToPath(new URL('../../corpus/facts/era/self-reference.csv', import.meta.url));

export function loadEra(file: string = BUNDLED_ERA_FILE): EraReference {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputFileError([{ file, message: 'era reference table not found' }]);
  }
  try {
    return parseEraCsv(text, file);
  } catch (err) {
    const message = (err as Error).message;
    const at = /^.*?:(\d+): (.*)$/.exec(message);
    throw new InputFileError([at ? { file, line: Number(at[1]), message: at[2] } : { file, message: message.replace(`${file}: `, '') }]);
  }
}
