// Page furniture out of utterances, end to end (structure → segment → the
// utterance records): synthetic pages in the shapes of General Assembly
// verbatim records and UPR reports.
import { describe, expect, it } from 'vitest';
import { classifyDocument } from '../../src/pipeline/document.js';
import { keptText } from '../../src/segment/segment.js';
import type { SourceDocument, UtteranceRecord } from '../../src/types.js';
import { miniTagger } from '../helpers/lexicons.js';

function document(text: string): SourceDocument {
  return {
    id: 'doc.txt',
    path: 'doc.txt',
    format: 'txt',
    encoding: 'utf-8',
    sha256: '0'.repeat(64),
    bytes: text.length,
    text,
    meta: { country: 'GTM' },
    metaSources: {},
    warnings: [],
  };
}

function utterances(text: string): UtteranceRecord[] {
  const { utterances } = classifyDocument(document(text), miniTagger());
  for (const u of utterances) expect(keptText(text, u.start, u.end, u.removed)).toBe(u.text);
  return utterances;
}

const texts = (text: string): string[] => utterances(text).map((u) => u.text);

describe('page furniture of General Assembly records', () => {
  it('2015: job number, page of pages, symbol and date between two pages of one sentence', () => {
    const text =
      'More than 600 rescuers are at work, and the citizenry\n15-29946 21/33\n\nA/70/PV.28 03/10/2015\nis providing support. We are grateful.\n22/33 15-29946\n\n03/10/2015 A/70/PV.28\nMigration should be an option.';
    const us = utterances(text);
    expect(us.map((u) => u.text)).toEqual([
      'More than 600 rescuers are at work, and the citizenry\nis providing support.',
      'We are grateful.',
      'Migration should be an option.',
    ]);
    expect(us[0].removed!.map(([s, e]) => text.slice(s, e))).toEqual(['15-29946 21/33\n\nA/70/PV.28 03/10/2015\n']);
    expect(us.slice(1).every((u) => u.removed === undefined)).toBe(true);
  });

  it('2006–2011: the page foot between blank-looking lines, before a capital that goes on with the sentence', () => {
    const text =
      'I convey my appreciation to the United Nations \n  \n \n06-52885 26 \n \nSecretary-General for his leadership. \nA/63/PV.13  \n \n08-53122 26 \n \n The Kingdom welcomes the event.';
    expect(texts(text)).toEqual(['I convey my appreciation to the United Nations \nSecretary-General for his leadership.', 'The Kingdom welcomes the event.']);
  });

  it('1994–2004: a page number and blank lines in a sentence, and a page number at its end', () => {
    expect(texts('We must now\n32\n\n\ndemonstrate our capacity.\n33\n\n\nThe Assembly rose.\n34')).toEqual([
      'We must now\ndemonstrate our capacity.',
      'The Assembly rose.',
    ]);
  });

  it('1993–1996: running heads with the meeting and the session', () => {
    const text =
      'a son of Portugal, a country so closely linked to Latin\n4\nGeneral Assembly 21st plenary meeting\n\nAmerica by history, was chosen. Our\nGeneral Assembly 22nd plenary meeting\nFiftieth session 13 October 1995\nreward is its reward.\nForty-eighth session - 7 October l993 35\nSelectivity must be abandoned.';
    expect(texts(text)).toEqual([
      'a son of Portugal, a country so closely linked to Latin\nAmerica by history, was chosen.',
      'Our\nreward is its reward.',
      'Selectivity must be abandoned.',
    ]);
  });

  it('2016–2017: a job number glued to the start of the line that continues the sentence', () => {
    expect(texts('Districts with\n17-29275 17/27 once-flourishing populations are now empty. We act.')).toEqual([
      'Districts with\nonce-flourishing populations are now empty.',
      'We act.',
    ]);
  });

  it('1972: a symbol line between numbered paragraphs keeps the paragraph number in `paragraph`', () => {
    const us = utterances('9.\tEast and West have adopted this approach.\nA/PV.2039\n10.\tThe recent dialogue is a reminder.');
    expect(us.map((u) => [u.paragraph, u.text])).toEqual([
      ['9', 'East and West have adopted this approach.'],
      ['10', 'The recent dialogue is a reminder.'],
    ]);
  });

  it('makes no utterance of furniture alone, and keeps salutations and cited symbols', () => {
    expect(texts('1\nMr. President,\n\nWe recall our words (see A/70/PV.6).\n\n62/91\n21-00394\n13/01/2021\nA/75/592/Add.8\n')).toEqual([
      'Mr. President,',
      'We recall our words (see A/70/PV.6).',
    ]);
  });
});

describe('page furniture of UPR reports', () => {
  it('joins a sentence split by a footnote at the foot of the page', () => {
    const report = [
      'Report of the Working Group on the Universal Periodic Review',
      'Kenya',
      'Introduction',
      '1. The review of Kenya was held on 6 May 2010.',
      'I. Summary of the proceedings of the review process',
      'A. Presentation by the State under review',
      '2. The delegation noted that the Constitution protected the rights of',
      '',
      '',
      '1 The list of questions is on the extranet.',
      '',
      'A/HRC/15/8',
      'page 4',
      '',
      'women and children.',
      'B. Interactive dialogue and responses by the State under review',
      '3. Brazil welcomed the report.',
    ].join('\n');
    const { utterances: us } = classifyDocument({ ...document(report), meta: { country: 'KEN' } }, miniTagger());
    const presentation = us.filter((u) => u.section === 'presentation');
    expect(presentation.map((u) => u.text)).toEqual(['The delegation noted that the Constitution protected the rights of\nwomen and children.']);
    expect(presentation[0].paragraph).toBe('2');
    for (const u of us) expect(keptText(report, u.start, u.end, u.removed)).toBe(u.text);
  });
});
