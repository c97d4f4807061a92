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
// - File names that are not valid UTF-8 get their invalid bytes %-escaped.
// - ids: posix path relative to the folder; a file given directly: its name;
//   with several inputs, each id is prefixed with its input's name (made unique).
import fg from 'fast-glob';
import { access, readdir, stat } from 'node:fs/promises';
import { constants, type Dirent } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { InputPathError } from './errors.js';
import { isManifestName } from './formats.js';
import { escapeInvalidUtf8, hasReplacementChar, rawNamesLike } from './names.js';
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
}

/** The paths (files and folders) the globs match under `cwd`, or undefined when there are no globs. */
async function globSet(cwd: string, patterns: string[] | undefined): Promise<Set<string> | undefined> {
  return patterns?.length ? new Set(await fg(patterns, globOptions(cwd))) : undefined;
}

async function listFolder(abs: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(abs, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** The files that mark a folder as a spiral run's output (see pipeline/classify.ts). */
export const RUN_FOLDER_MARKERS = ['run.json', 'index.jsonl'] as const;

function isRunFolder(entries: Dirent[]): boolean {
  return RUN_FOLDER_MARKERS.every((marker) => entries.some((e) => e.name === marker && !e.isDirectory()));
}

/** Why a folder is not walked as input, if it is an output: the run's own output folder, or an earlier run's. */
function outputFolderReason(abs: string, entries: Dirent[], opts: DiscoverOptions): string | undefined {
  if (opts.outputDir !== undefined && abs === resolve(opts.outputDir)) return 'it is the output folder (--out)';
  if (isRunFolder(entries)) return `it holds a spiral run (${RUN_FOLDER_MARKERS.join(' and ')})`;
  return undefined;
}

async function walkFolder(root: Root, opts: DiscoverOptions): Promise<Found[]> {
  const included = await globSet(root.abs, opts.include);
  const excluded = await globSet(root.abs, opts.exclude);
  const found: Found[] = [];
  const walk = async (relDir: string): Promise<void> => {
    const dirAbs = relDir ? join(root.abs, relDir) : root.abs;
    const entries = await listFolder(dirAbs);
    if (!entries) {
      found.push({ rel: `${escapedRel(relDir)}/`, abs: dirAbs });
      return;
    }
    const asOutput = outputFolderReason(dirAbs, entries, opts);
    if (asOutput) {
      opts.warn?.(`folder ${dirAbs} not read as input: ${asOutput}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (excluded?.has(rel)) continue;
      const abs = join(root.abs, rel);
      // Links are not followed here: a link to a folder is listed as an entry and reported by ingest.
      if (entry.isDirectory()) {
        if (hasReplacementChar(entry.name) || !(await canList(abs))) found.push({ rel: `${escapedRel(rel)}/`, abs });
        else await walk(rel);
        continue;
      }
      if (isManifestName(entry.name)) continue;
      if (included && !included.has(rel)) continue;
      if (hasReplacementChar(entry.name)) found.push(...(await expandInvalidName(root.abs, rel)));
      else found.push({ rel, abs });
    }
  };
  await walk('');
  return found;
}

/** A lossy name can stand for several raw names: one entry each, with escaped names. */
async function expandInvalidName(rootAbs: string, lossyRel: string): Promise<Found[]> {
  const dirRel = posix.dirname(lossyRel);
  const dirAbs = join(rootAbs, dirRel);
  const raws = await rawNamesLike(dirAbs, posix.basename(lossyRel));
  const names = raws.length > 0 ? raws.map(escapeInvalidUtf8) : [posix.basename(lossyRel)];
  return [...new Set(names)].map((name) => ({ rel: dirRel === '.' ? name : `${dirRel}/${name}`, abs: join(rootAbs, lossyRel) }));
}

/** A folder path shown with U+FFFD where its name was not UTF-8 (its raw bytes are out of reach here). */
const escapedRel = (rel: string): string => rel.replace(/\uFFFD/g, '%EF%BF%BD');

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
    for (const { rel, abs } of await walkFolder(root, opts)) {
      // Overlapping inputs (a folder and a file inside it) yield each file once.
      const location = join(root.abs, rel) + (rel.endsWith('/') ? '/' : '');
      if (byLocation.has(location)) continue;
      byLocation.set(location, { root: root.abs, abs, rel, id: root.label ? `${root.label}/${rel}` : rel });
    }
  }
  return [...byLocation.values()].sort((a, b) => byCodePoint(a.id, b.id));
}
