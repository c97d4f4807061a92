// The codebook's own moves, in sentences written for this test, tagged with the
// bundled set: each must get the label (and target) the codebook gives it. A
// calibration can move a near-tie: set 0.5.16 labelled the codebook's first
// denial example, "we reject any interference in our internal affairs", `none`.
// These are unambiguous prototypes, not an accuracy figure (that is `spiral eval`
// on the gold).
import { describe, expect, it } from 'vitest';
import type { Label, TargetKind } from '../../src/types.js';
import { bundledTagger } from '../helpers/lexicons.js';

interface Prototype {
  text: string;
  label: Label;
  target: TargetKind | 'na';
  why: string;
}

const PROTOTYPES: Prototype[] = [
  { text: 'We reject any interference in our internal affairs.', label: 'denial', target: 'self', why: 'criticism refused as interference' },
  {
    text: 'Human rights are merely a pretext for interference in the internal affairs of our country.',
    label: 'denial',
    target: 'self',
    why: 'human rights as a pretext',
  },
  {
    text: 'My Government has always respected human rights, and these allegations are baseless.',
    label: 'rhetorical_action',
    target: 'self',
    why: 'a profession of commitment dismissing allegations',
  },
  {
    text: 'The allegations against my country are fabricated, part of a campaign of lies and distortion.',
    label: 'rhetorical_action',
    target: 'self',
    why: 'allegations called fabricated',
  },
  { text: 'As a gesture of goodwill we have released the political prisoners.', label: 'rhetorical_action', target: 'self', why: 'a cosmetic concession' },
  {
    text: 'The human rights report on our country is biased and politically motivated, a clear case of double standards.',
    label: 'rhetorical_action',
    target: 'self',
    why: 'critics called biased; double standards',
  },
  {
    text: 'We do not deny that abuses occurred, and the officers responsible have been prosecuted.',
    label: 'argumentative_concession',
    target: 'self',
    why: 'abuses admitted, prosecutions reported (step 3)',
  },
  {
    text: 'My Government has invited the Special Rapporteur on torture to visit the country.',
    label: 'argumentative_concession',
    target: 'self',
    why: 'a rapporteur invited',
  },
  { text: 'Apartheid is a crime against humanity.', label: 'norm_acknowledgment', target: 'other', why: "another State's violations judged by the norm" },
  { text: 'We have ratified the International Covenant on Civil and Political Rights.', label: 'norm_acknowledgment', target: 'self', why: 'ratification' },
  { text: 'No one can claim that human rights are a purely internal affair.', label: 'norm_acknowledgment', target: 'general', why: 'negated denial (step 3)' },
  { text: 'Human rights are universal and indivisible.', label: 'norm_acknowledgment', target: 'general', why: 'the norms themselves' },
  { text: 'Trade and development are the priorities of our foreign policy.', label: 'none', target: 'na', why: 'not about human rights' },
  { text: 'I congratulate you, Mr. President, on your election.', label: 'none', target: 'na', why: 'a greeting' },
];

describe("the bundled set on the codebook's prototypes", () => {
  const tagger = bundledTagger();
  it.each(PROTOTYPES)('$label ($why): $text', ({ text, label, target }) => {
    const r = tagger.tag(text);
    expect(r.label).toBe(label);
    expect(r.target).toBe(target);
  });
});
