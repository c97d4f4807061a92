// spiral calibrate, lexicon check and lexicon diff as a user runs them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { runCli } from '../helpers/cli.js';
import { cleanTempDirs, designedGold, miniCopy, tempDir, writeGold } from './fixtures.js';

afterAll(cleanTempDirs);

describe('spiral calibrate', async () => {
  const lexicons = miniCopy();
  const gold = writeGold(designedGold());
  const out = tempDir();
  const run = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', out]);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

  /** Calibrate with one setting given (`--setting` or `--target-setting`): the rows of its diff.md table and the model.yaml written. */
  async function calibrateGiven(flag: string, value: string, section: 'moves' | 'targets') {
    const dir = tempDir();
    const r = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', dir, flag, value]);
    expect(r.code).toBe(0);
    const table = readFileSync(path.join(dir, 'diff.md'), 'utf8').split(`## Settings tried (${section})`)[1].split('##')[0];
    return { rows: table.split('\n').filter((l) => /^\| [\d.]/.test(l)), model: readFileSync(path.join(dir, 'lexicons', 'model.yaml'), 'utf8') };
  }
  const cvOf = (model: string, section: 'moves' | 'targets') => new RegExp(`${section}_cv_macro_f1: ([\\d.]+)`).exec(model)![1];
  /** Each value is refused with exit 2 and the message. */
  async function expectRefused(flag: string, values: string[], message: string) {
    for (const bad of values) {
      const b = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', tempDir(), flag, bad]);
      expect(b.code).toBe(2);
      expect(b.stderr).toContain(message);
    }
  }

  it('prints diagnostics, candidates and the fitted figures', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rule diagnostics');
    expect(run.stdout).toMatch(/never fire \(\d+\): .*denial\.western-invention/);
    expect(run.stdout).toContain('candidate terms');
    expect(run.stdout).toMatch(/macro-F1 in-sample before \d\.\d{3}; cross-validated after \d\.\d{3}/);
    expect(run.stdout).toMatch(/in-sample macro-F1 \d\.\d{3} → 1\.000/);
  });

  it('writes a complete, loadable lexicon version with the fitted model, terms and rule weights', () => {
    const before = loadLexiconSet(lexicons);
    const after = loadLexiconSet(path.join(out, 'lexicons'));
    expect(after.version).toMatch(/^1\+cal\.[0-9a-f]{8}$/);
    expect(after.hash).not.toBe(before.hash);
    expect(after.rules.map((r) => r.id)).toEqual(before.rules.map((r) => r.id));
    // The mixed sentences ("baseless, yet under investigation") are concessions: the fit must let the
    // investigation outweigh the dismissal, which the written weights (1.5 against 2) do not.
    const weight = (id: string) => after.rules.find((r) => r.id === id)!.weight;
    expect(weight('concession.investigate') + after.model.moves.bias.argumentative_concession).toBeGreaterThan(
      weight('rhetorical.baseless') + after.model.moves.bias.rhetorical_action,
    );
    const investigate = after.rules.find((r) => r.id === 'concession.investigate')!;
    expect(investigate.weightEvidence).toMatchObject({ fires: 20, agrees: 20, prior_weight: 1.5, origin: 'test fixture' });
    expect(after.model.moves.temperature).toBeGreaterThan(0);
    expect(readFileSync(path.join(out, 'lexicons', 'model.yaml'), 'utf8')).toMatch(/gold_sha256: [0-9a-f]{64}/);
    expect(readFileSync(path.join(out, 'lexicons', 'terms.yaml'), 'utf8')).toContain('fitted_on:');
    expect(summary.new_lexicons).toMatchObject({ version: after.version, hash: after.hash });
  });

  it('checks the written set with the real tagger: it labels the fitted items better than before', () => {
    expect(summary.check.in_sample_macro_f1_after).toBeGreaterThan(summary.check.in_sample_macro_f1_before);
    expect(summary.macro_f1.after_cross_validated).toBeGreaterThan(0.5);
    expect(summary.check.example_failures).toBe(0);
  });

  it('writes the diff, diagnostics and candidates as Markdown and JSON', () => {
    const diff = readFileSync(path.join(out, 'diff.md'), 'utf8');
    expect(diff).toMatch(/\| concession\.investigate \| 1\.5 \| [\d.]+ \| 20 \| 1\.000 \|/);
    expect(diff).toContain('## Settings tried (moves)');
    expect(diff).toContain('## Settings tried (targets)');
    const diagnostics = JSON.parse(readFileSync(path.join(out, 'diagnostics.json'), 'utf8'));
    expect(diagnostics[0].verdict).toBe('never_fires');
    expect(readFileSync(path.join(out, 'diagnostics.md'), 'utf8')).toContain('### rhetorical.baseless');
    expect(JSON.parse(readFileSync(path.join(out, 'candidates.json'), 'utf8'))).toHaveProperty('denial');
    expect(readFileSync(path.join(out, 'candidates.md'), 'utf8')).toContain('## argumentative_concession');
  });

  it('fits on one split only, and refuses a split the gold does not have', async () => {
    const split = writeGold(designedGold().map((item, i) => ({ ...item, split: i % 5 === 0 ? 'check' : 'fit' })));
    const fitOnly = tempDir();
    const r = await runCli(['calibrate', '--gold', split, '--split', 'fit', '--lexicons', lexicons, '--out', fitOnly]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(fitOnly, 'summary.json'), 'utf8')).items).toBe(40);
    const none = await runCli(['calibrate', '--gold', gold, '--split', 'check', '--lexicons', lexicons, '--out', tempDir()]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no gold items with split "check"');
  });

  it('repeats the cross-validation over 3 fold draws by default; --repeats 1 takes one draw, 0 is refused', async () => {
    expect(summary.cross_validation).toEqual({ folds: 5, seed: 1, repeats: 3, grouped_by: 'document' });
    expect(readFileSync(path.join(out, 'lexicons', 'model.yaml'), 'utf8')).toMatch(
      /method: "spiral calibrate: regularised multinomial logistic regression, 5-fold cross-validation with folds by document, repeated over 3 draws \(seeds 1-3\); moves setting chosen from a grid of \d+; targets setting chosen from a grid of \d+"/,
    );
    const once = tempDir();
    const r = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', once, '--repeats', '1', '--seed', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decision layer (5-fold cross-validation with folds by document (seed 4)):');
    expect(readFileSync(path.join(once, 'lexicons', 'terms.yaml'), 'utf8')).toContain(
      '5-fold cross-validation with folds by document (seed 4); moves setting chosen from a grid of',
    );
    const zero = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', tempDir(), '--repeats', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--repeats');
  });

  it('keeps countries whole in the folds with --fold-by country, and names the unit in model.yaml and the summary', async () => {
    const countries = ['KEN', 'kenya', 'CHL', 'PHL', 'GTM', 'UGA', 'POL', 'MAR'];
    const withCountries = writeGold(designedGold().map((item, i) => ({ ...item, country: countries[i % countries.length], year: 1990 + (i % 3) })));
    const byCountry = tempDir();
    const r = await runCli(['calibrate', '--gold', withCountries, '--lexicons', lexicons, '--out', byCountry, '--fold-by', 'country', '--repeats', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decision layer (5-fold cross-validation with folds by country (seed 1)):');
    expect(JSON.parse(readFileSync(path.join(byCountry, 'summary.json'), 'utf8')).cross_validation.grouped_by).toBe('country');
    expect(readFileSync(path.join(byCountry, 'lexicons', 'model.yaml'), 'utf8')).toContain(
      '5-fold cross-validation with folds by country (seed 1); moves setting chosen from a grid of',
    );
    expect(readFileSync(path.join(byCountry, 'diff.md'), 'utf8')).toContain('cross-validation with folds by country.');
    const bad = await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', tempDir(), '--fold-by', 'speech']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fold-by must be one of document, country');
  });

  it('cross-validates one moves setting with --setting: the figure the grid gives that setting, named in model.yaml', async () => {
    const model = readFileSync(path.join(out, 'lexicons', 'model.yaml'), 'utf8');
    const chosen = /moves_setting: \{ rule_l2: ([\d.]+), term_l1: ([\d.]+|null), class_weight_power: ([\d.]+) \}/.exec(model)!;
    const [ruleL2, termL1, power] = [chosen[1], chosen[2] === 'null' ? 'none' : chosen[2], chosen[3]];
    const fixed = await calibrateGiven('--setting', `${ruleL2},${termL1},${power}`, 'moves');
    expect(fixed.rows).toHaveLength(1);
    const fixedModel = fixed.model;
    expect(cvOf(fixedModel, 'moves')).toBe(cvOf(model, 'moves'));
    expect(fixedModel).toContain('; moves setting given (--setting), not chosen from the grid; targets setting chosen from a grid of');
    const noTerms = tempDir();
    expect((await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', noTerms, '--setting', '0.1,none,1', '--repeats', '1'])).code).toBe(0);
    expect(readFileSync(path.join(noTerms, 'lexicons', 'model.yaml'), 'utf8')).toContain(
      'moves_setting: { rule_l2: 0.1, term_l1: null, class_weight_power: 1 }',
    );
    await expectRefused(
      '--setting',
      ['0.01,0.001', '0,0.001,0.5', '0.01,-1,0.5', '0.01,0.001,x'],
      `--setting must be "rule L2,term L1 or none,class-weight power"`,
    );
  });

  it('cross-validates one target setting with --target-setting: the figure the grid gives it, named in model.yaml', async () => {
    const model = readFileSync(path.join(out, 'lexicons', 'model.yaml'), 'utf8');
    const chosen = /targets_setting: \{ context_weight: ([\d.]+), rule_l2: ([\d.]+) \}/.exec(model)!;
    const fixed = await calibrateGiven('--target-setting', `${chosen[1]},${chosen[2]}`, 'targets');
    expect(fixed.rows).toHaveLength(1);
    const fixedModel = fixed.model;
    expect(cvOf(fixedModel, 'targets')).toBe(cvOf(model, 'targets'));
    expect(fixedModel).toContain('; targets setting given (--target-setting)"');
    expect(fixedModel).toContain(`targets_setting: { context_weight: ${chosen[1]}, rule_l2: ${chosen[2]} }`);
    await expectRefused('--target-setting', ['0.5', '-1,0.01', '0.5,0', '0.5,x', '0.5,0.01,1'], '--target-setting must be "context weight,rule L2"');
  });

  it('fits the first-mention weight when who is named first decides the target, and the written set uses it', async () => {
    const general = `category: target_general
description: general
rules:
  - id: target.general-all
    description: all States
    patterns: ["all states"]
    weight: 1
    weight_evidence: test
    examples:
      match: ["All States must respect human rights."]
      nomatch: ["Some States must."]
`;
    const withTargets = miniCopy({ 'target-general.yaml': general });
    const selfFirst = 'Chile respects human rights, as all States must.';
    const generalFirst = 'All States must respect human rights, as Chile does.';
    // Each pair has the same target evidence (Chile, all States); only which comes first tells them apart.
    const items = [
      ...designedGold().filter((item) => item.label === 'none'),
      ...Array.from({ length: 15 }, (_, i) => [
        { id: `self${i}`, text: selfFirst, label: 'norm_acknowledgment', target: 'self', country: 'CHL', year: 1980 + i },
        { id: `general${i}`, text: generalFirst, label: 'norm_acknowledgment', target: 'general', country: 'CHL', year: 1980 + i },
      ]).flat(),
    ];
    const fitted = tempDir();
    const r = await runCli(['calibrate', '--gold', writeGold(items), '--lexicons', withTargets, '--out', fitted, '--repeats', '1']);
    expect(r.code).toBe(0);
    const after = loadLexiconSet(path.join(fitted, 'lexicons'));
    expect(after.model.targets.first_mention_weight).toBeGreaterThan(0.5);
    expect(readFileSync(path.join(fitted, 'lexicons', 'model.yaml'), 'utf8')).toMatch(/\n {2}first_mention_weight: \d/);
    const tagger = createTagger(after);
    expect(tagger.tag(selfFirst, { country: 'CHL' }).target).toBe('self');
    expect(tagger.tag(generalFirst, { country: 'CHL' }).target).toBe('general');
  });

  it('is deterministic: a second run writes the same files', async () => {
    const again = tempDir();
    await runCli(['calibrate', '--gold', gold, '--lexicons', lexicons, '--out', again]);
    for (const f of ['summary.json', 'diff.md', 'diagnostics.json', 'candidates.json', 'lexicons/argumentative-concession.yaml', 'lexicons/lexicon.yaml']) {
      expect(readFileSync(path.join(again, f), 'utf8'), f).toBe(readFileSync(path.join(out, f), 'utf8'));
    }
  });

  it('names the file and line of a bad gold item and exits 2', async () => {
    const bad = path.join(tempDir(), 'bad.jsonl');
    writeFileSync(bad, '{"id": "a", "text": "x", "label": "denial"}\n{"id": "b", "text": "y", "label": "maybe"}\n');
    const r = await runCli(['calibrate', '--gold', bad, '--lexicons', lexicons, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2: bad label`);
  });

  it('reads several gold files; the same id with another label is an error naming both', async () => {
    const first = writeGold([{ id: 'a', text: 'We respect human rights.', label: 'norm_acknowledgment' }]);
    const second = writeGold([{ id: 'a', text: 'We respect human rights.', label: 'none' }]);
    const r = await runCli(['calibrate', '--gold', first, second, '--lexicons', lexicons, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${second}:1: id "a" was already read from ${first}:1`);
  });
});

describe('spiral lexicon check', () => {
  it('passes a valid set whose examples all hold', async () => {
    const r = await runCli(['lexicon', 'check', miniCopy()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mini 1 \(sha256 [0-9a-f]{12}\): 9 rules, \d+ examples, 0 failing/);
  });

  it('prints file:line: rule: message for a failing example and exits 1', async () => {
    const dir = miniCopy();
    const file = path.join(dir, 'norm-acknowledgment.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('nomatch: ["We respect the trade rules."]', 'nomatch: ["We respect human rights fully."]'));
    const r = await runCli(['lexicon', 'check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:11: acknowledgment.respect: nomatch example "We respect human rights fully.": should not match but the rule fired`);
  });

  it('warns, with file:line, of an alternative the pattern already matches, and still exits 0', async () => {
    const dir = miniCopy();
    const file = path.join(dir, 'denial.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('patterns: ["interfer* in', 'patterns: ["(reject|rejects|rejected) ..3 interference", "interfer* in'));
    const r = await runCli(['lexicon', 'check', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`denial\\.yaml:\\d+: warning: denial\\.internal-affairs: pattern 1: "rejected" is a form of "reject", which already matches it`),
    );
    expect(r.stdout).toMatch(/, 2 lint warnings\n/);
  });

  it('exits 2 with file:line for an invalid set', async () => {
    const dir = miniCopy();
    const file = path.join(dir, 'denial.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('weight: 2\n', 'weight: -2\n'));
    const r = await runCli(['lexicon', 'check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: rule denial.internal-affairs: "weight" must be a number > 0`));
  });
});

describe('spiral lexicon diff', () => {
  it('shows added, removed and changed rules, scoring and version/hash', async () => {
    const a = miniCopy();
    const b = miniCopy();
    const denial = path.join(b, 'denial.yaml');
    let text = readFileSync(denial, 'utf8');
    text = text.replace(
      'weight: 2\n    weight_evidence: test fixture\n    requires: [relevance]\n    when_negated: norm_acknowledgment',
      'weight: 3\n    weight_evidence: test fixture\n    when_negated: keep',
    );
    text = text.replace('"(internal|domestic) (affair|matter)"', '"(internal|domestic) (affair|matter|question)"');
    writeFileSync(denial, text);
    const ack = path.join(b, 'norm-acknowledgment.yaml');
    writeFileSync(ack, readFileSync(ack, 'utf8').replace('id: acknowledgment.respect', 'id: acknowledgment.respects'));
    const scoring = path.join(b, 'scoring.yaml');
    writeFileSync(scoring, readFileSync(scoring, 'utf8').replace('negation_window: 12', 'negation_window: 10'));
    writeFileSync(path.join(b, 'lexicon.yaml'), readFileSync(path.join(b, 'lexicon.yaml'), 'utf8').replace('version: "1"', 'version: "2"'));
    const r = await runCli(['lexicon', 'diff', a, b]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^A: mini 1 \(sha256 [0-9a-f]{12}\)$/);
    expect(lines[1]).toMatch(/^B: mini 2 \(sha256 [0-9a-f]{12}\)$/);
    expect(r.stdout).toContain('rules: 1 added, 1 removed, 1 changed');
    expect(r.stdout).toContain('+ acknowledgment.respects (norm_acknowledgment, norm-acknowledgment.yaml)');
    expect(r.stdout).toContain('- acknowledgment.respect (norm_acknowledgment, norm-acknowledgment.yaml)');
    expect(r.stdout).toContain(
      '~ denial.internal-affairs: weight 2 → 3; requires [relevance] → []; when_negated "norm_acknowledgment" → "keep"; patterns + "(internal|domestic) (affair|matter|question)"; patterns − "(internal|domestic) (affair|matter)"',
    );
    expect(r.stdout).toContain('scoring: negation_window 12 → 10');
    const json = JSON.parse((await runCli(['lexicon', 'diff', a, b, '--json'])).stdout);
    expect(json.changed[0].id).toBe('denial.internal-affairs');
  });

  it('says so when two sets are identical', async () => {
    const r = await runCli(['lexicon', 'diff', miniCopy(), miniCopy()]);
    expect(r.stdout).toContain('identical content');
  });
});
