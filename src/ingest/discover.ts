// Discovery: input paths (files or folders) → the files to ingest, sorted by id.
//
// - A folder is walked with readdir (not with a glob: fast-glob's `**` does not
//   match names that contain a line break, and such files would vanish).
//   `include` globs (fast-glob, relative to the folder, case-insensitive) choose
//   files; by default every file is taken, and files whose extension is not
//   supported are still returned so ingest can report them as skipped
//   ("unsupported format (.xyz)") — nothing is dropped silently. `exclude` globs
//   remove files and folders on purpose. Dotfiles and dot-folders are ignored;
//   manifest.yaml/.yml/.csv (any case) are metadata, not documents.
// - Outputs are never inputs: the run's own output folder and any run folder
//   (one holding run.json and index.jsonl) are not walked, with a warning —
//   `classify in --out in/run` run twice would otherwise read the first run's
//   documents.jsonl and utterances.jsonl as statements.
// - Symbolic links to files are followed when read; links to folders are not
//   walked (so link loops cannot happen) and are reported by ingest.
// - Folders that cannot be walked (unreadable, or a name that is not valid
//   UTF-8) are returned as entries ending in '/', which ingest reports as failed.
// - Names are read as raw bytes and judged on them: a name that is not valid
//   UTF-8 is shown with its invalid bytes (and `%`) %-escaped, and a valid name
//   that could be mistaken for an escaped one has its `%` escaped, so ids stay
//   unique (names.ts). A valid name containing U+FFFD is an ordinary name.
// - ids: posix path relative to the folder; a file given directly: its name;
//   with several inputs, each id is prefixed with its input's name (made unique).
import fg from 'fast-glob';
import { access, readdir, stat } from 'node:fs/promises';
import { constants, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputPathError } from './errors.js';
import { isManifestName } from './formats.js';
import { isValidName, shownName } from './names.js';
import type { DiscoveredFile, DiscoverOptions } from './types.js';

interface Root {
  abs: string;
  isFolder: boolean;
  label?: string;
}

async function resolveRoots(paths: string[]): Promise<Root[]> {
  const seen = new Set<string>();
  const roots: Root[] = [];
  for (const given of paths) {
    const abs = resolve(given);
    if (seen.has(abs)) continue;
    seen.add(abs);
    let isFolder: boolean;
    try {
      isFolder = (await stat(abs)).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputPathError(code === 'ENOENT' ? `input path not found: ${given}` : `input path cannot be read: ${given} (${code})`);
    }
    if (isFolder && !(await canList(abs))) throw new InputPathError(`input folder cannot be read: ${given}`);
    roots.push({ abs, isFolder });
  }
  if (roots.length > 1) labelRoots(roots);
  return roots;
}

/** Each root's name; repeated names get ~2, ~3 in the order given. */
function labelRoots(roots: Root[]): void {
  const used = new Map<string, number>();
  for (const root of roots) {
    const name = basename(root.abs) || 'root';
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    root.label = n === 1 ? name : `${name}~${n}`;
  }
}

async function canList(dirAbs: string): Promise<boolean> {
  try {
    await access(dirAbs, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How include/exclude globs match: relative to the input folder, case-insensitive, never into dot-folders. */
const globOptions = (cwd: string) => ({
  cwd,
  onlyFiles: false,
  followSymbolicLinks: false,
  dot: false,
  suppressErrors: true,
  caseSensitiveMatch: false,
});

interface Found {
  rel: string;
  abs: string;
  /** Where it is, to list a file once when inputs overlap: its path, or (a name not UTF-8, whose path is lossy) its shown path and a NUL. */
  location: string;
  problem?: DiscoveredFile['problem'];
}

/** The paths (files and folders) the globs match under `cwd`, or undefined when there are no globs. */
async function globSet(cwd: string, patterns: string[] | undefined): Promise<Set<string> | undefined> {
  return patterns?.length ? new Set(await fg(patterns, globOptions(cwd))) : undefined;
}

/** A folder's entries with their raw names (a name that is not UTF-8 would come back lossy as a string). */
async function listFolder(abs: string): Promise<Array<Dirent<Buffer>> | undefined> {
  try {
    return await readdir(abs, { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return undefined;
  }
}

/** The files that mark a folder as a spiral run's output (see pipeline/classify.ts). */
export const RUN_FOLDER_MARKERS = ['run.json', 'index.jsonl'] as const;

function isRunFolder(entries: Array<Dirent<Buffer>>): boolean {
  return RUN_FOLDER_MARKERS.every((marker) => entries.some((e) => e.name.equals(Buffer.from(marker)) && !e.isDirectory()));
}

/** Why a folder is not walked as input, if it is an output: the run's own output folder, or an earlier run's. */
function outputFolderReason(abs: string, entries: Array<Dirent<Buffer>>, opts: DiscoverOptions): string | undefined {
  if (opts.outputDir !== undefined && abs === resolve(opts.outputDir)) return 'it is the output folder (--out)';
  if (isRunFolder(entries)) return `it holds a spiral run (${RUN_FOLDER_MARKERS.join(' and ')})`;
  return undefined;
}

/**
 * A folder path two ways: `real` as Node spells it (the path to open, and what
 * include/exclude globs match), `shown` with names escaped (see names.ts): ids.
 */
interface RelPath {
  real: string;
  shown: string;
}

const child = (dir: RelPath, real: string, shown: string): RelPath =>
  dir.real ? { real: `${dir.real}/${real}`, shown: `${dir.shown}/${shown}` } : { real, shown };

async function walkFolder(root: Root, opts: DiscoverOptions): Promise<Found[]> {
  const included = await globSet(root.abs, opts.include);
  const excluded = await globSet(root.abs, opts.exclude);
  const found: Found[] = [];
  const walk = async (dir: RelPath): Promise<void> => {
    const dirAbs = dir.real ? join(root.abs, dir.real) : root.abs;
    const entries = await listFolder(dirAbs);
    if (!entries) {
      found.push({ rel: `${dir.shown}/`, abs: dirAbs, location: `${dirAbs}/`, problem: 'unreadable' });
      return;
    }
    const asOutput = outputFolderReason(dirAbs, entries, opts);
    if (asOutput) {
      opts.warn?.(`folder ${dirAbs} not read as input: ${asOutput}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name[0] === 0x2e) continue; // a dotfile or dot-folder
      const valid = isValidName(entry.name);
      const name = entry.name.toString('utf8'); // lossy (U+FFFD) when not valid
      const rel = child(dir, name, shownName(entry.name));
      if (excluded?.has(rel.real)) continue;
      const abs = join(root.abs, rel.real);
      const location = valid ? abs : `${join(root.abs, rel.shown)}\0`; // NUL: never part of a real path
      // Links are not followed here: a link to a folder is listed as an entry and reported by ingest.
      if (entry.isDirectory()) {
        if (!valid) found.push({ rel: `${rel.shown}/`, abs, location: `${location}/`, problem: 'name-not-utf8' });
        else if (!(await canList(abs))) found.push({ rel: `${rel.shown}/`, abs, location: `${location}/`, problem: 'unreadable' });
        else await walk(rel);
        continue;
      }
      if (valid && isManifestName(name)) continue;
      if (included && !included.has(rel.real)) continue;
      found.push({ rel: rel.shown, abs, location });
    }
  };
  await walk({ real: '', shown: '' });
  return found;
}

/** Code-point order (UTF-16 `<` differs above U+FFFF), so ids sort the same everywhere. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Find the files to ingest under `paths` (files or folders), sorted by id. */
export async function discoverFiles(paths: string[], opts: DiscoverOptions = {}): Promise<DiscoveredFile[]> {
  const roots = await resolveRoots(paths);
  const byLocation = new Map<string, DiscoveredFile>();
  for (const root of roots) {
    if (!root.isFolder) {
      const name = basename(root.abs);
      const file = { root: dirname(root.abs), abs: root.abs, rel: name, id: root.label ?? name };
      if (!byLocation.has(root.abs)) byLocation.set(root.abs, file);
      continue;
    }
    for (const { rel, abs, location, problem } of await walkFolder(root, opts)) {
      // Overlapping inputs (a folder and a file inside it) yield each file once.
      if (byLocation.has(location)) continue;
      const file: DiscoveredFile = { root: root.abs, abs, rel, id: root.label ? `${root.label}/${rel}` : rel };
      if (problem) file.problem = problem;
      byLocation.set(location, file);
    }
  }
  return [...byLocation.values()].sort((a, b) => byCodePoint(a.id, b.id));
}
