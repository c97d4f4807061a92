// A run's outputs are never read back as its inputs (issue 16, row 4). Found:
// `classify in --out in/run` three times discovered the earlier outputs
// (documents.jsonl, utterances.jsonl, run.json) as statements: documents grew
// 9 → 727 → 1,445 and every utterance was counted again each time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { readJsonl, tempDir, writeFiles } from './helpers.js';
import type { DocumentRecord } from '../../src/types.js';

const classifyInto = (input: string, out: string) => runCli(['classify', input, '--out', out, '-q', '--workers', '1', '--lexicons', MINI_LEXICONS]);

describe('classify with --out inside its input folder', () => {
  it('reads the same documents every time and warns that the output folder is not input', async () => {
    const input = tempDir();
    writeFiles(input, {
      'CHL_1946.txt': 'We respect human rights. The allegations are baseless.',
      'KEN_1990.txt': 'The government denies any torture.',
      'old-run/run.json': '{}',
      'old-run/index.jsonl': '{}\n',
      'old-run/documents.jsonl': '{"id":"x"}\n',
    });
    const out = path.join(input, 'run');
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await classifyInto(input, out);
      expect(run.code, run.stderr).toBe(0);
      runs.push({
        run,
        ids: readJsonl<DocumentRecord>(path.join(out, 'documents.jsonl')).map((d) => d.id),
        utterances: readFileSync(path.join(out, 'utterances.jsonl'), 'utf8'),
        warnings: (JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as { warnings: string[] }).warnings,
      });
    }
    for (const r of runs) {
      expect(r.ids).toEqual(['CHL_1946.txt', 'KEN_1990.txt']);
      expect(r.utterances).toBe(runs[0].utterances);
      expect(r.run.stderr).toContain(`warning: folder ${path.join(input, 'old-run')} not read as input: it holds a spiral run (run.json and index.jsonl)`);
      expect(r.warnings).toContain(`folder ${path.join(input, 'old-run')} not read as input: it holds a spiral run (run.json and index.jsonl)`);
    }
    // The output folder exists from the second run on.
    expect(runs[0].run.stderr).not.toContain('output folder');
    for (const r of runs.slice(1)) expect(r.run.stderr).toContain(`warning: folder ${out} not read as input: it is the output folder (--out)`);
  });
});
