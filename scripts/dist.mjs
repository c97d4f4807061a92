// What the scripts share: the project root, the compiled code they read (dist/,
// or the folder SPIRAL_DIST names, to try another build) and their option syntax.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.SPIRAL_DIST ?? path.join(ROOT, 'dist');

/** A compiled module (`importDist('cli/main.js')`); exits 2 with a hint when the build is missing. */
export async function importDist(relative) {
  const file = path.join(DIST, relative);
  if (!fs.existsSync(file)) {
    process.stderr.write(`${path.relative(ROOT, file)} not found: run \`npm run build\` first\n`);
    process.exit(2);
  }
  return import(file);
}

/** `--name VALUE` from the command line, or the fallback. */
export function option(name, fallback, args = process.argv.slice(2)) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}
