import { describe, expect, it } from 'vitest';
import { checkFields, resolveMeta } from '../../src/ingest/metadata.js';
import { checkDate } from '../../src/ingest/dates.js';
import { canonicalVenue, impliedAudience } from '../../src/ingest/venues.js';
import { createIngestContext } from '../../src/ingest/index.js';
import type { MetaLayer } from '../../src/ingest/types.js';

const layer = (source: MetaLayer['source'], meta: MetaLayer['meta']): MetaLayer => ({ source, meta });

describe('checkFields', () => {
  it('normalises country names and codes, including historical ones', () => {
    const country = (raw: string) => checkFields({ country: raw }, 'record').layer.meta.country;
    expect(country('Kenya')).toBe('KEN');
    expect(country('KEN')).toBe('KEN');
    expect(country('ken')).toBe('KEN');
    expect(country('southafrica')).toBe('ZAF');
    expect(country('South Africa')).toBe('ZAF');
    expect(country('CSK')).toBe('CSK');
    expect(country('Czechoslovakia')).toBe('CSK');
    expect(country('DDR')).toBe('DDR');
    expect(country('YUG')).toBe('YUG');
  });

  it('warns about unknown countries and leaves them out', () => {
    expect(checkFields({ country: 'Atlantis' }, 'manifest', 'm.csv:3')).toEqual({
      layer: { source: 'manifest', meta: {} },
      warnings: ['m.csv:3: unknown country "Atlantis"; ignored'],
    });
  });

  it('checks dates, years, audiences and types', () => {
    const { layer: l, warnings } = checkFields(
      { date: '2001-02-29', year: '1990', audience: 'Domestic', type: 'press release', speaker: '  The  Minister ', title: 3 },
      'front_matter',
    );
    expect(l.meta).toEqual({ year: 1990, audience: 'domestic', type: 'press_release', speaker: 'The Minister', title: '3' });
    expect(warnings).toEqual(['front matter: impossible date "2001-02-29" (day 29); ignored']);
    expect(checkFields({ year: 3990, type: 'poem' }, 'record').warnings).toEqual([
      'record: impossible year 3990 (expected 1800–2100); ignored',
      'record: type "poem" is not one of speech, un_submission, press_release, interview, other; ignored',
    ]);
  });

  it('ignores keys that are not metadata and values that are empty', () => {
    expect(checkFields({ text: 'x', id: 'a', country: '', venue: null }, 'record')).toEqual({ layer: { source: 'record', meta: {} }, warnings: [] });
  });
});

describe('checkDate', () => {
  it('accepts ISO forms, YYYYMMDD and Dates, and refuses the impossible', () => {
    expect(checkDate('1990')).toEqual({ ok: true, value: '1990' });
    expect(checkDate('1990-09')).toEqual({ ok: true, value: '1990-09' });
    expect(checkDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(checkDate('19900925')).toEqual({ ok: true, value: '1990-09-25' });
    expect(checkDate('2011-09-14T10:30:00+02:00')).toEqual({ ok: true, value: '2011-09-14' });
    expect(checkDate('2011-09-14 10:30')).toEqual({ ok: true, value: '2011-09-14' });
    expect(checkDate('2011-09T10:30').ok).toBe(false);
    expect(checkDate(new Date(Date.UTC(1991, 0, 2)))).toEqual({ ok: true, value: '1991-01-02' });
    expect(checkDate('1990-13-01').ok).toBe(false);
    expect(checkDate('1900-02-29').ok).toBe(false);
    expect(checkDate('25 September 1990').ok).toBe(false);
  });
});

describe('venues', () => {
  it('canonicalises common spellings and implies the audience', () => {
    expect(canonicalVenue('unga')).toBe('UN General Assembly');
    expect(canonicalVenue('Human-Rights Council')).toBe('Human Rights Council');
    expect(canonicalVenue('  Senate  hearing ')).toBe('Senate hearing');
    for (const v of [
      'UN General Assembly',
      'Human Rights Council',
      'UPR Working Group',
      'Committee against Torture',
      'UN Security Council',
      'treaty body',
      'United Nations Office at Geneva',
    ]) {
      expect(impliedAudience(v)).toBe('international');
    }
    for (const v of ['parliament', 'National Assembly', 'national address', 'press conference', 'state radio']) {
      expect(impliedAudience(v)).toBe('domestic');
    }
    expect(impliedAudience('party congress hall')).toBe('domestic');
    expect(impliedAudience('university lecture')).toBeUndefined();
    expect(impliedAudience('forum on the sun')).toBeUndefined();
  });
});

describe('resolveMeta', () => {
  it('takes each field from the highest source: record > front matter > manifest > file name > default', () => {
    const r = resolveMeta([
      layer('default', { country: 'CHL', speaker: 'default speaker', type: 'other', title: 'default title' }),
      layer('file_name', { country: 'KEN', year: 1990, type: 'speech', title: 'name title' }),
      layer('manifest', { country: 'POL', title: 'manifest title' }),
      layer('front_matter', { country: 'IDN' }),
    ]);
    expect(r.meta).toEqual({ country: 'IDN', year: 1990, speaker: 'default speaker', type: 'speech', title: 'manifest title' });
    expect(r.metaSources).toEqual({ country: 'front_matter', year: 'file_name', speaker: 'default', type: 'file_name', title: 'manifest' });
    expect(resolveMeta([layer('front_matter', { country: 'IDN' }), layer('record', { country: 'PHL' })]).meta.country).toBe('PHL');
  });

  it('derives the year from the date, and a higher-ranked date corrects a year', () => {
    expect(resolveMeta([layer('manifest', { date: '1993-06-25' })])).toMatchObject({
      meta: { date: '1993-06-25', year: 1993 },
      metaSources: { date: 'manifest', year: 'manifest' },
    });
    const r = resolveMeta([layer('file_name', { year: 1990 }), layer('front_matter', { date: '1991-01-05' })]);
    expect(r.meta).toEqual({ date: '1991-01-05', year: 1991 });
    expect(r.warnings).toEqual(['year 1990 (file name) disagrees with date 1991-01-05 (front matter); year 1991 from the date used']);
  });

  it('drops a date that disagrees with a year from a higher or equal source', () => {
    const r = resolveMeta([layer('manifest', { date: '1991-01-05' }), layer('front_matter', { year: 1990 })]);
    expect(r.meta).toEqual({ year: 1990 });
    expect(r.warnings).toEqual(['date 1991-01-05 (manifest) disagrees with year 1990 (front matter); date ignored']);
  });

  it('lets the venue imply the audience unless an equal or higher source gives one', () => {
    expect(resolveMeta([layer('file_name', { venue: 'UN General Assembly' })])).toMatchObject({
      meta: { audience: 'international' },
      metaSources: { audience: 'implied' },
    });
    // A CLI default audience does not override what the file name's venue implies ...
    expect(resolveMeta([layer('default', { audience: 'domestic' }), layer('file_name', { venue: 'UN General Assembly' })]).meta.audience).toBe('international');
    // ... but a manifest that says so explicitly does.
    const r = resolveMeta([layer('manifest', { audience: 'domestic' }), layer('file_name', { venue: 'UN General Assembly' })]);
    expect(r.meta.audience).toBe('domestic');
    expect(r.metaSources.audience).toBe('manifest');
  });
});

describe('createIngestContext', () => {
  it('checks the defaults and refuses bad ones', () => {
    expect(createIngestContext({ defaults: { country: 'Kenya' } }).defaults.meta).toEqual({ country: 'KEN' });
    expect(() => createIngestContext({ defaults: { country: 'Atlantis' } })).toThrow(/bad default metadata: unknown country "Atlantis"/);
    expect(() => createIngestContext({ defaults: { year: 12 } })).toThrowError(expect.objectContaining({ userFacing: true }));
  });
});
