// --name-pattern against hostile file names. A pattern with many free
// placeholders, matched as a backtracking regex, took seconds per file on a
// long name full of separators that does not match (1.5 s at 120 characters
// with six {*}, doubling with every few characters more). The matcher is a
// table now: its work is counted, never timed, and it must give what the lazy
// regex gave.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNamePattern, matchNamePattern, type MatchWork } from '../../src/ingest/filename.js';
import { classify, tempDir } from './helpers.js';

/** The regex the pattern used to compile to (lazy free captures), as the reference for what a match returns. */
function referenceRegex(source: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = source
    .split(/(\{[^{}]*\})/)
    .filter((p) => p !== '')
    .map((p) => {
      const field = /^\{([^{}]*)\}$/.exec(p)?.[1];
      if (field === undefined) return escape(p);
      if (field === 'year') return '(\\d{4})';
      if (field === 'date') return '(\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{2}|\\d{8})';
      return '([^/]+?)';
    })
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

const placeholder = fc.constantFrom('{*}', '{country}', '{venue}', '{speaker}', '{year}', '{date}');
const literal = fc.stringMatching(/^[-_.xa/]{1,3}$/);
/** Patterns the syntax accepts: placeholders once each ({*} any number of times), free ones separated by text. */
const pattern = fc
  .array(fc.tuple(placeholder, literal), { minLength: 1, maxLength: 5 })
  .map((pairs) => {
    const used = new Set<string>();
    return pairs
      .filter(([p]) => p === '{*}' || (!used.has(p) && used.add(p)))
      .map(([p, l]) => p + l)
      .join('');
  })
  .filter((source) => source.includes('{'));
const name = fc.stringMatching(/^[-_.xaA1290/]{0,24}$/);

/** A name made from the pattern (so most match), sometimes with a character changed. */
function nameFor(source: string): fc.Arbitrary<string> {
  const parts = source.split(/(\{[^{}]*\})/).filter((p) => p !== '');
  const filler = (p: string): fc.Arbitrary<string> => {
    if (p === '{year}') return fc.stringMatching(/^\d{4}$/);
    if (p === '{date}') return fc.constantFrom('1990-02-03', '1990-02', '19900203');
    if (p.startsWith('{')) return fc.stringMatching(/^[-_.xaA19]{1,5}$/);
    return fc.constantFrom(p, p.toUpperCase());
  };
  const exact = fc.tuple(...parts.map(filler)).map((pieces) => pieces.join(''));
  return fc.oneof(
    exact,
    fc
      .tuple(exact, fc.nat(), fc.constantFrom('', '-', 'x', '/', '1'))
      .map(([n, at, c]) => n.slice(0, at % (n.length + 1)) + c + n.slice((at % (n.length + 1)) + 1)),
  );
}

describe('--name-pattern matching', () => {
  it('returns what the lazy regex returned, for generated patterns and names', () => {
    let matched = 0;
    fc.assert(
      fc.property(
        pattern.chain((source) => fc.tuple(fc.constant(source), fc.oneof(name, nameFor(source)))),
        ([source, subject]) => {
          const compiled = compileNamePattern(source);
          const expected = referenceRegex(source).exec(subject);
          expect(matchNamePattern(compiled, subject)).toEqual(expected ? expected.slice(1) : undefined);
          if (expected) matched++;
        },
      ),
      { numRuns: 2000 },
    );
    expect(matched).toBeGreaterThan(400); // captures are compared, not just "no match" twice
  });

  it('does at most (pattern pieces + 1) × (name length + 1)² steps on hostile names (no exponential backtracking)', () => {
    const hostile = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 10, max: 250 }), fc.constantFrom('-', '_', '-a', 'a-'));
    fc.assert(
      fc.property(hostile, ([free, repeats, unit]) => {
        const compiled = compileNamePattern(`${Array(free).fill('{*}').join('-')}-{year}`);
        const subject = unit.repeat(repeats).slice(0, 250);
        const work: MatchWork = { steps: 0 };
        matchNamePattern(compiled, subject, work);
        expect(work.steps).toBeLessThanOrEqual((compiled.pieces.length + 1) * (subject.length + 1) ** 2);
      }),
      { numRuns: 200 },
    );
  });

  it('classifies a folder of long, separator-heavy names with a nine-placeholder pattern', async () => {
    const dir = tempDir();
    const long = 'a-'.repeat(100);
    writeFileSync(path.join(dir, `${long}x.txt`), 'We respect human rights.');
    writeFileSync(path.join(dir, 'kenya-minister-parliament-1990.txt'), 'We respect human rights.');
    const run = await classify([dir], ['--name-pattern', '{country}-{speaker}-{venue}-{*}-{*}-{*}-{*}-{*}-{year}']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.byId.get(`${long}x.txt`)).toMatchObject({ status: 'ok', meta: {} });
    expect(run.byId.get('kenya-minister-parliament-1990.txt')?.meta).toEqual({});
    const four = await classify([dir], ['--name-pattern', '{country}-{speaker}-{venue}-{year}']);
    expect(four.byId.get('kenya-minister-parliament-1990.txt')?.meta).toEqual({
      country: 'KEN',
      year: 1990,
      speaker: 'minister',
      venue: 'parliament',
      audience: 'domestic',
    });
  });
});
