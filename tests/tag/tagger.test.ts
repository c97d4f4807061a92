import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../src/lexicon/examples.js';
import { miniTagger } from '../helpers/lexicons.js';

describe('tagger on the mini lexicon', () => {
  const tagger = miniTagger();

  it('runs every example of the fixture set', () => {
    expect(checkExamples(tagger)).toEqual([]);
  });

  it('labels denial with evidence spans relative to the utterance', () => {
    const text = 'Criticism of human rights is interference in our internal affairs.';
    const r = tagger.tag(text);
    expect(r.label).toBe('denial');
    const ev = r.evidence.find((e) => e.rule === 'denial.internal-affairs')!;
    expect(text.slice(ev.start, ev.end)).toBe('interference in our internal affairs');
    expect(ev.text).toBe('interference in our internal affairs');
    expect(r.relevant).toBe(true);
    expect(r.scores.denial).toBe(2);
  });

  it('drops a move whose requirement is missing: sovereignty talk without human rights is none', () => {
    const r = tagger.tag('Trade policy is an internal affair of every State.');
    expect(r.label).toBe('none');
    expect(r.evidence[0]).toMatchObject({ rule: 'denial.internal-affairs', weight: 0, effect: 'unmet_requirement' });
  });

  it('switches negated denial to acknowledgment (negator outside the match)', () => {
    const r = tagger.tag('No state can claim that human rights are an internal affair.');
    expect(r.label).toBe('norm_acknowledgment');
    expect(r.flags).toContain('negated');
    expect(r.evidence.find((e) => e.rule === 'denial.internal-affairs')).toMatchObject({ negated: true, effect: 'switched', switched_from: 'denial' });
  });

  it('keeps the move under a privative "without": the absence of interference is the denial\'s own demand', () => {
    const r = tagger.tag('Human rights must be promoted without interference in our internal affairs.');
    expect(r.label).toBe('denial');
    expect(r.flags).toContain('negated');
    const ev = r.evidence.find((e) => e.rule === 'denial.internal-affairs')!;
    expect(ev).toMatchObject({ negated: true, category: 'denial' });
    expect(ev.effect).toBeUndefined();
    // a clause negation still switches it
    expect(tagger.tag('Human rights are not an internal affair of any State.').label).toBe('norm_acknowledgment');
  });

  it('turns "we do not deny that" into a concession', () => {
    expect(tagger.tag('We do not deny that abuses occurred.').label).toBe('argumentative_concession');
    expect(tagger.tag("We don't deny that abuses occurred.").label).toBe('argumentative_concession');
    expect(tagger.tag('We deny that abuses occurred.').label).toBe('rhetorical_action');
  });

  it('discounts reported views: the speaker rejecting them acknowledges the norm', () => {
    const r = tagger.tag('Some claim that human rights are a Western invention; we reject that view.');
    expect(r.label).toBe('norm_acknowledgment');
    expect(r.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ effect: 'attributed', weight: 0 });
  });

  it("ends a reported view at the speaker's verdict on it: what follows 'is rejected' is the speaker's own", () => {
    const judged = tagger.tag('Some say that monitors are needed, and that view is firmly rejected as Western values imposed on us.');
    expect(judged.evidence.find((e) => e.rule === 'denial.western-invention')).not.toHaveProperty('effect', 'attributed');
    expect(judged.label).toBe('denial');
    const reported = tagger.tag('Some say that Western values are imposed on us.');
    expect(reported.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ effect: 'attributed' });
    // A copula without a verdict word does not end the view.
    const described = tagger.tag('Some say that the view is plainly Western values imposed on us.');
    expect(described.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ effect: 'attributed' });
  });

  it("reads a fronted 'what' as the reported view: the words after 'in spite of what some say' are the speaker's own", () => {
    const answered = tagger.tag('In spite of what some say, Western values are imposed on us.');
    expect(answered.evidence.find((e) => e.rule === 'denial.western-invention')).not.toHaveProperty('effect', 'attributed');
    expect(answered.label).toBe('denial');
    // Without the fronted 'what' the same words are the view reported.
    const reported = tagger.tag('In spite of this, some say Western values are imposed on us.');
    expect(reported.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ effect: 'attributed' });
  });

  it('lets the main clause win over a concessive clause', () => {
    const r = tagger.tag('While we respect human rights, we reject this interference in our internal affairs.');
    expect(r.label).toBe('denial');
    expect(r.evidence.find((e) => e.rule === 'acknowledgment.respect')).toMatchObject({ effect: 'concessive', weight: 0.5 });
  });

  it('matches gaps within a clause but not across a clause break', () => {
    expect(tagger.tag('The allegations of torture are completely baseless.').label).toBe('rhetorical_action');
    expect(tagger.tag('The allegations were heard; baseless talk about torture continues.').label).not.toBe('rhetorical_action');
  });

  it('matches stems and inflections generated at compile time', () => {
    expect(tagger.tag('The abuses were investigated promptly.').evidence.map((e) => e.rule)).toContain('concession.investigate');
    expect(tagger.tag('They interfered in the internal affairs of a state over human rights.').label).toBe('denial');
  });

  it('returns none, with no evidence and no target, when nothing matches', () => {
    const r = tagger.tag('The weather was fine.');
    expect(r).toMatchObject({
      label: 'none',
      relevant: false,
      scores: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 },
      evidence: [],
      flags: [],
      target: 'na',
      target_basis: 'none',
    });
    // The default model (no model.yaml): none's bias alone, against the two moves open without a rule of their own
    // (concession, acknowledgment) at zero; denial and rhetorical action need one (MOVES_NEEDING_A_RULE).
    expect(r.confidence).toBeCloseTo(Math.exp(0.5) / (Math.exp(0.5) + 2), 6);
  });

  it('flags relevant sentences that no move matched', () => {
    const r = tagger.tag('Human rights were discussed at length.');
    expect(r).toMatchObject({ label: 'none', relevant: true });
    expect(r.flags).toContain('relevant_unmatched');
  });

  it('joins words hyphenated across a line break', () => {
    expect(tagger.tag('We respect hu-\nman rights.').label).toBe('norm_acknowledgment');
  });
});

describe('engine refinements on the mini lexicon', () => {
  const tagger = miniTagger();

  it('keeps "non-interference" apart from interference', () => {
    const r = tagger.tag('Human rights and non-interference in the internal affairs of States are both principles.');
    expect(r.evidence.some((e) => e.rule === 'denial.internal-affairs' && e.text.startsWith('non'))).toBe(false);
  });

  it('affirms what follows a negated verb of neglect or doubt ("must not forget that", "no doubt that")', () => {
    const denial = (text: string) => tagger.tag(text).evidence.find((e) => e.rule === 'denial.internal-affairs')!;
    expect(denial('We must not forget that criticism of human rights is interference in our internal affairs.')).toMatchObject({ negated: false });
    expect(denial('There is no doubt that criticism of human rights is interference in our internal affairs.')).toMatchObject({ negated: false });
    expect(tagger.tag('We must not forget that criticism of human rights is interference in our internal affairs.').label).toBe('denial');
    // The negation still reaches a complement when the verb is not one of them.
    expect(denial('We do not think that criticism of human rights is interference in our internal affairs.')).toMatchObject({ negated: true });
  });

  it('treats a negator inside a gap as negating the match', () => {
    const r = tagger.tag('The allegations of torture are not baseless.');
    const ev = r.evidence.find((e) => e.rule === 'rhetorical.baseless')!;
    expect(ev).toMatchObject({ negated: true, weight: 0, effect: 'dropped' });
    expect(r.label).not.toBe('rhetorical_action');
  });

  it('does not read "nothing but" or "not only" as a negation', () => {
    const r = tagger.tag('This is nothing but interference in our internal affairs in the name of human rights.');
    expect(r.label).toBe('denial');
    expect(r.flags).not.toContain('negated');
  });

  it('ends a reported view at "but" so the rebuttal counts', () => {
    const r = tagger.tag('Some claim that human rights are a Western invention, but we reject that view.');
    expect(r.label).toBe('norm_acknowledgment');
    expect(r.evidence.find((e) => e.rule === 'denial.western-invention')).toMatchObject({ effect: 'attributed' });
    expect(r.evidence.find((e) => e.rule === 'acknowledgment.respect')?.weight).toBeGreaterThan(0);
  });

  it('damps human rights named as one item of a list of topics', () => {
    const r = tagger.tag('We discussed trade, peace, development, human rights and the environment.');
    expect(r.evidence.find((e) => e.rule === 'relevance.human-rights')).toMatchObject({ effect: 'list_item' });
    expect(r.relevant).toBe(false);
    expect(r.label).toBe('none');
    expect(tagger.tag('We respect human rights.').relevant).toBe(true);
  });

  it('keeps a move that fires inside a list of topics', () => {
    const r = tagger.tag('We discussed trade, peace, development, human rights and interference in our internal affairs today.');
    expect(r.label).toBe('denial');
  });
});

describe('tokenize', () => {
  it('joins "non-" to its word, as patterns do', async () => {
    const { tokenize } = await import('../../src/tag/tokenize.js');
    const { parsePattern } = await import('../../src/lexicon/pattern.js');
    expect(tokenize('the non-interference principle').words).toEqual(['the', 'noninterference', 'principle']);
    expect(tokenize('a non - issue').words).toEqual(['a', 'non', 'issue']);
    expect(parsePattern('non-interference').elements[0]).toMatchObject({ alternatives: [[{ word: 'noninterference' }]] });
  });
});
