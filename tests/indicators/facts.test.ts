import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFactDate, happenedBy, latestDay } from '../../src/indicators/dates.js';
import { InputFileError } from '../../src/indicators/errors.js';
import { parseFacts } from '../../src/indicators/facts.js';
import { loadFactsDir } from '../../src/indicators/load-facts.js';

const VALID = `country: KEN
treaties:
  source: test table
  as_of: 2026-02-03
  complete_for: [iccpr, iccpr_op1, cat]
  actions:
    - id: KEN-iccpr-accession
      instrument: iccpr
      action: accession
      date: 1972-05-01
      source: https://example.org/iccpr
institutionalisation:
  complete: false
  entries:
    - id: KEN-const-2010
      what: Constitution of Kenya 2010, Bill of Rights
      date: 2010-08-27
      source: Constitution of Kenya
complaint_mechanisms:
  entries:
    - id: KEN-nhri
      kind: nhri
      what: KNCHR
      date: 2003
      source: KNCHR Act 2002
`;

function problemsOf(text: string, expected = 'KEN'): string[] {
  try {
    parseFacts(text, 'KEN.yaml', expected);
  } catch (err) {
    if (err instanceof InputFileError) return err.problems.map((p) => `${p.line}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('fact dates', () => {
  it('accepts years, months and days and rejects impossible dates', () => {
    expect(checkFactDate('1987')).toBeNull();
    expect(checkFactDate('1987-08')).toBeNull();
    expect(checkFactDate('2000-02-29')).toBeNull();
    expect(checkFactDate('1999-02-29')).toMatch(/day 29 does not exist/);
    expect(checkFactDate('1999-13')).toMatch(/month 13/);
    expect(checkFactDate('23 Dec 1975')).toMatch(/must be YYYY/);
  });
  it('counts a partial date from the last day it could stand for', () => {
    expect(latestDay('1987')).toBe('1987-12-31');
    expect(latestDay('1988-02')).toBe('1988-02-29');
    expect(happenedBy('1987', '1987-06-30')).toBe(false);
    expect(happenedBy('1987', '1987-12-31')).toBe(true);
    expect(happenedBy('1987-05-05', '1987-12-31')).toBe(true);
  });
});

describe('facts files', () => {
  it('loads a valid file', () => {
    const f = parseFacts(VALID, 'KEN.yaml', 'KEN');
    expect(f.treaties.complete_for).toEqual(['iccpr', 'iccpr_op1', 'cat']);
    expect(f.treaties.actions[0]).toMatchObject({ id: 'KEN-iccpr-accession', action: 'accession', date: '1972-05-01' });
    expect(f.institutionalisation.entries[0].id).toBe('KEN-const-2010');
    expect(f.complaint_mechanisms).toMatchObject({ complete: false, entries: [{ kind: 'nhri', date: '2003' }] });
  });

  it('reports every problem with its line', () => {
    const bad = VALID.replace('action: accession', 'action: adhesion')
      .replace('date: 2010-08-27', 'date: 2010-02-30')
      .replace('      what: KNCHR\n', '      what: KNCHR\n      colour: blue\n')
      .replace('id: KEN-nhri', 'id: KEN-const-2010')
      .replace('      source: KNCHR Act 2002\n', '');
    expect(problemsOf(bad)).toEqual([
      '9: "action" must be one of signature, ratification, accession, succession (got "adhesion")',
      '17: date "2010-02-30": day 30 does not exist',
      '21: duplicate id "KEN-const-2010" (first at line 15)',
      '21: missing "source"',
      '24: unknown key "colour" in a complaint mechanism (allowed: id, kind, what, date, source, note)',
    ]);
  });

  it('checks the country against the file name and YAML syntax', () => {
    expect(problemsOf(VALID, 'UGA')).toEqual(['1: country "KEN" does not match the file name (UGA.yaml)']);
    expect(problemsOf('country: KEN\ntreaties: [\n')[0]).toMatch(/^\d+: /);
    expect(problemsOf('country: KEN\nratifications: []\n')).toEqual([
      '2: unknown key "ratifications" in a facts file (allowed: country, name, notes, treaties, institutionalisation, complaint_mechanisms)',
    ]);
  });

  it('requires as_of when a treaty list is declared complete', () => {
    expect(problemsOf('country: KEN\ntreaties:\n  complete_for: [iccpr]\n  actions: []\n')).toEqual([
      '3: "complete_for" needs "as_of": the day the list was complete',
    ]);
  });

  it('loads a folder and rejects an id used in two files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiral-facts-'));
    writeFileSync(join(dir, 'KEN.yaml'), VALID);
    writeFileSync(join(dir, 'README.md'), 'not a facts file');
    expect([...loadFactsDir(dir).keys()]).toEqual(['KEN']);
    writeFileSync(
      join(dir, 'UGA.yaml'),
      'country: UGA\ninstitutionalisation:\n  entries:\n    - id: KEN-const-2010\n      what: x\n      date: 1995\n      source: y\n',
    );
    expect(() => loadFactsDir(dir)).toThrow(/UGA\.yaml: fact id "KEN-const-2010" is also used in .*KEN\.yaml/);
    expect(() => loadFactsDir(join(dir, 'missing'))).toThrow(/facts folder not found/);
  });
});
