import { describe, expect, it } from 'vitest';
import { wordSpans } from '../../src/aggregate/words.js';
import { compileKwicPattern, kwicMatches, kwicRows } from '../../src/kwic/index.js';
import { readUtteranceLine } from '../../src/run/lines.js';
import { runCli } from '../helpers/cli.js';
import { writeFixtureRun } from '../report/run-fixture.js';

const words = (text: string) => wordSpans(text).map(([s, e]) => text.slice(s, e));

describe('words', () => {
  it('keeps inner apostrophes and hyphens, drops punctuation', () => {
    expect(words('The Government’s human-rights record, in 1990: "baseless"!')).toEqual([
      'The',
      'Government’s',
      'human-rights',
      'record',
      'in',
      '1990',
      'baseless',
    ]);
  });
});

describe('kwic patterns', () => {
  const find = (text: string, pattern: string, window = 2) =>
    kwicMatches(text, wordSpans(text), compileKwicPattern(pattern)!, window).map((m) => [
      text.slice(m.preStart, m.start),
      text.slice(m.start, m.end),
      text.slice(m.end, m.postEnd),
    ]);

  it('matches a word case-insensitively, as a whole word only', () => {
    expect(find('Interference is interference; interfering is not.', 'interference')).toEqual([
      ['', 'Interference', ' is interference'],
      ['Interference is ', 'interference', '; interfering is'],
    ]);
  });

  it('matches globs and phrases, with the window in words', () => {
    expect(find('We reject interference in our internal affairs by anyone.', 'interfer*', 1)).toEqual([['reject ', 'interference', ' in']]);
    expect(find('We reject interference in our internal affairs by anyone.', 'internal affairs')).toEqual([['in our ', 'internal affairs', ' by anyone.']]);
    expect(find('human rights and human right', 'human right?')).toEqual([['', 'human rights', ' and human']]);
  });

  it('treats regular expression characters in a pattern literally', () => {
    expect(find('a (b) c', '(b)')).toEqual([]);
    expect(compileKwicPattern('   ')).toBeNull();
  });

  it('reads the target when a line has one, and null otherwise', () => {
    const line = { doc: 'd', id: 'd:0', n: 0, text: 'x', label: 'none' };
    expect(readUtteranceLine({ ...line, target: 'self' }).target).toBe('self');
    expect(readUtteranceLine({ ...line, target: 'nobody' }).target).toBeNull();
    expect(readUtteranceLine(line).target).toBeNull();
  });

  it('gives quanteda-style rows (1-based word positions)', () => {
    const u = {
      doc: 'd',
      id: 'd:0',
      n: 0,
      country: 'KEN',
      year: 1990,
      audience: null,
      venue: null,
      speaker: null,
      speaker_role: 'self' as const,
      label: 'denial' as const,
      confidence: 1,
      relevant: true,
      flags: [],
      evidence: [],
      text: 'This is interference in internal affairs.',
      target: null,
    };
    expect(kwicRows(u, compileKwicPattern('internal affairs')!, 5)).toEqual([
      {
        doc: 'd',
        id: 'd:0',
        country: 'KEN',
        year: 1990,
        label: 'denial',
        target: null,
        from: 5,
        to: 6,
        pre: 'This is interference in',
        keyword: 'internal affairs',
        post: '.',
      },
    ]);
  });
});

describe('spiral kwic', () => {
  const run = () =>
    writeFixtureRun({
      utterances: [
        { doc: 'k', n: 0, text: 'We reject interference in our internal affairs.', label: 'denial', country: 'KEN' },
        { doc: 'k', n: 1, text: 'Trade, not internal affairs, grew.', country: 'KEN' },
        { doc: 'c', n: 0, text: 'Chile rejects interference in its internal affairs, too.', label: 'denial', country: 'CHL' },
      ],
    });

  it('prints a table of every match, filtered by label and country', async () => {
    const dir = run();
    const all = await runCli(['kwic', dir, 'internal affairs']);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    expect(all.stderr).toBe('3 matches of "internal affairs" in 3 utterances searched\n');
    const denials = await runCli(['kwic', dir, 'interfer*', '--label', 'denial', '--country', 'CHL', '--window', '2']);
    expect(denials.stdout).toBe(`c:0  denial  ${'Chile rejects'.padStart(40)} | interference | in its\n`);
  });

  it('writes CSV with --csv', async () => {
    const r = await runCli(['kwic', run(), 'internal affairs', '--csv', '--country', 'KEN']);
    expect(r.stdout.split('\n')).toEqual([
      'doc,id,country,year,label,target,from,to,pre,keyword,post,pattern',
      'k,k:0,KEN,1990,denial,,6,7,We reject interference in our,internal affairs,.,internal affairs',
      'k,k:1,KEN,1990,none,,3,4,"Trade, not",internal affairs,", grew.",internal affairs',
      '',
    ]);
  });

  it('refuses an unknown label and an empty pattern (exit 2)', async () => {
    expect((await runCli(['kwic', run(), 'x', '--label', 'denail'])).code).toBe(2);
    expect((await runCli(['kwic', run(), ' '])).code).toBe(2);
  });
});
