import { describe, expect, it } from 'vitest';
import { countryMatcher } from '../../src/structure/country-names.js';
import { compoundItems, positionOf, statesInParentheses } from '../../src/structure/upr/recommendations.js';

describe('compound recommendation numbers', () => {
  it('finds k.1, k.2, ... of paragraph k at line starts, with or without the final dot', () => {
    const text = '101. Listed below:\n101.1. Ratify X (Brazil);\n101.2 Ratify Y (Chile);\n101.4  Ratify Z (Peru).';
    const items = compoundItems(text, 101, 0, text.length);
    expect(items.map((i) => i.number)).toEqual(['101.1', '101.2', '101.4']);
    expect(items.map((i) => text.slice(i.textStart, i.end).trim())).toEqual(['Ratify X (Brazil);', 'Ratify Y (Chile);', 'Ratify Z (Peru).']);
  });

  it("ignores references to recommendations in running text and other paragraphs' numbers", () => {
    const text = "104. With regard to recommendation 103.1 above, Kenya indicated ...\n103.2. Not this paragraph's.";
    expect(compoundItems(text, 104, 0, text.length)).toEqual([]);
    const back = '89.1. One (Peru);\n89.2. See 89.1 above (Chile);\n89.3. Three (Cuba);';
    expect(compoundItems(back, 89, 0, back.length).map((i) => i.number)).toEqual(['89.1', '89.2', '89.3']);
  });
});

describe('recommending States', () => {
  const m = countryMatcher();
  const codes = (text: string): string[] => statesInParentheses(text, 0, text.length, m).codes;

  it('reads every State named in parentheses, in order, once', () => {
    expect(codes('Abolish it (Spain); establish a moratorium (Belgium); abolish (Ireland, Austria, Germany); abolish (Spain)')).toEqual([
      'ESP',
      'BEL',
      'IRL',
      'AUT',
      'DEU',
    ]);
  });

  it('handles nested UN forms, odd spacing, and ignores parentheses that are not States', () => {
    expect(codes('Ratify the Convention (ICRMW) (Venezuela (Bolivarian Republic of));')).toEqual(['VEN']);
    expect(codes('Provide access (Iran(Islamic Republic of ));')).toEqual(['IRN']);
    expect(codes('See document (A/HRC/27/31) and paragraph 15 (a) (OP-CAT)')).toEqual([]);
    expect(codes('Strengthen oversight (United Kingdom of Great Britain and Northern Ireland);')).toEqual(['GBR']);
  });

  it('says where the last State parenthesis ends', () => {
    const text = 'Ratify it (Peru). With respect to visits, Algeria will consider.';
    expect(statesInParentheses(text, 0, text.length, m).lastEnd).toBe(text.indexOf(')') + 1);
  });
});

describe('positions', () => {
  it('reads the position from the text that introduces or follows a list', () => {
    expect(positionOf('The recommendations listed below enjoy the support of Ghana:')).toBe('supported');
    expect(positionOf('The response of the United States of America to these recommendations will be included in the outcome report')).toBe('to_be_examined');
    expect(positionOf('In the course of the discussion, the following recommendations were made to Peru:')).toBeUndefined();
  });
});
