import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSetFiles } from '../../src/calibrate/files.js';
import { importDictionary, ImportError, NEUTRAL_SENTENCES, valueToPattern } from '../../src/interchange/import.js';
import { readQuanteda } from '../../src/interchange/quanteda.js';
import { checkExamples } from '../../src/lexicon/examples.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import type { Category } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { cleanTempDirs, miniCopy, tempDir } from '../calibrate/fixtures.js';
import { liwcProblems, quantedaProblems } from './format-rules.js';

afterAll(cleanTempDirs);

const FOREIGN = `# a dictionary someone made in R
Sovereignty:
  - internal affairs
  - interfer*
  - "*deceit*"
  - ab*
rights:
  - human rights
  - torture
critics:
  - baseless
  - politically motivated
fixes:
  - under investigation
affirm:
  - universal values
misc:
  - weather
`;

const reference = loadLexiconSet(MINI_LEXICONS);
const referenceFiles = readSetFiles(MINI_LEXICONS);
const MAP = new Map<string, Category>([
  ['Sovereignty', 'denial'],
  ['rights', 'relevance'],
  ['critics', 'rhetorical_action'],
  ['fixes', 'argumentative_concession'],
  ['affirm', 'norm_acknowledgment'],
]);
const run = (map = MAP, into = false) =>
  importDictionary({ dictionary: readQuanteda(FOREIGN, 'mine.yml'), source: 'mine.yml', format: 'quanteda', map, reference, referenceFiles, into });

describe('valueToPattern', () => {
  it('reads words as exact forms and a trailing * as a prefix', () => {
    expect(valueToPattern('Internal affairs')).toEqual({ source: '=internal =affairs', text: 'internal affairs' });
    expect(valueToPattern('interfer*')).toEqual({ source: 'interfer*', text: 'interfer' });
    expect(valueToPattern('so-called')).toEqual({ source: '=so-called', text: 'so-called' });
  });

  it('says why a glob cannot be a spiral pattern', () => {
    expect(valueToPattern('*deceit*')).toEqual({ reason: 'glob "*deceit*" is not a word prefix (spiral has only a trailing *)' });
    expect(valueToPattern('z??')).toEqual({ reason: 'glob "z??" is not a word prefix (spiral has only a trailing *)' });
    expect(valueToPattern('ab*')).toEqual({ reason: 'prefix "ab*" is shorter than 3 letters' });
    expect(valueToPattern(':-)')).toMatchObject({ reason: expect.stringContaining('is not a word') });
  });
});

describe('importDictionary', () => {
  const result = run();
  const dir = tempDir('spiral-imported-');
  for (const [rel, text] of Object.entries(result.files)) writeFileSync(path.join(dir, rel), text);
  const set = loadLexiconSet(dir);

  it('writes a valid set: one rule per mapped key, weight 1, evidence saying where it came from', () => {
    expect(set.rules.map((r) => `${r.id} ${r.category}`).sort()).toEqual(
      [
        'acknowledgment.imported-affirm norm_acknowledgment',
        'argumentative-concession.imported-fixes argumentative_concession',
        'denial.imported-sovereignty denial',
        'relevance.imported-rights relevance',
        'rhetorical-action.imported-critics rhetorical_action',
      ]
        .map((s) => s.replace('acknowledgment.imported-affirm', 'norm-acknowledgment.imported-affirm'))
        .sort(),
    );
    const denial = set.rules.find((r) => r.category === 'denial')!;
    expect(denial.patterns.map((p) => p.source)).toEqual(['=internal =affairs', 'interfer*']);
    expect(denial.weight).toBe(1);
    expect(denial.weightEvidence).toBe('imported from mine.yml (quanteda); weight not calibrated');
    expect(denial.description).toBe('imported from mine.yml (quanteda): key Sovereignty');
    expect(set.scoring).toEqual(reference.scoring);
  });

  it('generates examples from the entries, and they pass', () => {
    const denial = set.rules.find((r) => r.category === 'denial')!;
    expect(denial.examples.match.map((e) => e.text)).toEqual(['internal affairs', 'interfer']);
    expect(denial.examples.nomatch.map((e) => e.text)).toEqual(['internal']);
    const ack = set.rules.find((r) => r.category === 'norm_acknowledgment')!;
    expect(ack.examples.nomatch.map((e) => e.text)).toEqual(['universal']);
    const torture = set.rules.find((r) => r.category === 'relevance')!;
    expect(NEUTRAL_SENTENCES.concat(['human'])).toContain(torture.examples.nomatch[0].text);
    expect(checkExamples(createTagger(set))).toEqual([]);
  });

  it('warns about every entry and key it could not import', () => {
    const messages = result.warnings.map((w) => `${w.where}: ${w.message}`);
    expect(messages).toContain('mine.yml:2: Sovereignty: "*deceit*" not imported: glob "*deceit*" is not a word prefix (spiral has only a trailing *)');
    expect(messages).toContain('mine.yml:2: Sovereignty: "ab*" not imported: prefix "ab*" is shorter than 3 letters');
    expect(messages).toContain('mine.yml:17: key "misc" skipped: not a spiral category (map it with --map "misc=denial", or another category)');
  });

  it('refuses to write an incomplete set, pointing to --map and --into', () => {
    expect(() => run(new Map([['Sovereignty', 'denial']]))).toThrow(ImportError);
    expect(() => run(new Map([['Sovereignty', 'denial']]))).toThrow(
      /no rules for rhetorical_action, argumentative_concession, norm_acknowledgment, relevance.*--into DIR/,
    );
  });

  it('adds the rules to a copy of a complete set with --into, without clashing ids', () => {
    const into = run(new Map([['Sovereignty', 'denial']]), true);
    const target = tempDir('spiral-into-');
    for (const [rel, text] of Object.entries(into.files)) writeFileSync(path.join(target, rel), text);
    const merged = loadLexiconSet(target);
    expect(Object.keys(into.files).sort()).toEqual([...Object.keys(referenceFiles), 'imported-denial.yaml'].sort());
    expect(merged.rules.length).toBe(reference.rules.length + 1);
    expect(merged.version).toMatch(/^1\+import\.[0-9a-f]{8}$/);
    expect(checkExamples(createTagger(merged))).toEqual([]);
  });
});

describe('spiral lexicon export / import', () => {
  it('exports quanteda YAML and LIWC, printing what could not be represented', async () => {
    const out = tempDir();
    const yml = path.join(out, 'mini.yml');
    const r = await runCli(['lexicon', 'export', '--to', 'quanteda', '--lexicons', MINI_LEXICONS, '--out', yml]);
    expect(r.code).toBe(0);
    expect(quantedaProblems(readFileSync(yml, 'utf8'))).toEqual([]);
    expect(r.stderr).toContain(
      'warning: argumentative-concession.yaml:4: concession.investigate: pattern "~investigate" not exported: stem "~investigate" (a dictionary has no Porter stems)',
    );
    expect(r.stderr).toContain('warning: rhetorical-action.yaml:4: rhetorical.baseless: rule left out: none of its patterns is representable');
    expect(r.stdout).toMatch(/mini\.yml: \d+ entries from \d+ patterns; not representable: 2 patterns, 1 whole rules/);
    const dic = path.join(out, 'mini.dic');
    expect((await runCli(['lexicon', 'export', '--to', 'liwc', '--lexicons', MINI_LEXICONS, '--out', dic])).code).toBe(0);
    expect(liwcProblems(readFileSync(dic, 'utf8'))).toEqual([]);
  });

  it('imports a LIWC file with --map into a copy of a set', async () => {
    const dic = path.join(tempDir(), 'mine.dic');
    writeFileSync(dic, '%\n1\tnationalism\n2\tweather\n%\nforeign masters\t1\nrain*\t2\n');
    const out = path.join(tempDir(), 'set');
    const r = await runCli(['lexicon', 'import', '--from', 'liwc', dic, '--out', out, '--map', 'nationalism=rhetorical_action', '--into', miniCopy()]);
    expect(r.stderr).toContain('key "weather" skipped');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 rules, 1 patterns imported; 0 failing examples/);
    const set = loadLexiconSet(out);
    expect(set.rules.find((x) => x.id === 'rhetorical-action.imported-nationalism')?.patterns.map((p) => p.source)).toEqual(['=foreign =masters']);
  });

  it('rejects an unknown format or category', async () => {
    expect((await runCli(['lexicon', 'export', '--to', 'wordstat', '--out', path.join(tempDir(), 'x')])).stderr).toContain(
      '--to must be one of quanteda, liwc',
    );
    const r = await runCli(['lexicon', 'import', '--from', 'liwc', 'x.dic', '--out', tempDir(), '--map', 'a=b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--map wants KEY=CATEGORY');
  });
});
