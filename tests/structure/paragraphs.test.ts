import { describe, expect, it } from 'vitest';
import { findParagraphChain, numberCandidates, type LooksLikeItem } from '../../src/structure/upr/paragraphs.js';

function chain(text: string, introductionEnds: number[] = [], looksLikeItem: LooksLikeItem = () => false) {
  const result = findParagraphChain(text, numberCandidates(text, new Set(introductionEnds)), introductionEnds, looksLikeItem);
  return {
    numbers: result.paragraphs.map((p) => p.number),
    starts: result.paragraphs.map((p) => text.slice(p.textStart).split('\n')[0].slice(0, 12)),
    subItems: result.paragraphs.map((p) => p.subItems.map((i) => i.value)),
    warnings: result.warnings,
  };
}

describe('numbered paragraph chain', () => {
  it('follows 1, 2, 3 and ignores numbers out of sequence or inside sentences', () => {
    const text = [
      'Contents Introduction ....... 1 - 3 2',
      '1. The first. Law No. 20.609 was adopted; see paragraph 15 (a).',
      '2. In 2009, 12 States spoke. 3 delegations left.',
      '3. The third.',
    ].join('\n');
    expect(chain(text).numbers).toEqual([1, 2, 3]);
    expect(chain(text).starts).toEqual(['The first. L', 'In 2009, 12 ', 'The third.']);
  });

  it('starts after the Introduction heading, not at a "1." before it', () => {
    const text = '1. Cover note.\nIntroduction\n1. The Working Group\n2. The troika';
    const intro = text.indexOf('Introduction') + 'Introduction'.length;
    expect(chain(text, [intro]).starts[0]).toBe('The Working ');
  });

  it('takes an inline number after a sentence end or heading, but not one a line-start number overrules', () => {
    const glued = 'Introduction 1. The first.  2. The second. 3. The third.\n4. The fourth.';
    expect(chain(glued, [12]).numbers).toEqual([1, 2, 3, 4]);
    const falseInline = '1. One.\n2. It cited article 3. The article applies.\n3. Three.\n4. Four.';
    expect(chain(falseInline).starts).toEqual(['One.', 'It cited art', 'Three.', 'Four.']);
  });

  it('accepts a number that lost its dot and skips one that was lost', () => {
    expect(chain('1. One.\n2 Two lost its dot.\n3. Three.').numbers).toEqual([1, 2, 3]);
    const missing = chain('1. One.\n2. Two.\nThree lost its number.\n4. Four.');
    expect(missing.numbers).toEqual([1, 2, 4]);
    expect(missing.warnings).toEqual(['paragraph 3 not found; continued at 4']);
  });

  it("keeps a sub-list inside its paragraph, also where an item has the next paragraph's number", () => {
    const items = Array.from({ length: 5 }, (_, i) => `${i + 1}. Item ${i + 1} (Brazil);`);
    const text = ['1. One.', '2. Two.', '3. The following recommendations:', ...items, '4. Four.', '5. Five.'].join('\n');
    const looksLikeItem = (pos: number): boolean => text.slice(pos, pos + 30).includes('(Brazil)');
    const result = chain(text, [], looksLikeItem);
    expect(result.numbers).toEqual([1, 2, 3, 4, 5]);
    expect(result.subItems[2]).toEqual([1, 2, 3, 4, 5]);
    expect(result.starts[3]).toBe('Four.');
  });

  it('reads a clustered item in lower case as part of a sub-list only', () => {
    const text = ['1. One.', '2. Two:', '1. Ensure X (Sweden);', '2.', 'ensure Y (Norway);', '3. Three.'].join('\n');
    const result = chain(text, [], (pos) => /^[^\n]*\(/.test(text.slice(pos)));
    expect(result.numbers).toEqual([1, 2, 3]);
    expect(result.subItems[1]).toEqual([1, 2]);
  });

  it('reports a text without numbered paragraphs', () => {
    expect(chain('No numbers here.').warnings).toEqual(['no numbered paragraph "1." found']);
  });
});
