import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRecord, UtteranceRecord } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'spiral-classify-'));
  dirs.push(d);
  return d;
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

function corpus(): string {
  const dir = tempDir();
  const input = path.join(dir, 'in');
  mkdirSync(input);
  writeFileSync(
    path.join(input, 'KEN_45_1990.txt'),
    'We reject this interference in our internal affairs under the pretext of human rights. Trade grew by 5 per cent.\n12. We do not deny that abuses occurred.',
  );
  writeFileSync(path.join(input, 'CHL_45_1990.txt'), 'Chile respects human rights. The allegations of torture are completely baseless.');
  writeFileSync(path.join(input, 'notes.xyz'), 'not a statement');
  writeFileSync(path.join(input, 'empty.txt'), '');
  return input;
}

describe('spiral classify', () => {
  it('writes the outputs and accounts for every file', async () => {
    const input = corpus();
    const out = path.join(path.dirname(input), 'run');
    const r = await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('files discovered: 4; documents ok: 2, skipped: 2, failed: 0; utterances: 5');
    for (const f of ['utterances.jsonl', 'utterances.csv', 'documents.jsonl', 'scores.csv', 'run.json', 'recommendations.jsonl'])
      expect(existsSync(path.join(out, f))).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.spiral-staging'))).toEqual([]);

    const docs = readJsonl<DocumentRecord>(path.join(out, 'documents.jsonl'));
    expect(docs.map((d) => [d.id, d.status])).toEqual([
      ['CHL_45_1990.txt', 'ok'],
      ['KEN_45_1990.txt', 'ok'],
      ['empty.txt', 'skipped'],
      ['notes.xyz', 'skipped'],
    ]);
    expect(docs.filter((d) => d.status !== 'ok').every((d) => typeof d.reason === 'string' && d.reason.length > 0)).toBe(true);
    // Country and year at the top level too (for data frame readers), meta kept.
    expect(docs[1]).toMatchObject({ id: 'KEN_45_1990.txt', country: 'KEN', year: 1990, meta: { country: 'KEN', year: 1990 } });

    const utterances = readJsonl<UtteranceRecord>(path.join(out, 'utterances.jsonl'));
    const ken = utterances.filter((u) => u.doc === 'KEN_45_1990.txt');
    expect(ken.map((u) => u.label)).toEqual(['denial', 'none', 'argumentative_concession']);
    expect(ken[2]).toMatchObject({ paragraph: '12', country: 'KEN', year: 1990, date: '1990', speaker_role: 'self', id: 'KEN_45_1990.txt:2' });
    const source = readFileSync(path.join(input, 'KEN_45_1990.txt'), 'utf8');
    for (const u of ken) {
      expect(source.slice(u.start, u.end)).toBe(u.text);
      for (const e of u.evidence) expect(u.text.slice(e.start, e.end)).toBe(e.text);
    }

    const csv = readFileSync(path.join(out, 'scores.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'country,year,n_documents,n_utterances,n_relevant,count_denial,count_rhetorical_action,count_argumentative_concession,count_norm_acknowledgment,count_none,share_denial,share_rhetorical_action,share_argumentative_concession,share_norm_acknowledgment,share_none,' +
        ['self', 'other', 'general']
          .map((t) => `n_relevant_${t},share_denial_${t},share_rhetorical_action_${t},share_argumentative_concession_${t},share_norm_acknowledgment_${t}`)
          .join(','),
    );
    // Per target: the moves about the country itself, others and the norms, as the utterances say.
    const kenMoves = readJsonl<UtteranceRecord>(path.join(out, 'utterances.jsonl')).filter((u) => u.country === 'KEN' && u.label !== 'none');
    const kenSelf = kenMoves.filter((u) => u.target === 'self');
    expect(csv[2].startsWith('KEN,1990,1,3,2,1,0,1,0,1,0.5000,0.0000,0.5000,0.0000,0.3333,')).toBe(true);
    expect(csv[2].split(',')[15]).toBe(String(kenSelf.length));
    expect(kenMoves.length).toBe(2);

    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run.lexicon).toMatchObject({ name: 'mini', version: '1' });
    expect(run.lexicon.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.counts).toMatchObject({ files_discovered: 4, documents_ok: 2, documents_skipped: 2, utterances: 5 });
  });

  it('gives byte-identical outputs on a second run', async () => {
    const input = corpus();
    const a = path.join(path.dirname(input), 'a');
    const b = path.join(path.dirname(input), 'b');
    await runCli(['classify', input, '--out', a, '--lexicons', MINI_LEXICONS, '-q']);
    await runCli(['classify', input, '--out', b, '--lexicons', MINI_LEXICONS, '-q']);
    for (const f of ['utterances.jsonl', 'utterances.csv', 'documents.jsonl', 'scores.csv', 'recommendations.jsonl']) {
      expect(readFileSync(path.join(b, f), 'utf8')).toBe(readFileSync(path.join(a, f), 'utf8'));
    }
  });

  it('exits 1 under --strict when a file is skipped, and 2 on a bad lexicon with file:line', async () => {
    const input = corpus();
    const out = path.join(path.dirname(input), 'run');
    expect((await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--strict'])).code).toBe(1);
    const badLex = tempDir();
    for (const f of readdirSync(MINI_LEXICONS)) writeFileSync(path.join(badLex, f), readFileSync(path.join(MINI_LEXICONS, f)));
    writeFileSync(path.join(badLex, 'denial.yaml'), 'category: denial\nrules:\n  - id: x\n    bogus: 1\n');
    const r = await runCli(['classify', input, '--out', out, '--lexicons', badLex, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(badLex, 'denial.yaml')}:4: unknown key "bogus"`);
    expect(r.stderr).not.toContain('    at ');
  });

  it('shards deterministically: the shards partition the files', async () => {
    const input = corpus();
    const ids = new Set<string>();
    let total = 0;
    for (const k of [1, 2, 3]) {
      const out = path.join(path.dirname(input), `s${k}`);
      expect((await runCli(['classify', input, '--out', out, '--lexicons', MINI_LEXICONS, '-q', '--shard', `${k}/3`])).code).toBe(0);
      const docs = readJsonl<DocumentRecord>(path.join(out, 'documents.jsonl'));
      total += docs.length;
      for (const d of docs) ids.add(d.id);
    }
    expect(total).toBe(4);
    expect(ids.size).toBe(4);
    expect((await runCli(['classify', input, '--out', path.join(input, 'x'), '--shard', '4/3'])).code).toBe(2);
  });
});

describe('spiral tag', () => {
  it('round-trips ids and order', async () => {
    const stdin = [
      JSON.stringify({ id: 'b', text: 'We deny that abuses occurred.' }),
      JSON.stringify({ id: 7, text: 'Trade grew.' }),
      '',
      JSON.stringify({ id: 'a', text: 'We respect human rights.', country: 'Kenya', year: 1990 }),
    ].join('\n');
    const r = await runCli(['tag', '-', '--lexicons', MINI_LEXICONS], { stdin });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.label])).toEqual([
      ['b', 'rhetorical_action'],
      [7, 'none'],
      ['a', 'norm_acknowledgment'],
    ]);
    expect(Object.keys(lines[0])).toEqual(['id', 'label', 'confidence', 'target', 'target_confidence', 'target_basis', 'scores', 'evidence', 'flags']);
  });

  it('names the line of a malformed input and exits 2', async () => {
    const r = await runCli(['tag', '-', '--lexicons', MINI_LEXICONS], { stdin: '{"id":1,"text":"ok"}\n{"id":2,\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>:2: not valid JSON');
  });
});

describe('a lexicon whose own examples fail', () => {
  it('is refused by classify, tag and eval with file:line and exit 2', async () => {
    const dir = tempDir();
    const lex = path.join(dir, 'lex');
    mkdirSync(lex);
    for (const f of readdirSync(MINI_LEXICONS)) writeFileSync(path.join(lex, f), readFileSync(path.join(MINI_LEXICONS, f)));
    const denial = readFileSync(path.join(lex, 'denial.yaml'), 'utf8').replace(
      'nomatch:\n        - "Trade policy',
      'nomatch:\n        - "Human rights criticism is interference in our internal affairs, again."\n        - "Trade policy',
    );
    writeFileSync(path.join(lex, 'denial.yaml'), denial);
    const input = corpus();
    const gold = path.join(dir, 'gold.jsonl');
    writeFileSync(gold, `${JSON.stringify({ id: 'a', text: 'We respect human rights.', label: 'norm_acknowledgment' })}\n`);
    for (const argv of [
      ['classify', input, '--out', path.join(dir, 'run'), '--lexicons', lex, '-q'],
      ['tag', '-', '--lexicons', lex],
      ['eval', '--gold', gold, '--lexicons', lex, '--errors', path.join(dir, 'errors.jsonl')],
    ]) {
      const r = await runCli(argv, { stdin: '' });
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`denial\\.yaml:\\d+: rule denial\\.internal-affairs: nomatch example .*should not match`));
      expect(r.stderr).not.toContain('    at ');
    }
  });
});
