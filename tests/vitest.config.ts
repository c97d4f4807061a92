import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ISOLATED } from './isolated-files.js';

// Three suites:
// - `unit` (`npm test`): the fast suite; needs nothing but this repository. Its
//   files share their workers' module cache (not isolated: the suite's imports
//   took a third of its time, 94 s -> about 60 s), except the files that mock a
//   module or spy on one (`unit-isolated`, run by the same command): a mock
//   must neither leak into another file nor miss a module another file loaded.
// - `slow` (`npm run test:slow`): files named *.slow.test.ts — a 50 MB line,
//   decompression bombs, runs killed at each step, Chromium driving the report
//   and the review page. Run by CI after the unit suite.
// - `real` (`npm run test:real`): reads ../shared/data; run by CI.
// Every suite compiles dist/ once first (global-setup.ts).
const SLOW = 'tests/**/*.slow.test.ts';
const globalSetup = ['tests/global-setup.ts'];
// Worker threads start faster than child processes (the default): about 50 s instead of 80 s for
// the unit suite here. No test changes process-wide state (cwd, exit, signal handlers).
const pool = 'threads';
/** What the two projects of the fast suite share. */
const fast = { globalSetup, pool, testTimeout: 30000 } as const;

export default defineConfig({
  // The repository root, so include patterns read as from the top of the project.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // Vitest's default leaves one of this machine's two cores idle; both are faster (about 47 s instead of 53 s).
    maxWorkers: 2,
    projects: [
      {
        test: { ...fast, name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/real/**', SLOW, ...ISOLATED, '**/node_modules/**'], isolate: false },
      },
      {
        test: { ...fast, name: 'unit-isolated', include: ISOLATED },
      },
      {
        test: {
          name: 'slow',
          include: [SLOW],
          exclude: ['**/node_modules/**'],
          globalSetup,
          pool,
          testTimeout: 600000,
          hookTimeout: 600000,
        },
      },
      {
        test: {
          name: 'real',
          include: ['tests/real/**/*.test.ts'],
          globalSetup,
          pool,
          testTimeout: 600000,
          hookTimeout: 600000,
        },
      },
    ],
  },
});
