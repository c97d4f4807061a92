// The speaker's own nationals as the victims of another State's conduct
// (decide.ts, ownVictimMentions; lexicons/patient.yaml): "the Iranian treatment
// of Iraqi prisoners of war", said by Iraq, is about Iran's conduct (codebook,
// Target: other), so the own demonym in the victim's place is not switched to
// self. Where no other party is named, or the speaker's State is named as
// acting, the mention stays the speaker's own. Sentences written for this test.
import { describe, expect, it } from 'vitest';
import { OWN_VICTIM_EFFECT } from '../../src/tag/decide.js';
import { createTagger } from '../../src/tag/tagger.js';
import { bundledTagger } from '../helpers/lexicons.js';

const ACK = 'norm_acknowledgment' as const;

function ownMentions(text: string, country: string, tagger = bundledTagger()) {
  const r = tagger.tag(text, { country, targetGiven: ACK });
  const rule = `country.${country.toLowerCase()}`;
  return { result: r, own: r.evidence.filter((e) => e.rule === rule) };
}

describe('own nationals as victims of another State', () => {
  it('does not switch a demonym qualifying a victim group, with another State acting, to self', () => {
    const { result, own } = ownMentions('The Iranian treatment of Iraqi prisoners of war violates the Geneva Conventions.', 'IRQ');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ text: 'Iraqi', category: 'target_other', effect: OWN_VICTIM_EFFECT });
    expect(result.target).toBe('other');
  });

  it('reads the object of a harm, and a victim joined to it by "and"', () => {
    const { result, own } = ownMentions('Incitement to hatred towards Armenians and Armenia is the official policy of Azerbaijan.', 'ARM');
    expect(own.map((e) => [e.text, e.effect])).toEqual([
      ['Armenians', OWN_VICTIM_EFFECT],
      ['Armenia', OWN_VICTIM_EFFECT],
    ]);
    expect(result.target).toBe('other');
  });

  it('reads the object of a harm across articles and numbers ("the expulsion of thousands of Guatemalan workers")', () => {
    const { result, own } = ownMentions('Mexico ordered the expulsion of thousands of Guatemalan workers, in violation of their human rights.', 'GTM');
    expect(own[0]).toMatchObject({ effect: OWN_VICTIM_EFFECT });
    expect(result.target).toBe('other');
  });

  it('counts the mention at the fitted targets.own_victim_weight, toward other', () => {
    const base = bundledTagger();
    const tagger = createTagger({ ...base.set, model: { ...base.set.model, targets: { ...base.set.model.targets, own_victim_weight: 0.7 } } });
    const { own } = ownMentions('The Iranian treatment of Iraqi prisoners of war violates the Geneva Conventions.', 'IRQ', tagger);
    expect(own[0]).toMatchObject({ weight: 0.7, category: 'target_other', effect: OWN_VICTIM_EFFECT });
  });

  it("keeps the speaker's own State self where its own forces are the ones acting", () => {
    const { result, own } = ownMentions('We acknowledge the violations against Guatemalan citizens by our security forces in the past.', 'GTM');
    expect(own[0]).toMatchObject({ category: 'target_self', effect: 'own_country' });
    expect(result.target).toBe('self');
  });

  it("keeps it self where the speaker's Government acts on its own people", () => {
    const { result, own } = ownMentions('Our Government released the Guatemalan detainees held in the north and guarantees their human rights.', 'GTM');
    expect(own[0]).toMatchObject({ category: 'target_self', effect: 'own_country' });
    expect(result.target).toBe('self');
  });

  it('keeps it self in a promise to its own people', () => {
    const { own } = ownMentions('Guatemala will protect the rights of Guatemalan migrants and workers.', 'GTM');
    expect(own.every((e) => e.category === 'target_self')).toBe(true);
  });

  it('keeps it self where no other party is named as acting', () => {
    const { own } = ownMentions('Violations against Guatemalan citizens must never be repeated.', 'GTM');
    expect(own[0]).toMatchObject({ category: 'target_self', effect: 'own_country' });
  });

  it('does not read a name joined to the speaker\'s own ("Greek Cypriots") as another State acting', () => {
    const { own } = ownMentions(
      'I am committed to a settlement that safeguards the human rights of all Cypriot compatriots, Greek Cypriots and Turkish Cypriots.',
      'CYP',
    );
    expect(own.every((e) => e.category === 'target_self')).toBe(true);
  });

  it('does not read a harm across a comma ("after the genocide of 1994, Rwanda ...")', () => {
    const { own } = ownMentions('After the genocide of 1994, Rwanda rebuilt its courts with the help of Belgium.', 'RWA');
    expect(own[0]).toMatchObject({ category: 'target_self', effect: 'own_country' });
  });

  it('does not read a victim group before the name ("the minority in Albania") as one the name qualifies', () => {
    const { own } = ownMentions('The rights of the Greek minority in Albania have improved greatly.', 'ALB');
    expect(own[0]).toMatchObject({ category: 'target_self', effect: 'own_country' });
  });
});
