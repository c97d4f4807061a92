// Discovery: input paths (files or folders) → the files to ingest, sorted by id.
//
// - A folder is walked with fast-glob. `include` globs (relative to the folder,
//   case-insensitive) choose files; by default every file is taken, and files
//   whose extension is not supported are still returned so ingest can report
//   them as skipped ("unsupported format (.xyz)") — nothing is dropped silently.
//   `exclude` globs remove files on purpose. Dotfiles and dot-folders are ignored;
//   manifest.yaml/.yml/.csv are metadata, not documents.
// - Symbolic links to files are followed when read; links to folders are not
//   walked (so link loops cannot happen) and are reported by ingest.
// - Folders that cannot be walked (unreadable, or a name that is not valid
//   UTF-8) are returned as entries ending in '/', which ingest reports as failed.
// - File names that are not valid UTF-8 get their invalid bytes %-escaped.
// - ids: posix path relative to the folder; a file given directly: its name;
//   with several inputs, each id is prefixed with its input's name (made unique).
import fg from 'fast-glob';
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { InputPathError } from './errors.js';
import { MANIFEST_NAMES } from './formats.js';
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

const globOptions = (cwd: string, exclude: string[]) => ({
  cwd,
  onlyFiles: false,
  followSymbolicLinks: false,
  dot: false,
  suppressErrors: true,
  caseSensitiveMatch: false,
  ignore: [...exclude, ...MANIFEST_NAMES.map((m) => `**/${m}`)],
});

interface Found {
  rel: string;
  abs: string;
}

async function walkFolder(root: Root, opts: DiscoverOptions): Promise<Found[]> {
  const options = globOptions(root.abs, opts.exclude ?? []);
  const entries = await fg('**', { ...options, objectMode: true });
  const included = opts.include?.length ? new Set(await fg(opts.include, options)) : undefined;
  const found: Found[] = [];
  for (const entry of entries) {
    const abs = join(root.abs, entry.path);
    if (entry.dirent.isDirectory()) {
      if (hasReplacementChar(entry.name) || !(await canList(abs))) found.push({ rel: `${escapedRel(entry.path)}/`, abs });
      continue;
    }
    if (included && !included.has(entry.path)) continue;
    if (hasReplacementChar(entry.name)) found.push(...(await expandInvalidName(root.abs, entry.path)));
    else found.push({ rel: entry.path, abs });
  }
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
