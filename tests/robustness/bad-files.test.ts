// Bad lexicons, gold files and review files through the real CLI: every
// problem is a `file:line: message` (or `file: message` when no line applies)
// and exit 2, never a stack trace; a review log's incomplete last line is a
// warning and is ignored.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';
import { classify, noStackTrace, tempDir, writeFiles } from './helpers.js';

/** A copy of the mini lexicon set, changed by `edit`. */
function lexiconSet(edit: (dir: string) => void): string {
  const dir = path.join(tempDir(), 'lexicons');
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  edit(dir);
  return dir;
}

function replaceIn(dir: string, file: string, from: string, to: string): void {
  const p = path.join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture drift: ${file} has no ${JSON.stringify(from)}`);
  writeFileSync(p, text.replace(from, to));
}

/** Exit 2, no stack trace, and the first line of stderr is `spiral: <file>:<line>: <message>` matching `expected`. */
function expectFatal(run: CliRun, expected: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(noStackTrace(run.stderr), run.stderr).toBe(true);
  expect(run.stderr.split('\n')).toContainEqual(expect.stringMatching(expected));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface LexiconCase {
  name: string;
  edit: (dir: string) => void;
  /** The message, with `<dir>` for the lexicon folder. */
  message: (dir: string) => RegExp;
}

const LEXICON_CASES: LexiconCase[] = [
  {
    name: 'a YAML syntax error',
    edit: (d) => replaceIn(d, 'denial.yaml', 'weight: 2', 'weight: [2'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/denial\\.yaml:8: .+`),
  },
  {
    name: 'a key given twice in one mapping',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', 'weight: 2\n', 'weight: 2\n    weight: 3\n'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:8: Map keys must be unique`),
  },
  {
    name: 'an unknown key (a misspelt "weight")',
    edit: (d) => replaceIn(d, 'denial.yaml', 'weight: 2', 'wieght: 2'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/denial\\.yaml:7: unknown key "wieght" in a rule \\(allowed: .+\\)$`),
  },
  {
    name: 'a duplicate rule id across files',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', 'id: rhetorical.baseless', 'id: denial.western-invention'),
    message: (d) =>
      new RegExp(
        `^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:4: duplicate rule id "denial\\.western-invention" \\(first in ${esc(d)}/denial\\.yaml:\\d+\\)$`,
      ),
  },
  {
    name: 'a pattern with an unclosed group',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', '"=deny that"', '"(deny|that"'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:14: rule rhetorical\\.deny-that: pattern "\\(deny\\|that": unclosed "\\("$`),
  },
  {
    name: 'a pattern with a gap that is too wide',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', '..5', '..99'),
    message: (d) =>
      new RegExp(
        `^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:6: rule rhetorical\\.baseless: pattern ".+": gap "\\.\\.99" must be \\.\\.N with N from 1 to 8$`,
      ),
  },
  {
    name: 'a pattern that is a regular expression, not a pattern',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', '"=deny that"', '"deny\\\\s+(that)*"'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:14: rule rhetorical\\.deny-that: pattern .+: .+`),
  },
  {
    name: 'a pattern of nothing but a gap',
    edit: (d) => replaceIn(d, 'rhetorical-action.yaml', '"=deny that"', '"..3"'),
    message: (d) =>
      new RegExp(
        `^(spiral: )?${esc(d)}/rhetorical-action\\.yaml:14: rule rhetorical\\.deny-that: pattern "\\.\\.3": a pattern cannot start or end with a gap$`,
      ),
  },
  {
    name: 'a category file that is a list',
    edit: (d) => writeFileSync(path.join(d, 'denial.yaml'), '- one\n- two\n'),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/denial\\.yaml:1: a category file must be a mapping$`),
  },
  {
    name: 'a symbolic link loop among the lexicon files',
    edit: (d) => symlinkSync('loop.yaml', path.join(d, 'loop.yaml')),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/loop\\.yaml: cannot read: ELOOP`),
  },
  {
    name: 'a dangling symbolic link among the lexicon files',
    edit: (d) => symlinkSync('gone.yaml', path.join(d, 'dangling.yaml')),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/dangling\\.yaml: cannot read: ENOENT`),
  },
  {
    name: 'a folder named like a lexicon file',
    edit: (d) => mkdirSync(path.join(d, 'folder.yaml')),
    message: (d) => new RegExp(`^(spiral: )?${esc(d)}/folder\\.yaml: cannot read: (EISDIR|not a regular file)`),
  },
];

describe('bad lexicon sets', () => {
  for (const c of LEXICON_CASES) {
    it(`${c.name}: spiral lexicon check and spiral classify stop with file:line, exit 2`, async () => {
      const dir = lexiconSet(c.edit);
      expectFatal(await runCli(['lexicon', 'check', dir]), c.message(dir));
      const input = tempDir();
      writeFiles(input, { 'a.txt': 'We respect human rights.' });
      const run = await runCli(['classify', input, '--out', path.join(tempDir(), 'run'), '-q', '--workers', '1', '--lexicons', dir]);
      expectFatal(run, c.message(dir));
    });
  }

  it('a lexicon folder that does not exist: exit 2 naming it', async () => {
    const missing = path.join(tempDir(), 'nowhere');
    expectFatal(await runCli(['lexicon', 'check', missing]), new RegExp(`^spiral: ${esc(missing)}: lexicon folder not found$`));
  });

  it('an example that fails: spiral lexicon check names file:line and the rule, exit 1 (a finding; the set itself is valid)', async () => {
    const dir = lexiconSet((d) => replaceIn(d, 'rhetorical-action.yaml', 'The allegations were investigated.', 'The allegations are baseless.'));
    const run = await runCli(['lexicon', 'check', dir]);
    expect(run.code).toBe(1);
    expect(noStackTrace(run.stderr + run.stdout)).toBe(true);
    expect(run.stdout).toContain(
      `${dir}/rhetorical-action.yaml:11: rhetorical.baseless: nomatch example "The allegations are baseless.": should not match but the rule fired\n`,
    );
  });
});

// ---- gold files ----------------------------------------------------------------

const gold = (o: object) => JSON.stringify(o);
const GOOD_GOLD = gold({ id: 'g1', text: 'We respect human rights.', label: 'norm_acknowledgment' });

interface GoldCase {
  name: string;
  content: string | Buffer;
  /** Expected stderr lines after `spiral: `, with `<file>` for the gold file (V8's own JSON messages as patterns). */
  lines: Array<string | RegExp>;
}

const GOLD_CASES: GoldCase[] = [
  {
    name: 'bad labels',
    content: [GOOD_GOLD, gold({ id: 'g2', text: 'Baseless.', label: 'denail' }), gold({ id: 'g3', text: 'x', label: null })].join('\n') + '\n',
    lines: [
      '<file>:2: bad label "denail" (expected one of denial, rhetorical_action, argumentative_concession, norm_acknowledgment, none)',
      '<file>:3: bad label null (expected one of denial, rhetorical_action, argumentative_concession, norm_acknowledgment, none)',
    ],
  },
  {
    name: 'duplicate ids (a number and a string count as one id)',
    content: [GOOD_GOLD, gold({ id: 7, text: 'a', label: 'none' }), gold({ id: '7', text: 'b', label: 'none' })].join('\n') + '\n',
    lines: ['<file>:3: duplicate id "7" (first on line 2)'],
  },
  {
    name: 'a truncated last line',
    content: `${GOOD_GOLD}\n{"id":"g2","text":"The alleg`,
    lines: [/^<file>:2: invalid JSON \(Unterminated string in JSON at position \d+\)$/],
  },
  {
    name: 'a truncated line in the middle (CRLF file)',
    content: `${GOOD_GOLD}\r\n{"id":"g2","text":"The alleg\r\n${gold({ id: 'g3', text: 'x', label: 'none' })}\r\n`,
    lines: [/^<file>:2: invalid JSON \(Unterminated string in JSON at position \d+\)$/],
  },
  {
    name: 'a line that is not an object, and one with control characters',
    content: `[1, 2]\n{"id": \u0001\u001b[31m}\n${GOOD_GOLD}\n`,
    lines: ['<file>:1: expected a JSON object', "<file>:2: invalid JSON (Unexpected token '\\u0001')"],
  },
  {
    name: 'a UTF-16 file',
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${GOOD_GOLD}\n`, 'utf16le')]),
    lines: ['<file>: contains NUL bytes: not UTF-8 text (a UTF-16 file? save it as UTF-8)'],
  },
  { name: 'an empty file', content: '\n\n', lines: ['<file>: no gold items (empty file)'] },
];

describe('bad gold files for spiral eval --gold', () => {
  for (const c of GOLD_CASES) {
    it(`${c.name}: every problem as file:line, exit 2`, async () => {
      const file = path.join(tempDir(), 'gold.jsonl');
      writeFileSync(file, c.content);
      const run = await runCli(['eval', '--gold', file, '--lexicons', MINI_LEXICONS]);
      expect(run.code).toBe(2);
      expect(noStackTrace(run.stderr), run.stderr).toBe(true);
      const lines = run.stderr
        .replace(/^spiral: /, '')
        .replace(/\n$/, '')
        .split('\n');
      expect(lines).toHaveLength(c.lines.length);
      c.lines.forEach((expected, i) => {
        if (typeof expected === 'string') expect(lines[i]).toBe(expected.replaceAll('<file>', file));
        else expect(lines[i]).toMatch(new RegExp(expected.source.replace('<file>', esc(file))));
      });
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // nothing from the file reaches the terminal raw
    });
  }

  it('a gold path that is a folder or does not exist: exit 2 naming it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'folder.jsonl'));
    for (const name of ['folder.jsonl', 'missing.jsonl']) {
      const file = path.join(dir, name);
      expectFatal(
        await runCli(['eval', '--gold', file, '--lexicons', MINI_LEXICONS]),
        new RegExp(`^spiral: ${esc(file)}: cannot read gold file \\(E(ISDIR|NOENT)`),
      );
    }
  });
});

// ---- review files --------------------------------------------------------------

function review(id: string, extra: object = {}): string {
  return JSON.stringify({
    id,
    doc: 'd',
    text: `Sentence ${id}.`,
    proposed_label: 'none',
    decision: 'accept',
    label: 'none',
    timestamp: '2024-01-01T00:00:00Z',
    ...extra,
  });
}

async function exportReviews(content: string): Promise<CliRun & { run: string; out: string }> {
  const run = path.join(tempDir(), 'run');
  mkdirSync(run);
  writeFileSync(path.join(run, 'reviews.jsonl'), content);
  const out = path.join(path.dirname(run), 'gold.jsonl');
  return { ...(await runCli(['review', 'export', run, '--out', out])), run, out };
}

describe('bad review files for spiral review export', () => {
  it('a corrupt line in the middle: file:line, exit 2, nothing written', async () => {
    const r = await exportReviews(`${review('d:0')}\n{"id": "d:1", "decis\n${review('d:2')}\n`);
    expectFatal(r, new RegExp(`^spiral: ${esc(r.run)}/reviews\\.jsonl:2: not valid JSON — the file is damaged; fix or remove that line$`));
    expect(() => readFileSync(r.out)).toThrow();
  });

  it('a complete line with a bad decision or label: file:line, exit 2', async () => {
    const r = await exportReviews(`${review('d:0')}\n${review('d:1', { label: 'bogus' })}\n`);
    expectFatal(r, new RegExp(`^spiral: ${esc(r.run)}/reviews\\.jsonl:2: bad label "bogus" for decision accept`));
  });

  it('a truncated last line (a killed server): a warning with file:line, the line ignored, the rest exported, exit 0', async () => {
    const r = await exportReviews(`${review('d:0')}\n${review('d:1', { decision: 'relabel', label: 'denial' })}\n{"id":"d:2","doc":"d","te`);
    expect(r.code, r.stderr).toBe(0);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.stderr).toContain(`warning: ${r.run}/reviews.jsonl:3: incomplete last line ignored (25 bytes;`);
    const exported = readFileSync(r.out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; label: string });
    expect(exported.map((g) => [g.id, g.label])).toEqual([
      ['d:0', 'none'],
      ['d:1', 'denial'],
    ]);
    // The export is itself a valid gold file.
    const evalRun = await runCli(['eval', '--gold', r.out, '--lexicons', MINI_LEXICONS, '--errors', path.join(path.dirname(r.out), 'errors.jsonl')]);
    expect([0, 1]).toContain(evalRun.code);
  });

  it('no reviews yet: exit 2 naming the file', async () => {
    const run = path.join(tempDir(), 'run');
    mkdirSync(run);
    expectFatal(
      await runCli(['review', 'export', run, '--out', path.join(run, 'g.jsonl')]),
      new RegExp(`^spiral: ${esc(run)}/reviews\\.jsonl: no reviews yet`),
    );
  });
});

describe('bad command-line values are usage errors, not crashes', () => {
  it('a bad --name-pattern, --country, --year or --shard: exit 2 with the reason', async () => {
    const input = tempDir();
    writeFiles(input, { 'a.txt': 'We respect human rights.' });
    for (const [flag, value, expected] of [
      ['--name-pattern', '{country}{venue}', /name pattern|placeholder/i],
      ['--name-pattern', '{nope}', /unknown placeholder|\{nope\}/i],
      ['--country', 'Atlantis', /--country: unknown country "Atlantis"/],
      ['--year', '19x0', /--year must be a year/],
      ['--shard', '3/2', /--shard must be K\/N/],
    ] as const) {
      const run = await classify([input], [flag, value]);
      expect(run.code, `${flag} ${value}: ${run.stderr}`).toBe(2);
      expect(noStackTrace(run.stderr)).toBe(true);
      expect(run.stderr).toMatch(expected);
    }
  });
});
