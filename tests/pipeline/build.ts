// Tests that start worker threads or the real CLI run the compiled dist/: build
// it when any source is newer than its output (a fresh clone: `npm ci` built it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/lexicons.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function stale(): boolean {
  const src = path.join(ROOT, 'src');
  return sources(src).some((file) => {
    const out = path.join(ROOT, 'dist', path.relative(src, file).replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs;
  });
}

export function ensureBuilt(): void {
  if (!stale()) return;
  // Type errors elsewhere in the tree still emit JavaScript; the check below is what matters here.
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', ROOT], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(path.join(ROOT, 'dist/pipeline/worker.js'))) throw new Error('build failed: dist/pipeline/worker.js missing');
}
