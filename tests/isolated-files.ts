// Fast-suite files that replace a module (vi.mock) or spy on one (vi.spyOn):
// each runs with fresh modules, in the `unit-isolated` project; every other
// fast-suite file shares its worker's module cache (tests/vitest.config.ts).
// tests/isolated-files.test.ts keeps this list equal to the files that do so.
export const ISOLATED = [
  'tests/pipeline/commit-order.test.ts',
  'tests/robustness/output-errors.test.ts',
  'tests/robustness/tag-cap.test.ts',
  'tests/robustness/unreadable.test.ts',
  'tests/review/log.test.ts',
  'tests/review/one-writer.test.ts',
];

/** What makes a test file need fresh modules. */
export const NEEDS_ISOLATION = /\bvi\.(mock|doMock|spyOn|stubGlobal|stubEnv|hoisted)\(/;
