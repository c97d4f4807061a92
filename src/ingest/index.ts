// The ingest stage: discover files, read them into decoded documents with
// metadata, and account for every file that could not be read.
export { discoverFiles } from './discover.js';
export { createIngestContext, type IngestContext, type IngestContextOptions } from './context.js';
export { ingestFile } from './ingest.js';
export { decodeBytes, isKnownEncoding, type Decoded } from './decode.js';
export { compileNamePattern, fieldsFromFileName, type NamePattern } from './filename.js';
export { SUPPORTED_EXTENSIONS, formatOf } from './formats.js';
export { EncodingError, IngestError, InputPathError, MetaDefaultsError, NamePatternError } from './errors.js';
export type { DiscoveredFile, DiscoverOptions, IngestItem } from './types.js';
