import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as T from '../../src/aggregate/thresholds.js';
import { PHASE_RULES } from '../../src/indicators/phase.js';

const doc = readFileSync(new URL('../../docs/indicators.md', import.meta.url), 'utf8');

function documentedThresholds(): Map<string, string> {
  const block = /<!-- thresholds:start -->([\s\S]*?)<!-- thresholds:end -->/.exec(doc);
  if (!block) throw new Error('docs/indicators.md has no thresholds table');
  const rows = new Map<string, string>();
  for (const m of block[1].matchAll(/^\| `([A-Z0-9_]+)` \| (.+) \|$/gm)) rows.set(m[1], m[2].trim());
  return rows;
}

describe('docs/indicators.md', () => {
  it('lists every threshold with its current value, and nothing else', () => {
    const expected = new Map(Object.entries(T).map(([name, value]) => [name, Array.isArray(value) ? (value as string[]).join(', ') : String(value)]));
    expect(documentedThresholds()).toEqual(expected);
  });

  it('documents every phase rule', () => {
    for (const rule of PHASE_RULES) expect(doc).toContain(`| \`${rule}\` |`);
  });
});
