// Vitest global setup: compile src/ into dist/ once, before any test file runs.
// Tests that start worker threads or the real CLI (bin/spiral.js) run dist/, so
// it must be the current sources, and only them: dist/ is emptied first, so a
// module renamed or removed in src/ cannot linger there and still load. Building
// here, once, keeps parallel test files from compiling into the same folder.
// `npm test` runs two projects (unit, unit-isolated), each naming this setup:
// the second call in the same vitest process finds the build done and reuses it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BUILT = 'SPIRAL_TEST_DIST_BUILT';

export default function buildDist(): () => void {
  if (process.env[BUILT]) return () => {};
  rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc emits even with type errors (`npm run check` reports those); what the tests need is a CLI that starts.
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/spiral.js'), '--version'], { cwd: ROOT, encoding: 'utf8' });
  if (cli.status !== 0 || !existsSync(path.join(ROOT, 'dist/pipeline/worker.js'))) {
    throw new Error(`the built CLI does not start:\n${cli.stderr}\ntsc said:\n${tsc.stdout}${tsc.stderr}`);
  }
  // The compiled-lexicon cache of this test run (CLI runs in-process and child processes alike), never the user's own.
  const cache = mkdtempSync(path.join(tmpdir(), 'spiral-test-cache-'));
  process.env.SPIRAL_CACHE_DIR = cache;
  process.env[BUILT] = '1';
  return () => {
    rmSync(cache, { recursive: true, force: true });
    delete process.env[BUILT];
  };
}
