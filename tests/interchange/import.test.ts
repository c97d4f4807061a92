import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { BUNDLED_LEXICONS, MINI_LEXICONS } from '../helpers/lexicons.js';
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

  it('reads * alone as any one word (how spiral lexicon export writes gaps)', () => {
    expect(valueToPattern('baseless * * allegations')).toEqual({ source: '=baseless _ _ =allegations', text: 'baseless something something allegations' });
  });

  it('says why a glob cannot be a spiral pattern', () => {
    expect(valueToPattern('*deceit*')).toEqual({ reason: 'glob "*deceit*" is not a word prefix (spiral has only a trailing *, or * alone for any one word)' });
    expect(valueToPattern('z??')).toEqual({ reason: 'glob "z??" is not a word prefix (spiral has only a trailing *, or * alone for any one word)' });
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
    expect(messages).toContain(
      'mine.yml:2: Sovereignty: "*deceit*" not imported: glob "*deceit*" is not a word prefix (spiral has only a trailing *, or * alone for any one word)',
    );
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
    expect(Object.keys(into.files).sort()).toEqual([...Object.keys(referenceFiles), 'imported-mine-denial.yaml'].sort());
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
      'warning: argumentative-concession.yaml:4: concession.investigate: pattern "~investigate" approximated: broader than spiral\'s: stem "~investigate" as investig* (every word beginning so, not only those with the stem "investig")',
    );
    // The gap pattern is written out as phrases with * for each word it may skip.
    const text = readFileSync(yml, 'utf8');
    expect(text).toContain('    - "allegation * * * * * unfounded"\n');
    expect(text).toContain('#   approximated: concession.investigate: "~investigate": broader than spiral\'s: stem "~investigate" as investig*');
    expect(r.stdout).toMatch(/mini\.yml: \d+ entries from 13 patterns \(1 approximated\); not representable: 0 patterns, 0 whole rules/);
    // With a smaller limit, the gap pattern is approximated, then left out, and the file's head says so.
    const small = path.join(out, 'small.yml');
    const s = await runCli(['lexicon', 'export', '--to', 'quanteda', '--lexicons', MINI_LEXICONS, '--out', small, '--max-entries', '10']);
    expect(s.stderr).toContain('warning: rhetorical-action.yaml:4: rhetorical.baseless: rule left out: none of its patterns is representable');
    expect(readFileSync(small, 'utf8')).toContain(
      '#   not exported: rhetorical.baseless: "(allegation|accusation) ..5 (baseless|unfounded|fabricated)": expands to 72 entries, 36 with inflections as prefix globs (more than 10; raise --max-entries to export it)',
    );
    expect((await runCli(['lexicon', 'export', '--to', 'quanteda', '--out', small, '--max-entries', '0'])).stderr).toContain(
      '--max-entries must be a whole number',
    );
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

describe('a dictionary imported into the bundled set', () => {
  // "human rights" as acknowledgment fires on sentences the bundled relevance rule pins to `none`.
  const SMALL = `denial:\n  - sovereign*\n  - internal\nrhetorical_action:\n  - allegation*\n  - politic*\nargumentative_concession:\n  - investigat*\n  - government\nnorm_acknowledgment:\n  - human rights\n  - right*\n  - law*\n`;

  it("lands in its own files; the set's own examples it makes moot are listed, not failed, so tag and classify accept the set", async () => {
    const dir = tempDir();
    const dict = path.join(dir, 'small.yml');
    writeFileSync(dict, SMALL);
    const out = path.join(dir, 'set');
    const r = await runCli(['lexicon', 'import', dict, '--from', 'quanteda', '--into', BUNDLED_LEXICONS, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 rules, \d+ patterns imported; 0 failing examples, \d+ of the set's own not checked \(imported rules fire on them\)/);
    expect(r.stderr).toMatch(
      /relevance\.yaml:\d+: relevance\.human-rights: nomatch example ".*": not checked: imported rule norm-acknowledgment\.imported-norm-acknowledgment fires on it/,
    );
    expect(
      readdirSync(out)
        .filter((f) => f.startsWith('imported-'))
        .sort(),
    ).toEqual([
      'imported-small-argumentative-concession.yaml',
      'imported-small-denial.yaml',
      'imported-small-norm-acknowledgment.yaml',
      'imported-small-rhetorical-action.yaml',
    ]);
    const check = await runCli(['lexicon', 'check', out]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/0 failing, \d+ of the set's own not checked/);
    const tagged = await runCli(['tag', '--lexicons', out], { stdin: '{"id":1,"text":"The rule of law is our law."}\n' });
    expect(tagged.code).toBe(0);
    expect(JSON.parse(tagged.stdout).evidence.map((e: { rule: string }) => e.rule)).toContain('norm-acknowledgment.imported-norm-acknowledgment');
    // Importing the same dictionary again into that set names the file it would overwrite.
    const again = await runCli(['lexicon', 'import', dict, '--from', 'quanteda', '--into', out, '--out', path.join(dir, 'set2')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has imported-small-denial.yaml');
  }, 60_000);

  it('still fails an example that no imported rule explains', async () => {
    const set = miniCopy({ 'lexicon.yaml': 'name: mini\nversion: "1"\n' });
    writeFileSync(
      path.join(set, 'imported-x-denial.yaml'),
      'category: denial\ndescription: x\nrules:\n  - id: denial.imported-x\n    description: x\n    patterns: ["=meteorology"]\n    weight: 1\n    weight_evidence: x\n    examples:\n      match: ["meteorology"]\n      nomatch: ["Human rights are a Western invention."]\n',
    );
    const check = await runCli(['lexicon', 'check', set]);
    expect(check.code).toBe(0);
    const broken = readFileSync(path.join(set, 'denial.yaml'), 'utf8').replace(
      'nomatch:\n        - "Trade policy',
      'nomatch:\n        - "Critics call it interference in our internal affairs, a human rights issue."\n        - "Trade policy',
    );
    writeFileSync(path.join(set, 'denial.yaml'), broken);
    const failing = await runCli(['lexicon', 'check', set]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('should not match but the rule fired');
  });
});

describe('classify --allow-failing-examples', () => {
  it('tags with a set whose examples fail, listing them as warnings (also in run.json)', async () => {
    const set = miniCopy();
    const file = path.join(set, 'relevance.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('nomatch: ["Trade matters."]', 'nomatch: ["Human rights matter too."]'));
    const dir = tempDir();
    const input = path.join(dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'KEN_1990.txt'), 'Human rights matter. We reject interference in our internal affairs.\n');
    const refused = await runCli(['classify', input, '--out', path.join(dir, 'run1'), '--lexicons', set, '-q', '--workers', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('should not match but the rule fired');
    const run = path.join(dir, 'run2');
    const r = await runCli(['classify', input, '--out', run, '--lexicons', set, '-q', '--workers', '1', '--allow-failing-examples']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: .*relevance\.yaml:\d+: rule relevance\.human-rights: nomatch example "Human rights matter too\.": should not match but the rule fired/,
    );
    const manifest = JSON.parse(readFileSync(path.join(run, 'run.json'), 'utf8')) as { warnings: string[] };
    expect(manifest.warnings.some((w) => w.startsWith('lexicon: ') && w.includes('Human rights matter too.'))).toBe(true);
  });
});
