import { test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { decodeBytes } from '../../src/ingest/decode.js';
import { guessSingleByte } from '../../src/ingest/singlebyte.js';
test('x', () => {
  for (const d of ['/work/shared/data/upr/upr-info-recommendations', '/work/shared/data/deeds/pts', '/work/shared/data/deeds/cirights', '/work/shared/data/upr/recs-from-wg-reports']) {
    for (const f of readdirSync(d)) {
      const b = readFileSync(`${d}/${f}`);
      const r = decodeBytes(b);
      console.log(f, r.ok ? r.encoding : r.reason, JSON.stringify(guessSingleByte(b).scores));
    }
  }
});
