// The fast suite shares module caches between files, so a file that mocks or
// spies on a module must be listed to run isolated; a stale entry is caught too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/lexicons.js';
import { ISOLATED, NEEDS_ISOLATION } from './isolated-files.js';

describe('the unit-isolated project', () => {
  it('lists exactly the fast-suite files that mock or spy on a module', () => {
    const files = fg.sync('tests/**/*.test.ts', { cwd: ROOT, ignore: ['tests/real/**', 'tests/**/*.slow.test.ts', 'tests/isolated-files.test.ts'] });
    const needing = files.filter((f) => NEEDS_ISOLATION.test(readFileSync(path.join(ROOT, f), 'utf8'))).sort();
    expect(needing).toEqual([...ISOLATED].sort());
  });
});
