// Issue 16, row 10: `spiral tag` handed one long text whole to the tagger,
// whose work grows faster than linearly in one utterance's length (1.28 M
// characters took 36 s); classify is saved by its 2,000-character sentence
// cap. `tag` now applies the same cap. Work is counted, never timed: the
// characters the tagger is given, whatever it does with them (a wrapper
// around createTagger counts them for the last tagger made — the one the
// command tags with, after the one that ran the lexicon's examples; src/tag is
// not changed for it).
import { describe, expect, it, vi } from 'vitest';
import { capEnd } from '../../src/cli/commands/tag.js';
import { MAX_UTTERANCE_CHARS } from '../../src/segment/rules.js';
import { runCli } from '../helpers/cli.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const work = vi.hoisted(() => ({ latest: { chars: 0, calls: 0 } }));

vi.mock('../../src/tag/tagger.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/tag/tagger.js')>();
  return {
    ...actual,
    createTagger: (...args: Parameters<typeof actual.createTagger>) => {
      const tagger = actual.createTagger(...args);
      const counter = { chars: 0, calls: 0 };
      work.latest = counter;
      return {
        ...tagger,
        tag: (text: string, meta?: Parameters<typeof tagger.tag>[1]) => {
          counter.calls++;
          counter.chars += text.length;
          return tagger.tag(text, meta);
        },
      };
    },
  };
});

/** Attribution markers and clause breaks, again and again, without a sentence end. */
const UNIT = 'the Government says that the allegations of torture are baseless, and the report claims that ';

const longText = (chars: number) => UNIT.repeat(Math.ceil(chars / UNIT.length)).slice(0, chars);

async function tagLines(texts: string[]) {
  const stdin = texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n';
  const run = await runCli(['tag', '-', '--lexicons', MINI_LEXICONS], { stdin });
  expect(run.code, run.stderr).toBe(0);
  return {
    run,
    chars: work.latest.chars,
    calls: work.latest.calls,
    out: run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('spiral tag on long texts', () => {
  it('gives the tagger at most the sentence cap per line, whatever the length: 20 k, 80 k, 320 k characters', async () => {
    for (const chars of [20_000, 80_000, 320_000]) {
      const { chars: tagged, calls, out, run } = await tagLines([longText(chars)]);
      expect(calls).toBe(1);
      expect(tagged, `${chars} characters in`).toBeLessThanOrEqual(MAX_UTTERANCE_CHARS);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ id: 0, tagged_chars: tagged });
      expect(run.stderr).toMatch(new RegExp(`^warning: <stdin>:1: text of ${chars} characters; only its first ${tagged} are tagged`));
    }
  });

  it('does work linear in the input: n long lines cost n times one', async () => {
    const one = await tagLines([longText(100_000)]);
    const eight = await tagLines(Array.from({ length: 8 }, () => longText(100_000)));
    expect(eight.calls).toBe(8);
    expect(eight.chars).toBe(8 * one.chars);
  });

  it('tags a text within the cap whole, as before, with no marker', async () => {
    const text = longText(MAX_UTTERANCE_CHARS);
    const { chars, out, run } = await tagLines([text, 'We respect human rights.']);
    expect(chars).toBe(text.length + 'We respect human rights.'.length);
    expect(out.every((o) => !('tagged_chars' in o))).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('cuts where the segmenter cuts an over-long sentence: after a clause break, else a space, never inside a surrogate pair', () => {
    expect(capEnd(longText(5000))).toBe(longText(MAX_UTTERANCE_CHARS).lastIndexOf(', ') + 1);
    expect(capEnd(`${'word '.repeat(1000)}`)).toBe(MAX_UTTERANCE_CHARS);
    expect(capEnd('x'.repeat(MAX_UTTERANCE_CHARS - 1) + '😀' + 'y'.repeat(10))).toBe(MAX_UTTERANCE_CHARS - 1);
  });
});
