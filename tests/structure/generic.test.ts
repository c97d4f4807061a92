import { describe, expect, it } from 'vitest';
import { genericParser } from '../../src/structure/generic.js';
import { PARSERS, UnknownFormatError, selectParser, structureDocument } from '../../src/structure/index.js';
import { REPORT_2012, SPEECH } from './fixtures.js';

describe('generic parser', () => {
  it("gives the whole text, trimmed, to the document's country as its own words in one block", () => {
    const s = structureDocument(`\n${SPEECH}\n\n`, { country: 'KEN' });
    expect(s.parser).toBe('generic');
    expect(s.blocks).toHaveLength(1);
    expect(s.blocks[0]).toEqual({ start: 1, end: SPEECH.length + 1, attribution: { speaker: 'KEN', speaker_role: 'self', reported: false } });
    expect(s.recommendations).toEqual([]);
    expect(s.warnings).toEqual([]);
  });

  it('gives an empty or blank text no block', () => {
    expect(structureDocument(' \n\n ', {}).blocks).toEqual([]);
  });
});

describe('parser registry', () => {
  it('lists the UPR parser first and the generic parser last', () => {
    expect(PARSERS.map((p) => p.name)).toEqual(['upr-wg-report', 'generic']);
    expect(genericParser.detect('anything', {})).toBe(true);
  });

  it('detects the parser by content', () => {
    expect(selectParser(REPORT_2012, {}).name).toBe('upr-wg-report');
    expect(selectParser(SPEECH, {}).name).toBe('generic');
  });

  it('lets --format override detection', () => {
    const generic = structureDocument(REPORT_2012, { country: 'KEN' }, 'generic');
    expect(generic.parser).toBe('generic');
    expect(generic.blocks.every((b) => b.attribution.speaker_role === 'self')).toBe(true);
    const numbered = 'Introduction\n1. The review of Kenya was held on 6 May.\n2. The troika was Egypt and Mexico.';
    expect(selectParser(numbered, {}).name).toBe('generic');
    expect(structureDocument(numbered, { country: 'KEN' }, 'upr-wg-report').parser).toBe('upr-wg-report');
  });

  it('keeps every word of a text forced through the UPR parser that has no numbered paragraphs', () => {
    const s = structureDocument(SPEECH, { country: 'KEN' }, 'upr-wg-report');
    expect(s.blocks).toHaveLength(1);
    expect(s.blocks[0].attribution.speaker_role).toBe('self');
    expect(s.warnings).toEqual(['upr-wg-report: no numbered paragraphs found; parsed as one generic block']);
  });

  it('rejects an unknown format with the known ones in the message', () => {
    expect(() => structureDocument(SPEECH, {}, 'treaty-body')).toThrow(UnknownFormatError);
    expect(() => structureDocument(SPEECH, {}, 'treaty-body')).toThrow(/unknown document format "treaty-body" \(known: upr-wg-report, generic\)/);
  });
});
