// Every cue's own examples: the data proves itself (see src/structure/upr/cues.ts).
import { describe, expect, it } from 'vitest';
import {
  COLLECTIVE_OPENERS,
  CONTINUATION_OPENERS,
  MADE_RECOMMENDATIONS,
  POSITION_CUES,
  REPORTING_VERB,
  SUBORDINATE_CLAUSE,
  PROCEDURAL_OPENERS,
  SELF_OPENERS,
  UN_OPENERS,
  firstCue,
  type Cue,
} from '../../src/structure/upr/cues.js';

const TABLES: Record<string, readonly Cue[]> = {
  SELF_OPENERS,
  PROCEDURAL_OPENERS,
  UN_OPENERS,
  CONTINUATION_OPENERS,
  COLLECTIVE_OPENERS,
  POSITION_CUES,
  SUBJECT: [REPORTING_VERB, SUBORDINATE_CLAUSE, MADE_RECOMMENDATIONS],
};
const ALL = Object.values(TABLES).flat();

describe('cue tables', () => {
  it('have unique ids, descriptions, and both kinds of examples', () => {
    const ids = ALL.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cue of ALL) {
      expect(cue.description.length, cue.id).toBeGreaterThan(10);
      expect(cue.examples.match.length, cue.id).toBeGreaterThan(0);
      expect(cue.examples.nomatch.length, cue.id).toBeGreaterThan(0);
    }
  });

  for (const cue of ALL) {
    it(`${cue.id}: matches its examples and none of its counter-examples`, () => {
      for (const text of cue.examples.match) expect(cue.pattern.test(text), text).toBe(true);
      for (const text of cue.examples.nomatch) expect(cue.pattern.test(text), text).toBe(false);
    });
  }
});

describe('position precedence', () => {
  const position = (text: string): string | undefined => firstCue(POSITION_CUES, text)?.position;

  it('lets negated support beat support, and examination beat both', () => {
    expect(position('The recommendations below did not enjoy the support of Kenya:')).toBe('rejected');
    expect(position('Ethiopia considers that the recommendations below cannot be accepted and will thus be noted:')).toBe('rejected');
    expect(position('The following recommendations will be examined by Chile, which will provide responses in due time')).toBe('to_be_examined');
    expect(position('The recommendations listed below have been examined by Kenya and enjoy its support:')).toBe('supported');
    expect(
      position(
        'The following recommendations enjoy the support of Nicaragua, which considers that they are already implemented or in the process of implementation:',
      ),
    ).toBe('supported');
    expect(position('The following recommendations were noted by Cuba:')).toBe('noted');
    expect(position('In the course of the discussion, the following recommendations were made to Benin:')).toBeUndefined();
  });
});
