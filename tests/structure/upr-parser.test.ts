import { describe, expect, it } from 'vitest';
import { keptText } from '../../src/segment/segment.js';
import { structureDocument } from '../../src/structure/index.js';
import type { DocumentStructure, StructureBlock } from '../../src/structure/types.js';
import { uprWorkingGroupParser } from '../../src/structure/upr/parser.js';
import { REPORT_2008, REPORT_2012, SPEECH, STATES_2008_ISO } from './fixtures.js';

/** The words of a block: its span without its holes. */
const text = (doc: string, b: { start: number; end: number; removed?: Array<{ start: number; end: number }> }): string =>
  keptText(
    doc,
    b.start,
    b.end,
    (b.removed ?? []).map((h) => [h.start, h.end] as const),
  );

/** The blocks of paragraph `label`, in order. */
function paragraph(s: DocumentStructure, label: string): StructureBlock[] {
  return s.blocks.filter((b) => b.paragraph === label);
}

function who(s: DocumentStructure, label: string): string {
  const [b] = paragraph(s, label);
  if (!b) return 'missing';
  return `${b.attribution.section}/${b.attribution.speaker_role}/${b.attribution.speaker ?? '-'}`;
}

describe('UPR detection', () => {
  it('detects reports by their title and dialogue headings, not speeches that mention the UPR', () => {
    expect(uprWorkingGroupParser.detect(REPORT_2012, {})).toBe(true);
    expect(uprWorkingGroupParser.detect(REPORT_2008, {})).toBe(true);
    expect(uprWorkingGroupParser.detect(SPEECH, {})).toBe(false);
  });

  it('detects a report whose title lost a word when both section headings are there', () => {
    const damaged = REPORT_2012.replace('Working Group on the Universal', 'Working on the Universal');
    expect(uprWorkingGroupParser.detect(damaged, {})).toBe(true);
  });
});

describe('UPR report, 2010–2014 layout', () => {
  const s = structureDocument(REPORT_2012, { country: 'KEN', year: 2011 });

  it('is parsed by the UPR parser without warnings', () => {
    expect(s.parser).toBe('upr-wg-report');
    expect(s.warnings).toEqual([]);
  });

  it('gives each paragraph the section of the real heading before it, not the table of contents', () => {
    const sections = new Map<string, string>();
    for (const b of s.blocks) if (b.paragraph && !b.paragraph.includes('.')) sections.set(b.paragraph, b.attribution.section!);
    const expected: Record<string, string> = {};
    for (let n = 1; n <= 19; n++) {
      expected[String(n)] = n <= 4 ? 'introduction' : n <= 7 ? 'presentation' : n <= 14 ? 'dialogue' : 'recommendations';
    }
    expect(Object.fromEntries(sections)).toEqual(expected);
  });

  it('starts a paragraph block after its number and keeps the number in `paragraph`', () => {
    const [first] = paragraph(s, '1');
    expect(text(REPORT_2012, first)).toMatch(/^The Working Group on the Universal Periodic Review held/);
    expect(REPORT_2012.slice(first.start - 4, first.start)).toContain('1.');
    expect(text(REPORT_2012, paragraph(s, '15.1')[0])).toBe('Ratify the Optional Protocol to the Convention against Torture (Denmark);');
  });

  it('leaves headings, the table of contents, page furniture and footnotes outside every block', () => {
    const covered = s.blocks.map((b) => text(REPORT_2012, b)).join('\n');
    for (const outside of [
      '....',
      'A/HRC/19/99',
      'page 4',
      'GE.12-34567',
      'Summary of the proceedings',
      'Interactive dialogue and responses',
      'as read during',
      'have not been edited',
      'Composition of the delegation',
    ]) {
      expect(covered).not.toContain(outside);
    }
    // A sentence over a page break stays one block, with the page head as a hole.
    const [seven, ...more] = paragraph(s, '7');
    expect(more).toEqual([]);
    expect(text(REPORT_2012, seven)).toBe('The Government had established a national commission on\nhuman rights in 2011.');
    expect(seven.removed!.map((h) => REPORT_2012.slice(h.start, h.end))).toEqual(['\nA/HRC/19/99\npage 4\n\n']);
  });

  it('keeps blocks sorted, disjoint and trimmed', () => {
    for (const [i, b] of s.blocks.entries()) {
      expect(b.end).toBeGreaterThan(b.start);
      expect(text(REPORT_2012, b)).toBe(text(REPORT_2012, b).trim());
      if (i > 0) expect(b.start).toBeGreaterThanOrEqual(s.blocks[i - 1].end);
    }
  });

  it('attributes the introduction to procedure and the presentation to the State under review', () => {
    expect(who(s, '2')).toBe('introduction/procedural/procedural');
    expect(paragraph(s, '5')[0].attribution).toEqual({ speaker: 'KEN', speaker_role: 'self', reported: true, section: 'presentation' });
  });

  it('gives an advance question recounted in the presentation to the State that asked it', () => {
    const [asked, answer] = paragraph(s, '6');
    expect(text(REPORT_2012, asked)).toBe('Norway had asked about the new Constitution.');
    expect(asked.attribution.speaker).toBe('NOR');
    expect(asked.attribution.speaker_role).toBe('other_state');
    expect(answer.attribution.speaker_role).toBe('self');
    expect(text(REPORT_2012, answer)).toMatch(/^The Constitution had been adopted/);
  });

  it('attributes dialogue paragraphs by their opening words', () => {
    expect(who(s, '8')).toBe('dialogue/procedural/procedural');
    expect(who(s, '9')).toBe('dialogue/other_state/BRA'); // "Brazil and Mexico ...": the first named State
    expect(who(s, '10')).toBe('dialogue/other_state/GBR');
    expect(who(s, '11')).toBe('dialogue/other_state/VEN');
    expect(who(s, '12')).toBe('dialogue/self/KEN'); // "In response to questions on torture from Denmark, Kenya noted"
    expect(who(s, '13')).toBe('dialogue/other_state/PRK');
    expect(who(s, '14')).toBe('dialogue/self/KEN');
    for (const label of ['9', '10', '12']) expect(paragraph(s, label)[0].attribution.reported).toBe(true);
  });

  it("keeps a paragraph's speaker across its sentences", () => {
    const blocks = paragraph(s, '10');
    expect(blocks).toHaveLength(1);
    expect(text(REPORT_2012, blocks[0])).toContain('It made recommendations.');
  });

  it('turns the listed recommendations into data with recommending States and positions', () => {
    expect(s.recommendations.map((r) => [r.number, r.recommending, r.position])).toEqual([
      ['15.1', ['DNK'], 'supported'],
      ['15.2', ['GBR', 'NOR'], 'supported'],
      ['16.1', ['NOR', 'VEN'], 'to_be_examined'],
      ['17.1', ['CZE'], 'rejected'],
    ]);
    for (const r of s.recommendations) {
      expect(r.reviewed).toBe('KEN');
      expect(REPORT_2012.slice(r.start, r.end).replace(/\s+/g, ' ')).toBe(r.text);
    }
    expect(s.recommendations[3].text).toBe('Decriminalize same-sex relations between consenting adults (Czech Republic).');
  });

  it('attributes each recommendation to its first recommending State and the text around lists by who speaks', () => {
    expect(who(s, '15.2')).toBe('recommendations/other_state/GBR');
    expect(who(s, '15')).toBe('recommendations/procedural/procedural');
    expect(who(s, '18')).toBe('recommendations/self/KEN'); // "With regard to recommendation 17.1 above, Kenya indicated ..."
    expect(who(s, '19')).toBe('recommendations/procedural/procedural');
  });

  it('keeps the annex as one procedural block', () => {
    const annex = s.blocks.filter((b) => b.attribution.section === 'annex');
    expect(annex).toHaveLength(1);
    expect(text(REPORT_2012, annex[0])).toBe('The delegation of Kenya was headed by the Minister for Justice.');
    expect(annex[0].attribution.speaker_role).toBe('procedural');
  });
});

describe('UPR report, 2008 layout', () => {
  const s = structureDocument(REPORT_2008, { country: 'TUN', year: 2008 });

  it('finds paragraphs glued to furniture and headings on one line', () => {
    expect(text(REPORT_2008, paragraph(s, '1')[0])).toMatch(/^The Working Group on the Universal Periodic Review held its first session/);
    expect(text(REPORT_2008, paragraph(s, '1')[0])).not.toContain('Page 3');
    expect(text(REPORT_2008, paragraph(s, '4')[0])).toBe('A list of questions was transmitted through the troika.');
    expect(who(s, '4')).toBe('introduction/procedural/procedural');
    expect(who(s, '5')).toBe('presentation/self/TUN');
    expect(text(REPORT_2008, paragraph(s, '5')[0])).toMatch(/^At the 11th meeting/);
  });

  it('attributes dialogue paragraphs: fronted clauses, pronouns, a lost dot, possessives', () => {
    expect(who(s, '7')).toBe('dialogue/procedural/procedural');
    expect(who(s, '8')).toBe('dialogue/other_state/DJI');
    expect(who(s, '9')).toBe('dialogue/other_state/SAU'); // "While noting ..., Saudi Arabia called on ..."
    expect(who(s, '10')).toBe('dialogue/other_state/SAU'); // "It also welcomed ...": the previous speaker
    expect(who(s, '11')).toBe('dialogue/self/TUN'); // "11 The representative of Tunisia stated" (no dot)
    expect(who(s, '12')).toBe('dialogue/self/TUN'); // "Brazil's question ... was answered by the Minister"
  });

  it("numbers sub-list recommendations under their paragraph, even where an item has the next paragraph's number", () => {
    expect(s.recommendations.map((r) => r.number)).toEqual(STATES_2008_ISO.map((_, i) => `13.${i + 1}`));
    expect(s.recommendations.map((r) => r.recommending[0])).toEqual(STATES_2008_ISO);
    expect(who(s, '14')).toBe('recommendations/procedural/procedural');
    expect(text(REPORT_2008, paragraph(s, '14')[0])).toMatch(/^The response of Tunisia/);
  });

  it('takes the position of a list from the paragraph after it when the list does not say', () => {
    expect(new Set(s.recommendations.map((r) => r.position))).toEqual(new Set(['to_be_examined']));
    expect(s.warnings).toEqual([]);
  });
});

describe('the State under review', () => {
  it('comes from the title when the metadata has no country', () => {
    const s = structureDocument(REPORT_2012, {});
    expect(s.recommendations[0].reviewed).toBe('KEN');
    expect(who(s, '12')).toBe('dialogue/self/KEN');
  });

  it('comes from the metadata when both name one, with a warning when they differ', () => {
    const s = structureDocument(REPORT_2012, { country: 'UGA' });
    expect(s.recommendations[0].reviewed).toBe('UGA');
    expect(s.warnings.some((w) => w.includes('KEN') && w.includes('UGA'))).toBe(true);
  });

  it('is self when the reviewed State opens a dialogue paragraph', () => {
    const doc = REPORT_2012.replace('14. The delegation thanked', '14. Kenya thanked');
    expect(who(structureDocument(doc, { country: 'KEN' }), '14')).toBe('dialogue/self/KEN');
  });
});
