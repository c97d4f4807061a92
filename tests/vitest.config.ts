import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two suites: `unit` needs nothing but this repository (runs on a fresh clone);
// `real` reads ../shared/data and is run by CI after the unit suite.
export default defineConfig({
  // The repository root, so include patterns read as from the top of the project.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/real/**', 'node_modules/**'],
          testTimeout: 30000,
        },
      },
      {
        test: {
          name: 'real',
          include: ['tests/real/**/*.test.ts'],
          testTimeout: 600000,
          hookTimeout: 600000,
        },
      },
    ],
  },
});
