// The decision layer: scores from evidence, biases and terms (tag/model.ts), the
// target of a move (self / other / general), and what the sentence before and
// the UPR setting change. Built on small sets written here, so each behaviour is
// seen alone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import fc from 'fast-check';
import {
  argmax,
  contextCounts,
  MOVES_NEEDING_A_RULE,
  defaultModelConfig,
  evidenceScores,
  moveLogits,
  softmax,
  type LabelVector,
  type MoveInput,
  type MoveWeights,
} from '../../src/tag/model.js';
import { FIRST_MENTION_RULE, runnerUpOf, summarizeContext } from '../../src/tag/decide.js';
import { createTagger, isUprVenue } from '../../src/tag/tagger.js';
import { LABELS } from '../../src/types.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setWith(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'spiral-dec-'));
  dirs.push(dir);
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return loadLexiconSet(dir);
}

describe('scores, probabilities and ties (tag/model.ts)', () => {
  const weights: MoveWeights = {
    config: defaultModelConfig().moves,
    ruleWeight: (id) => (id === 'a' ? 2 : 1),
    termWeights: (t) => (t === 'campaign' ? { rhetorical_action: 0.5, none: -0.25 } : undefined),
  };
  const input = (over: Partial<MoveInput> = {}): MoveInput => ({ pieces: [], terms: [], relevance: 0, contextRelevance: 0, upr: false, ...over });

  it('adds rule weights times what the effects left, and term weights, to the bias', () => {
    const z = moveLogits(input({ pieces: [{ rule: 'a', category: 'denial', multiplier: 0.5 }], terms: ['campaign'] }), weights);
    expect(z.denial).toBeCloseTo(1, 9);
    expect(evidenceScores(input({ terms: ['campaign'] }), weights).rhetorical_action).toBeCloseTo(0.5, 9);
    // No rhetorical rule fired: the term's weight for it is shown, but the move is not open (MOVES_NEEDING_A_RULE).
    expect(z.rhetorical_action).toBe(-Infinity);
    expect(z.none).toBeCloseTo(0.5 - 0.25, 9);
  });

  it('chooses a rejecting move only where a rule of its own fired: the term layer alone never gives denial or rhetorical action', () => {
    const termHeavy: MoveWeights = { ...weights, termWeights: () => ({ denial: 9, rhetorical_action: 8, argumentative_concession: 1 }) };
    const bare = moveLogits(input({ terms: ['country'] }), termHeavy);
    expect(MOVES_NEEDING_A_RULE).toEqual(['denial', 'rhetorical_action']);
    expect(bare.denial).toBe(-Infinity);
    expect(bare.rhetorical_action).toBe(-Infinity);
    expect(argmax(bare, LABELS)).toBe('argumentative_concession');
    expect(softmax(bare, LABELS, 1).denial).toBe(0);
    // One denial rule lets the terms count again, for denial only.
    const ruled = moveLogits(input({ terms: ['country'], pieces: [{ rule: 'a', category: 'denial', multiplier: 1 }] }), termHeavy);
    expect(ruled.denial).toBeCloseTo(2 + 9, 9);
    expect(ruled.rhetorical_action).toBe(-Infinity);
    expect(argmax(ruled, LABELS)).toBe('denial');
  });

  it('sums evidence exactly as label by label in order (the sums are bit for bit those of the scores a line shows)', () => {
    const labelByLabel = (inp: MoveInput, w: MoveWeights): LabelVector => {
      const s = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, none: 0 };
      for (const p of inp.pieces) s[p.category] += w.ruleWeight(p.rule) * p.multiplier;
      for (const t of inp.terms) for (const l of LABELS) s[l] += w.termWeights(t)?.[l] ?? 0;
      return s;
    };
    const label = fc.constantFrom(...LABELS);
    const termTable = fc.dictionary(fc.constantFrom('t1', 't2', 't3', 't4'), fc.dictionary(label, fc.double({ noNaN: true }), { maxKeys: 5 }));
    fc.assert(
      fc.property(
        termTable,
        fc.array(
          fc.record({
            rule: fc.constantFrom('a', 'b'),
            category: fc.constantFrom('denial', 'rhetorical_action', 'norm_acknowledgment' as const),
            multiplier: fc.double({ noNaN: true }),
          }),
          { maxLength: 4 },
        ),
        fc.array(fc.constantFrom('t1', 't2', 't3', 't4', 't5'), { maxLength: 6 }),
        (table, pieces, terms) => {
          const w: MoveWeights = { ...weights, termWeights: (t) => table[t] };
          const inp = input({ pieces, terms });
          const got = evidenceScores(inp, w);
          const want = labelByLabel(inp, w);
          expect(Object.keys(got)).toEqual([...LABELS]);
          for (const l of LABELS) expect(Object.is(got[l], want[l])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes as runner-up the first label other than the chosen one in a stable sort by probability', () => {
    const prob = fc.oneof(fc.constantFrom(0, -0, 0.25, 0.5, 1, NaN), fc.double({ min: 0, max: 1 }));
    fc.assert(
      fc.property(fc.constantFrom(...LABELS), fc.tuple(prob, prob, prob, prob, prob), (label, ps) => {
        const p = Object.fromEntries(LABELS.map((l, i) => [l, ps[i]])) as LabelVector;
        const bySort = [...LABELS].sort((a, b) => p[b] - p[a]).find((l) => l !== label);
        expect(runnerUpOf(label, p)).toBe(bySort);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets relevance and the relevance of the sentence before count against none, up to the cap', () => {
    const w: MoveWeights = { ...weights, config: { ...weights.config, relevance_weight: 1, context_relevance_weight: 0.5, relevance_cap: 2 } };
    expect(moveLogits(input({ relevance: 5, contextRelevance: 1 }), w).none).toBeCloseTo(0.5 - 2 - 0.5, 9);
  });

  it('gives probabilities that sum to one, sharper at a lower temperature; a tie goes to the codebook order', () => {
    const z = { denial: 1, rhetorical_action: 1, argumentative_concession: 0, norm_acknowledgment: 0, none: 0 };
    const p = softmax(z, LABELS, 1);
    expect(LABELS.reduce((s, l) => s + p[l], 0)).toBeCloseTo(1, 12);
    expect(softmax(z, LABELS, 0.5).denial).toBeGreaterThan(p.denial);
    expect(argmax(z, LABELS)).toBe('denial');
  });
});

describe('targets', () => {
  const set = setWith({
    'target-self.yaml': `category: target_self
description: self
rules:
  - id: target.self-gov
    description: my government
    patterns: ["(my|our) (government|country)"]
    weight: 1.5
    weight_evidence: test
    examples:
      match: ["My Government has ratified the Convention."]
      nomatch: ["Their government has not."]
`,
    'target-general.yaml': `category: target_general
description: general
rules:
  - id: target.general-all
    description: all States
    patterns: ["all states"]
    weight: 1.5
    weight_evidence: test
    examples:
      match: ["All States must respect human rights."]
      nomatch: ["Some States must."]
`,
    'speaker.yaml': `category: speaker
description: voice
rules:
  - id: speaker.stance
    description: stance verbs
    patterns: ["(believes|maintains|welcomes)"]
    weight: 1
    weight_evidence: test
    examples:
      match: ["Chile maintains that rights are universal."]
      nomatch: ["Chile ratified the Covenant."]
`,
  });
  const tagger = createTagger(set);

  it('is na for none, and otherwise decided by the evidence in the sentence', () => {
    expect(tagger.tag('Trade grew.').target).toBe('na');
    expect(tagger.tag('My Government respects human rights.')).toMatchObject({ label: 'norm_acknowledgment', target: 'self', target_basis: 'text' });
    expect(tagger.tag('All States must respect human rights.')).toMatchObject({ target: 'general', target_basis: 'text' });
  });

  it("claims the speaker's own State as self and any other State as other", () => {
    expect(tagger.tag('Chile respects human rights.', { country: 'CHL' }).target).toBe('self');
    expect(tagger.tag('Chile respects human rights.', { country: 'KEN' }).target).toBe('other');
    const own = tagger.tag('Chile respects human rights.', { country: 'CHL' }).evidence.find((e) => e.rule === 'country.chl')!;
    expect(own).toMatchObject({ category: 'target_self', effect: 'own_country', switched_from: 'target_other' });
  });

  it('reads a generic reference followed by "of" and another State as that State\'s ("the Government of Kenya"), not the speaker\'s', () => {
    const generic = createTagger(
      setWith({
        'target-self.yaml': `category: target_self
description: self
rules:
  - id: target.self-register
    description: the Government
    patterns: ["the government"]
    weight: 1.5
    weight_evidence: test
    examples:
      match: ["The Government has ratified the Convention."]
      nomatch: ["A government has not."]
`,
      }),
    );
    const text = 'The Government of Kenya has ratified the Convention against Torture and respects human rights.';
    const other = generic.tag(text, { country: 'CHL' });
    expect(other.evidence.find((e) => e.rule === 'target.self-register')).toMatchObject({ weight: 0, effect: 'named_country' });
    expect(other.target).toBe('other');
    const own = generic.tag(text, { country: 'KEN' });
    expect(own.evidence.find((e) => e.rule === 'target.self-register')!.weight).toBeGreaterThan(0);
    expect(own.target).toBe('self');
    expect(
      generic.tag('The Government has ratified the Convention against Torture.', { country: 'CHL' }).evidence.find((e) => e.rule === 'target.self-register')!
        .weight,
    ).toBeGreaterThan(0);
  });

  it('does not count the speaker as the subject of a verb of believing as self-reference', () => {
    const r = tagger.tag('Chile maintains that all States must respect human rights.', { country: 'CHL' });
    expect(r.evidence.find((e) => e.rule === 'country.chl')).toMatchObject({ weight: 0, effect: 'speaker_voice' });
    expect(r.target).toBe('general');
  });

  it("gives the speaker's voice the model's fitted weight (targets.speaker_voice_weight)", () => {
    const weighted = createTagger({ ...set, model: { ...set.model, targets: { ...set.model.targets, speaker_voice_weight: 5 } } });
    const r = weighted.tag('Chile maintains that all States must respect human rights.', { country: 'CHL' });
    expect(r.evidence.find((e) => e.rule === 'country.chl')).toMatchObject({ weight: 5, effect: 'speaker_voice', category: 'target_self' });
    expect(r.target).toBe('self');
  });

  it('adds the fitted first-mention weight toward the first party the sentence names (targets.first_mention_weight)', () => {
    const sentence = 'Chile respects human rights, as all States must.';
    const plain = tagger.tag(sentence, { country: 'CHL' });
    expect(plain.target).toBe('general');
    expect(plain.evidence.some((e) => e.rule === FIRST_MENTION_RULE)).toBe(false);
    const weighted = createTagger({ ...set, model: { ...set.model, targets: { ...set.model.targets, first_mention_weight: 2 } } });
    const r = weighted.tag(sentence, { country: 'CHL' });
    expect(r.target).toBe('self');
    expect(r.evidence.filter((e) => e.rule === FIRST_MENTION_RULE)).toEqual([
      { rule: FIRST_MENTION_RULE, category: 'target_self', start: 0, end: 5, text: 'Chile', weight: 2, negated: false },
    ]);
    expect(weighted.tag('All States must respect human rights, as Chile does.', { country: 'CHL' }).target).toBe('general');
    // No target on none, so no first mention to show.
    expect(weighted.tag('Chile traded with all States.', { country: 'CHL' }).evidence.some((e) => e.rule === FIRST_MENTION_RULE)).toBe(false);
    // The sentence before offers its target evidence without its first mention: its subject is not the next one's.
    expect(summarizeContext(r).target).toEqual({ self: 1, other: 0, general: 1.5 });
  });

  it("never takes the speaker's voice for the first mention", () => {
    const weighted = createTagger({ ...set, model: { ...set.model, targets: { ...set.model.targets, first_mention_weight: 2 } } });
    const r = weighted.tag('Chile maintains that all States must respect human rights.', { country: 'CHL' });
    expect(r.evidence.find((e) => e.rule === FIRST_MENTION_RULE)).toMatchObject({ category: 'target_general', text: 'all States' });
    expect(r.target).toBe('general');
  });

  it('takes the target from the sentence before when the sentence alone has no target evidence', () => {
    const r = tagger.tag('They show respect for human rights.', { context: 'My Government has reformed the police.' });
    expect(r).toMatchObject({ label: 'norm_acknowledgment', target: 'self', target_basis: 'context' });
    expect(tagger.tag('They show respect for human rights.').target_basis).toBe('prior');
  });

  it('lets the kind of move lean the target (model.yaml targets.move_rule_bias)', () => {
    const leaning = createTagger({
      ...set,
      model: { ...set.model, targets: { ...set.model.targets, move_rule_bias: { 'acknowledgment.respect': { other: 3 } } } },
    });
    expect(tagger.tag('We show respect for human rights.').target).not.toBe('other');
    expect(leaning.tag('We show respect for human rights.').target).toBe('other');
  });

  it('decides the target as if the label were a given move (eval: attribution apart from the label)', () => {
    expect(tagger.tag('Trade grew in my country.', { targetGiven: 'norm_acknowledgment' }).target).toBe('self');
  });
});

describe('relevance from the sentence before and from the UPR setting', () => {
  const set = setWith({});
  const tagger = createTagger(set);
  // concession.investigate in the mini set requires relevance; "were investigated" alone has none.
  const plain = 'The incidents were investigated by an independent body.';

  it('meets a relevance requirement with the sentence before, or in a UPR report', () => {
    const fired = (r: ReturnType<typeof tagger.tag>) => r.evidence.some((e) => e.rule === 'concession.investigate' && e.weight > 0);
    expect(fired(tagger.tag(plain))).toBe(false);
    expect(fired(tagger.tag(plain, { context: 'Allegations of torture by the police were reported.' }))).toBe(true);
    expect(fired(tagger.tag(plain, { venue: 'UPR Working Group' }))).toBe(true);
  });

  it('does not meet a requirement with the sentence before for a rule with requires_own_sentence; the UPR setting still does', () => {
    const own = setWith({
      'argumentative-concession.yaml': readFileSync(path.join(MINI_LEXICONS, 'argumentative-concession.yaml'), 'utf8').replace(
        '    requires: [relevance]\n',
        '    requires: [relevance]\n    requires_own_sentence: true\n',
      ),
    });
    expect(own.rules.find((r) => r.id === 'concession.investigate')?.requiresOwnSentence).toBe(true);
    const strict = createTagger(own);
    const investigate = (r: ReturnType<typeof strict.tag>) => r.evidence.find((e) => e.rule === 'concession.investigate')!;
    expect(investigate(strict.tag(plain, { context: 'Allegations of torture by the police were reported.' }))).toMatchObject({
      weight: 0,
      effect: 'unmet_requirement',
    });
    expect(investigate(strict.tag(plain, { venue: 'UPR Working Group' })).weight).toBeGreaterThan(0);
    expect(investigate(strict.tag('The torture allegations were investigated by an independent body.')).weight).toBeGreaterThan(0);
  });

  it('meets a strong_relevance requirement in the sentence only when its relevance reaches relevance_threshold', () => {
    const weakCue = `  - id: relevance.victims
    description: A weak cue.
    patterns: ["victims"]
    weight: 0.5
    weight_evidence: test fixture
    examples:
      match: ["The victims were many."]
      nomatch: ["Trade grew."]
`;
    const relevance = readFileSync(path.join(MINI_LEXICONS, 'relevance.yaml'), 'utf8') + weakCue;
    const denial = readFileSync(path.join(MINI_LEXICONS, 'denial.yaml'), 'utf8').replace(
      '    requires: [relevance]\n',
      '    requires: [relevance]\n    strong_relevance: true\n',
    );
    const strong = setWith({ 'relevance.yaml': relevance, 'denial.yaml': denial });
    const loose = setWith({ 'relevance.yaml': relevance });
    expect(strong.rules.find((r) => r.id === 'denial.internal-affairs')?.strongRelevance).toBe(true);
    expect(loose.rules.find((r) => r.id === 'denial.internal-affairs')?.strongRelevance).toBe(false);
    const rule = (t: ReturnType<typeof createTagger>, text: string, meta = {}) => t.tag(text, meta).evidence.find((e) => e.rule === 'denial.internal-affairs')!;
    // One weak cue (0.5 of relevance_threshold 1) meets a plain requirement, not a strong one.
    const weak = 'The victims of the aggression demand an end to interference in its internal affairs.';
    expect(rule(createTagger(loose), weak).weight).toBeGreaterThan(0);
    expect(rule(createTagger(strong), weak)).toMatchObject({ weight: 0, effect: 'unmet_requirement' });
    // Full human-rights talk in the sentence, or in the sentence before, or the UPR setting, meets it.
    const tagStrong = createTagger(strong);
    expect(rule(tagStrong, 'Criticism of our human rights record is interference in our internal affairs.').weight).toBeGreaterThan(0);
    expect(rule(tagStrong, weak, { context: 'They spoke of human rights.' }).weight).toBeGreaterThan(0);
    expect(rule(tagStrong, weak, { venue: 'UPR Working Group' }).weight).toBeGreaterThan(0);
  });

  describe("requires: [target_self] (the speaker's own State in view)", () => {
    const concession = readFileSync(path.join(MINI_LEXICONS, 'argumentative-concession.yaml'), 'utf8').replace(
      '    requires: [relevance]\n',
      '    requires: [relevance, target_self]\n',
    );
    /** The first person at `weWeight`, and "my Government" (a named reference) when asked for. */
    const selfRules = (weWeight: number, named = false) => `category: target_self
description: self
rules:
  - id: target.self-we
    description: first person
    patterns: ["(we|our)"]
    weight: ${weWeight}
    weight_evidence: test
    examples:
      match: ["We acted."]
      nomatch: ["They acted."]
${
  named
    ? `  - id: target.self-gov
    description: my government
    patterns: ["(my|our) (government|country)"]
    weight: 1.5
    weight_evidence: test
    examples:
      match: ["My Government acted."]
      nomatch: ["Their government acted."]
`
    : ''
}`;
    const targets = {
      'target-self.yaml': selfRules(0.5),
      'target-general.yaml': `category: target_general
description: general
rules:
  - id: target.general-council
    description: the Council
    patterns: ["the council"]
    weight: 1
    weight_evidence: test
    examples:
      match: ["The Council met."]
      nomatch: ["The court met."]
`,
      'speaker.yaml': `category: speaker
description: voice
rules:
  - id: speaker.stance
    description: stance verbs
    patterns: ["(urge|believe)"]
    weight: 1
    weight_evidence: test
    examples:
      match: ["We urge restraint."]
      nomatch: ["We acted."]
`,
    };
    const selfSet = setWith({ 'argumentative-concession.yaml': concession, ...targets });
    const t = createTagger(selfSet);
    const investigate = (text: string, meta = {}) => t.tag(text, meta).evidence.find((e) => e.rule === 'concession.investigate')!;

    it('keeps a concession that names the speaker, or no other party at all', () => {
      expect(investigate('We have investigated the torture allegations.').weight).toBeGreaterThan(0);
      expect(investigate('Chile investigated the torture allegations.', { country: 'CHL' }).weight).toBeGreaterThan(0);
      expect(investigate('The torture allegations were investigated by an independent body.').weight).toBeGreaterThan(0);
    });

    it("drops it where another party is named and the speaker only in its own voice, or another State's name", () => {
      expect(investigate('We urge the Council to investigate the torture allegations.')).toMatchObject({ weight: 0, effect: 'unmet_requirement' });
      expect(investigate('Chile investigated the torture allegations.', { country: 'KEN' })).toMatchObject({ weight: 0, effect: 'unmet_requirement' });
      expect(t.tag('We urge the Council to investigate the torture allegations.').label).not.toBe('argumentative_concession');
    });

    it('where another State is named by name, needs the speaker named as firmly: a bare "we" does not do, here or in the sentence before', () => {
      const named = createTagger(setWith({ 'argumentative-concession.yaml': concession, ...targets, 'target-self.yaml': selfRules(0.05, true) }));
      const weight = (text: string, meta = {}) => named.tag(text, { country: 'CHL', ...meta }).evidence.find((e) => e.rule === 'concession.investigate')!;
      expect(weight('We investigated the torture allegations in Kenya.')).toMatchObject({ weight: 0, effect: 'unmet_requirement' });
      expect(weight('We investigated the torture allegations in Kenya.', { context: 'My Government answered every question.' }).weight).toBe(0);
      expect(weight('My Government investigated the torture allegations in Kenya.').weight).toBeGreaterThan(0);
      expect(weight('We investigated the torture allegations.').weight).toBeGreaterThan(0);
      expect(weight('We investigated the torture allegations in Kenya.', { venue: 'UPR Working Group' }).weight).toBeGreaterThan(0);
    });

    it('with requires_own_sentence, needs the speaker named in the sentence itself (not a bare "we", not an impersonal sentence) or the UPR setting', () => {
      const ownSentence = setWith({
        'argumentative-concession.yaml': concession.replace(
          '    requires: [relevance, target_self]\n',
          '    requires: [relevance, target_self]\n    requires_own_sentence: true\n',
        ),
        ...targets,
        'target-self.yaml': selfRules(0.05, true),
      });
      const strict = createTagger(ownSentence);
      const weight = (text: string, meta = {}) => strict.tag(text, meta).evidence.find((e) => e.rule === 'concession.investigate')!.weight;
      expect(weight('My Government has investigated the torture allegations.')).toBeGreaterThan(0);
      expect(weight('We have investigated the torture allegations.')).toBe(0);
      expect(weight('The torture allegations were investigated by an independent body.')).toBe(0);
      expect(weight('The torture allegations were investigated by an independent body.', { context: 'My Government answered every question.' })).toBe(0);
      expect(weight('The torture allegations were investigated by an independent body.', { venue: 'UPR Working Group' })).toBeGreaterThan(0);
    });

    it('meets it from outside the sentence: the UPR setting, or a self-reference in the sentence before', () => {
      const text = 'The Council asked that the torture allegations be investigated.';
      expect(investigate(text).weight).toBe(0);
      expect(investigate(text, { venue: 'UPR Working Group' }).weight).toBeGreaterThan(0);
      // "We" weighs 0.5 here, self_context_min is 0.5: the sentence before names the speaker.
      expect(investigate(text, { context: 'We answered every question.' }).weight).toBeGreaterThan(0);
      expect(investigate(text, { context: 'They answered every question.' }).weight).toBe(0);
    });

    it("reads a sentence that names no party with the one before: after another State's conduct, it is that State's", () => {
      const text = 'The torture allegations were investigated by an independent body.';
      const kenya = 'Kenya tortured the protesters.';
      expect(investigate(text, { country: 'CHL', context: kenya })).toMatchObject({ weight: 0, effect: 'unmet_requirement' });
      expect(t.tag(text, { country: 'CHL', context: kenya }).label).not.toBe('argumentative_concession');
      // The speaker's own State before, no party before, or the UPR setting: still the speaker's record.
      expect(investigate(text, { country: 'CHL', context: 'Chile tortured the protesters.' }).weight).toBeGreaterThan(0);
      expect(investigate(text, { country: 'CHL', context: 'The rain fell.' }).weight).toBeGreaterThan(0);
      expect(investigate(text, { country: 'CHL', context: kenya, venue: 'UPR Working Group' }).weight).toBeGreaterThan(0);
      // Named in the sentence itself, the speaker's State decides whatever came before.
      expect(investigate('Chile investigated the torture allegations.', { country: 'CHL', context: kenya }).weight).toBeGreaterThan(0);
    });
  });

  it('lets the sentence before count against none only for a sentence with ground of its own', () => {
    expect(contextCounts({ movePieces: 0, relevance: 0, upr: false })).toBe(false);
    expect(contextCounts({ movePieces: 1, relevance: 0, upr: false })).toBe(true);
    expect(contextCounts({ movePieces: 0, relevance: 0.5, upr: false })).toBe(true);
    expect(contextCounts({ movePieces: 0, relevance: 0, upr: true })).toBe(true);
    const before = 'Human rights and torture were discussed.';
    const weighing = createTagger({ ...set, model: { ...set.model, moves: { ...set.model.moves, context_relevance_weight: 1 } } });
    // No evidence at all: the neighbour's relevance leaves the scores as they are.
    const bare = 'Trade grew.';
    const decision = (text: string, context?: string) => {
      const r = weighing.tag(text, { context });
      return { label: r.label, confidence: r.confidence };
    };
    expect(decision(bare, before)).toEqual(decision(bare));
    expect(weighing.tag(bare, { context: before }).label).toBe('none');
    // Relevance of its own: the sentence before still adds to it.
    const own = 'Human rights were discussed.';
    expect(decision(own, before)).not.toEqual(decision(own));
  });

  it('summarises a tagged sentence for the one after it', () => {
    const summary = summarizeContext(tagger.tag('Human rights and torture were discussed.'));
    expect(summary.relevance).toBeGreaterThan(0);
    expect(summary.target).toEqual({ self: 0, other: 0, general: 0 });
    expect(isUprVenue('UPR Working Group')).toBe(true);
    expect(isUprVenue('Universal Periodic Review')).toBe(true);
    expect(isUprVenue('UN General Assembly')).toBe(false);
  });
});
