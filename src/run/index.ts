// src/run/: the one module that reads and writes run folders. Classify writes
// through a staging folder (staging.ts); later commands check the folder
// (folder.ts), stream its lines (jsonl.ts) through one schema per line
// (lines.ts), aggregate it (aggregate.ts) and write their own outputs whole
// (atomic.ts).
export { aggregateRun, forEachUtterance } from './aggregate.js';
export { writeFileAtomic, writeFileAtomicSync } from './atomic.js';
export { jsonProvenance, provenanceText, RUN_HASH_META, runContentHash, staleDerivedOutputs, stampRun, type Provenance } from './derived.js';
export { RunError } from './errors.js';
export { DOCUMENTS_FILE, RECOMMENDATIONS_FILE, requireRun, RUN_FILE, UTTERANCES_FILE } from './folder.js';
export { forEachJsonLine } from './jsonl.js';
export {
  compareText,
  compareUtterances,
  LineError,
  readDocumentLine,
  readRecommendationLine,
  readUtteranceLine,
  type DocumentLine,
  type EvidenceLine,
  type UtteranceLine,
} from './lines.js';
export { COMMIT_MARKER, recoverRunDir, RunStaging, STAGING_PREFIX } from './staging.js';
