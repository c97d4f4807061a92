import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three suites:
// - `unit` (`npm test`): the fast suite; needs nothing but this repository.
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

export default defineConfig({
  // The repository root, so include patterns read as from the top of the project.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // Vitest's default leaves one of this machine's two cores idle; both are faster (about 47 s instead of 53 s).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/real/**', SLOW, '**/node_modules/**'],
          globalSetup,
          pool,
          testTimeout: 30000,
        },
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
