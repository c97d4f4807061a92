// Generated reports: any mix of States' statements and the reviewed State's
// replies, any line ending, page furniture anywhere between lines — each
// dialogue paragraph keeps its speaker and no furniture enters a block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { structureDocument } from '../../src/structure/index.js';

const STATE_OPENERS: Array<[string, string]> = [
  ['Brazil welcomed', 'BRA'],
  ['The United Kingdom of Great Britain and Northern Ireland noted', 'GBR'],
  ['The Bolivarian Republic of Venezuela commended', 'VEN'],
  ['Venezuela (Bolivarian Republic of) commended', 'VEN'],
  ["The Democratic People's Republic of Korea stated", 'PRK'],
  ['C\u00f4te d\u2019Ivoire encouraged', 'CIV'],
  ['The Russian Federation asked', 'RUS'],
  ['Chile and Peru recommended', 'CHL'],
  ['While noting progress, Norway expressed concern', 'NOR'],
  ['With regard to torture, Denmark asked', 'DNK'],
];

const REPLY_OPENERS = [
  'The delegation stated',
  'The head of delegation explained',
  'The Minister said',
  'In response to questions on torture, Ghana noted',
  'Responding to Brazil, the delegation indicated',
  'Ghana stated',
  'With regard to the death penalty, the Government indicated',
  'Concerning prisons, Ghana explained',
];

const FURNITURE = ['A/HRC/22/99', 'page 7', 'GE.12-34567', '*1234567*', '14'];

const paragraphArb = fc.oneof(
  fc.constantFrom(...STATE_OPENERS).map(([opener, code]) => ({ opener, code })),
  fc.constantFrom(...REPLY_OPENERS).map((opener) => ({ opener, code: 'GHA' })),
);

function report(paragraphs: Array<{ opener: string }>, furnitureAfter: number[], eol: string): string {
  const lines = [
    'Report of the Working Group on the Universal Periodic Review*',
    'Ghana',
    'Introduction',
    '1. The review of Ghana was held at the 5th meeting.',
    'A. Presentation by the State under review',
    '2. The delegation presented the national report.',
    'B. Interactive dialogue and responses by the State under review',
  ];
  paragraphs.forEach((p, i) => {
    lines.push(`${i + 3}. ${p.opener} that the matter was important. It added a second sentence.`);
    if (furnitureAfter.includes(i)) lines.push('', FURNITURE[i % FURNITURE.length], '');
  });
  lines.push('II. Conclusions and/or recommendations', `${paragraphs.length + 3}. All conclusions reflect the position of the submitting States.`);
  return lines.join(eol);
}

describe('generated UPR reports', () => {
  it('attribute every dialogue paragraph to the State its opening names, or to the reviewed State', () => {
    fc.assert(
      fc.property(
        fc.array(paragraphArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(24), { maxLength: 6 }),
        fc.constantFrom('\n', '\r', '\r\n'),
        (paragraphs, furnitureAfter, eol) => {
          const text = report(paragraphs, furnitureAfter, eol);
          const s = structureDocument(text, { country: 'GHA' });
          paragraphs.forEach((p, i) => {
            const blocks = s.blocks.filter((b) => b.paragraph === String(i + 3));
            expect(blocks).toHaveLength(1);
            const [b] = blocks;
            expect(b.attribution.section).toBe('dialogue');
            expect(b.attribution.speaker).toBe(p.code);
            expect(b.attribution.speaker_role).toBe(p.code === 'GHA' ? 'self' : 'other_state');
            expect(text.slice(b.start, b.end)).toBe(`${p.opener} that the matter was important. It added a second sentence.`);
          });
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });
});
