// The ingest context: options checked once (name pattern, CLI defaults) and the
// folder manifests, read once per folder and shared by every file in it.
import type { DocMeta } from '../types.js';
import { isKnownEncoding } from './decode.js';
import { EncodingError, MetaDefaultsError } from './errors.js';
import { compileNamePattern, type NamePattern } from './filename.js';
import { loadFolderManifest, type FolderManifest } from './manifest.js';
import { checkFields } from './metadata.js';
import type { MetaLayer, RawFields } from './types.js';

export interface IngestContextOptions {
  /** A file-name pattern such as `{country}_{year}_{venue}` (see filename.ts). */
  namePattern?: string;
  /** Metadata for every document, lowest precedence (the CLI's --country, --venue, ...). */
  defaults?: DocMeta;
  /** Read every text file in this encoding instead of detecting it (the CLI's --encoding); a manifest's `encoding` wins. */
  encoding?: string;
}

export interface IngestContext {
  readonly namePattern?: NamePattern;
  readonly defaults: MetaLayer;
  readonly encoding?: string;
  /** The manifests of a folder (`dirLabel` names it in warnings). Read once, then cached. */
  folderManifest(dirAbs: string, dirLabel: string): Promise<FolderManifest>;
  /** Problems found in the manifests read so far (bad rows, missing files), sorted. */
  manifestWarnings(): string[];
}

/** Build the context; throws NamePatternError / MetaDefaultsError / EncodingError for bad options. */
export function createIngestContext(opts: IngestContextOptions = {}): IngestContext {
  if (opts.encoding !== undefined && !isKnownEncoding(opts.encoding)) throw new EncodingError(`unknown encoding "${opts.encoding}"`);
  const namePattern = opts.namePattern ? compileNamePattern(opts.namePattern) : undefined;
  const { layer: defaults, warnings } = checkFields((opts.defaults ?? {}) as RawFields, 'default', 'default');
  if (warnings.length > 0) throw new MetaDefaultsError(`bad default metadata: ${warnings.map((w) => w.replace(/^default: /, '')).join('; ')}`);
  const manifests = new Map<string, Promise<FolderManifest>>();
  const collected = new Set<string>();
  return {
    namePattern,
    defaults,
    encoding: opts.encoding,
    folderManifest(dirAbs, dirLabel) {
      let manifest = manifests.get(dirAbs);
      if (!manifest) {
        manifest = loadFolderManifest(dirAbs, dirLabel).then((m) => {
          for (const w of m.warnings) collected.add(w);
          return m;
        });
        manifests.set(dirAbs, manifest);
      }
      return manifest;
    },
    manifestWarnings: () => [...collected].sort(),
  };
}
