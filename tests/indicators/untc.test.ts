import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFacts } from '../../src/indicators/facts.js';
import { newFactsFile, replaceTreaties } from '../../src/indicators/facts-write.js';
import { buildTreatySections } from '../../src/indicators/import-untc.js';
import { footnoteActions, parseDayMonthYear } from '../../src/indicators/untc-footnotes.js';
import { parseUntcTable, untcCountry } from '../../src/indicators/untc.js';
import { runCli } from '../helpers/cli.js';

const URL_ICCPR = 'https://treaties.un.org/iccpr';
const TABLE =
  [
    'country_name,treaty_id,treaty_name,action_type,action_date,signature_date,treaty_open_year,mtdsg_no,source_url',
    `Kenya,iccpr,International Covenant on Civil and Political Rights,Accession,1972-05-01,,1966,IV-4,${URL_ICCPR}`,
    `Chile,iccpr,International Covenant on Civil and Political Rights,Ratification,1972-02-10,1969-09-16,1966,IV-4,${URL_ICCPR}`,
    `Chile,iccpr_op1,Optional Protocol,Accession,1992-05-27,,1966,IV-5,https://treaties.un.org/op1`,
    `Kenya,cat,"Convention against Torture and Other Cruel, Inhuman or Degrading Treatment",Accession,1997-02-21,,1984,IV-9,https://treaties.un.org/cat`,
    `Bahamas (The),iccpr,International Covenant on Civil and Political Rights,Ratification,2008-12-23,2008-12-04,1966,IV-4,${URL_ICCPR}`,
    `Czechoslovakia,iccpr,International Covenant on Civil and Political Rights,,,1981-03-10,1966,IV-4,${URL_ICCPR}`,
    `Atlantis,iccpr,International Covenant on Civil and Political Rights,Ratification,1990-01-01,,1966,IV-4,${URL_ICCPR}`,
  ].join('\n') + '\n';

const FOOTNOTE_HTML = `<html><body><table><tr><td>Kenya</td><td>1 May 1972 a</td></tr></table>
<p>End Note</p><p><sup>6</sup>Upon resuming the exercise of sovereignty over Hong Kong, China notified.</p>
<p><sup>7</sup>Czechoslovakia had signed and ratified the Convention on 7 October 1968 and 23 December 1975, respectively, with reservations.</p>
<p>2 Participant: Date of receipt: Poland 12 Dec 1980 Czechoslovakia 10 Mar 1981</p>
<p>8 The Government of Trinidad and Tobago acceded to the Optional Protocol on 14 November 1980.</p></body></html>`;

describe('UNTC status table', () => {
  it('maps UN names, including UNTC spellings, and reports the ones it cannot map', () => {
    expect(untcCountry('Bahamas (The)')).toBe('BHS');
    expect(untcCountry('St. Lucia')).toBe('LCA');
    expect(untcCountry('Cabo Verde')).toBe('CPV');
    const t = parseUntcTable(TABLE, 'table.csv');
    expect(t.unmapped).toEqual([{ name: 'Atlantis', line: 8 }]);
    expect(t.instruments).toEqual(['cat', 'iccpr', 'iccpr_op1']);
    const chile = t.rows.find((r) => r.country === 'CHL' && r.instrument === 'iccpr')!;
    expect(chile.actions).toEqual([
      { id: 'CHL-iccpr-signature', instrument: 'iccpr', action: 'signature', date: '1969-09-16', source: URL_ICCPR },
      { id: 'CHL-iccpr-ratification', instrument: 'iccpr', action: 'ratification', date: '1972-02-10', source: URL_ICCPR },
    ]);
    expect(t.rows.find((r) => r.country === 'CSK')!.actions.map((a) => a.action)).toEqual(['signature']);
  });

  it('rejects malformed rows with their line', () => {
    const bad = TABLE.replace('Accession,1972-05-01', 'Adhesion,1972-05-01').replace('1997-02-21', '1997-02-31');
    expect(() => parseUntcTable(bad, 'table.csv')).toThrow(/table\.csv:2: action_type "Adhesion".*\n.*table\.csv:5: action_date: date "1997-02-31"/);
    expect(() => parseUntcTable('country,treaty\nKenya,iccpr\n', 't.csv')).toThrow(/t\.csv:1: missing columns: country_name, treaty_id, action_type/);
  });
});

describe('predecessor States from end notes', () => {
  it('reads signature and ratification of a historical State, not current States or objection lists', () => {
    expect(parseDayMonthYear('23 December 1975')).toBe('1975-12-23');
    expect(parseDayMonthYear('10 Mar 1981')).toBe('1981-03-10');
    const facts = footnoteActions(FOOTNOTE_HTML, 'iccpr', URL_ICCPR);
    expect(facts.map((f) => [f.id, f.date, f.footnote])).toEqual([
      ['CSK-iccpr-signature', '1968-10-07', '7'],
      ['CSK-iccpr-ratification', '1975-12-23', '7'],
    ]);
    expect(facts[0].source).toContain('end note 7: "Czechoslovakia had signed and ratified');
  });

  it('replaces the table row of a State the end notes cover and narrows its completeness claim', () => {
    const table = parseUntcTable(TABLE, 'table.csv');
    const pages = [{ instrument: 'iccpr', file: 'iccpr.html', facts: footnoteActions(FOOTNOTE_HTML, 'iccpr', URL_ICCPR) }];
    const { sections, notes } = buildTreatySections(table, pages, '2026-02-03', 'table.csv');
    expect(sections.get('CSK')!.actions.map((a) => `${a.action} ${a.date}`)).toEqual(['signature 1968-10-07', 'ratification 1975-12-23']);
    expect(sections.get('CSK')!.complete_for).toEqual(['iccpr']);
    expect(sections.get('KEN')!.complete_for).toEqual(['cat', 'iccpr', 'iccpr_op1']);
    expect(notes.join('\n')).toMatch(/CSK iccpr: table row at table\.csv:7 \(signature 1981-03-10\) replaced/);
    const withoutNotes = buildTreatySections(table, [], '2026-02-03', 'table.csv');
    expect(withoutNotes.notes.join('\n')).toMatch(/CSK is a predecessor State/);
  });
});

describe('writing facts files', () => {
  const section = {
    source: 'table',
    as_of: '2026-02-03',
    complete_for: ['iccpr'],
    actions: [{ id: 'KEN-iccpr-accession', instrument: 'iccpr', action: 'accession' as const, date: '1972-05-01', source: 'u' }],
  };

  it('writes a new file that the loader accepts', () => {
    const text = newFactsFile('KEN', section);
    expect(text).toMatch(/^# Kenya/);
    expect(parseFacts(text, 'KEN.yaml', 'KEN').treaties.actions).toHaveLength(1);
  });

  it('replaces only the treaty part of an existing file, keeping hand-written sections and comments', () => {
    const existing =
      newFactsFile('KEN', section) +
      '# kept comment\ninstitutionalisation:\n  entries:\n    - id: KEN-c\n      what: constitution\n      date: 2010\n      source: s\n';
    const updated = replaceTreaties(existing, { ...section, actions: [] });
    expect(updated).toContain('# kept comment');
    const f = parseFacts(updated, 'KEN.yaml', 'KEN');
    expect(f.treaties.actions).toEqual([]);
    expect(f.institutionalisation.entries[0].id).toBe('KEN-c');
  });
});

describe('spiral facts import-untc', () => {
  it('writes one file per country, reports unmapped names and exits 1 for them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiral-untc-'));
    writeFileSync(join(dir, 'table.csv'), TABLE);
    mkdirSync(join(dir, 'html'));
    writeFileSync(join(dir, 'html', 'iccpr.html'), FOOTNOTE_HTML);
    const r = await runCli(
      ['facts', 'import-untc', 'table.csv', '--out', 'facts', '--footnotes', 'html', '--as-of', '2026-02-03', '--countries', 'CSK,Kenya'],
      { cwd: dir },
    );
    expect(r.stderr).toMatch(/unmapped: "Atlantis" \(table\.csv:8\)/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CSK: 2 treaty actions/);
    expect(r.stdout).toMatch(/KEN: 2 treaty actions/);
    const ken = parseFacts(readFileSync(join(dir, 'facts', 'KEN.yaml'), 'utf8'), 'KEN.yaml', 'KEN');
    expect(ken.treaties).toMatchObject({ as_of: '2026-02-03', complete_for: ['cat', 'iccpr', 'iccpr_op1'] });
    const check = await runCli(['facts', 'check', 'facts'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/CSK: 2 treaty actions, 0 institutionalisation/);
  });

  it('asks for the table date when it cannot find one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiral-untc-'));
    writeFileSync(join(dir, 'table.csv'), TABLE);
    const r = await runCli(['facts', 'import-untc', 'table.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --as-of YYYY-MM-DD/);
  });
});
