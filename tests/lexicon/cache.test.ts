// The compiled-lexicon cache: a set is validated and compiled once, later
// starts load it; a changed lexicon file, another build or a damaged entry
// compiles again, never a stale or wrong set; tagging from the cache gives
// exactly what tagging from the YAML gives. The cases that start several
// processes or a worker pool are in cache-processes.slow.test.ts.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir } from '../calibrate/fixtures.js';
import { cacheEntries } from './cache-entries.js';
import { fingerprintOf } from '../../src/build.js';
import { decodeEntry, LEXICON_SETS_FOLDER, MAX_ENTRIES, spiralCacheDir } from '../../src/lexicon/cache.js';
import { LexiconError } from '../../src/lexicon/errors.js';
import { allRules } from '../../src/lexicon/examples.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { openLexiconSet } from '../../src/tag/open-set.js';
import { createTagger, type Tagger } from '../../src/tag/tagger.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, MINI_LEXICONS } from '../helpers/lexicons.js';

const scratch = tempDir;
afterAll(cleanTempDirs);

function copyOf(lexicons: string): string {
  const dir = path.join(scratch('spiral-lexcache-set-'), 'lexicons');
  cpSync(lexicons, dir, { recursive: true });
  return dir;
}

const entries = cacheEntries;

/** Every rule example of the set, as the overlays' own country and as others, each after a sentence about human rights. */
function sentences(tagger: Tagger): Array<{ text: string; country?: string; context?: string }> {
  const out: Array<{ text: string; country?: string; context?: string }> = [];
  for (const rule of allRules(tagger)) {
    for (const e of [...rule.examples.match, ...rule.examples.nomatch]) {
      out.push({ text: e.text, country: rule.country });
      out.push({ text: e.text, country: 'KEN', context: 'Human rights are universal and indivisible.' });
      out.push({ text: e.text, country: 'CHL' });
    }
  }
  return out;
}

const tagAll = (tagger: Tagger, items: ReturnType<typeof sentences>) => items.map((i) => JSON.stringify(tagger.tag(i.text, i)));

describe('where the cache lives', () => {
  it('SPIRAL_CACHE_DIR, else $XDG_CACHE_HOME/spiral (when absolute), else ~/.cache/spiral', () => {
    expect(spiralCacheDir({ SPIRAL_CACHE_DIR: '/c/own', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe(path.resolve('/c/own'));
    expect(spiralCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe(path.join('/x', 'spiral'));
    expect(spiralCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe(path.join('/home/u', '.cache', 'spiral'));
    expect(spiralCacheDir({ HOME: '/home/v' }, '/home/u')).toBe(path.join('/home/v', '.cache', 'spiral'));
    expect(spiralCacheDir({}, '/home/u')).toBe(path.join('/home/u', '.cache', 'spiral'));
  });
});

describe('a compiled set from the cache', () => {
  it('tags every example byte for byte as the set compiled from its YAML does (bundled set, overlays, context)', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const first = await openLexiconSet(BUNDLED_LEXICONS, { cacheDir });
    expect(first.cache).toBe('stored');
    const again = await openLexiconSet(BUNDLED_LEXICONS, { cacheDir });
    expect(again.cache).toBe('hit');
    const fromYaml = createTagger(loadLexiconSet(BUNDLED_LEXICONS));
    const items = sentences(fromYaml);
    expect(items.length).toBeGreaterThan(900);
    const expected = tagAll(fromYaml, items);
    expect(tagAll(createTagger(again.set, { compiled: again.compiled }), items)).toEqual(expected);
    expect(tagAll(createTagger(first.set, { compiled: first.compiled }), items)).toEqual(expected);
    // --case: one overlay for every sentence.
    const forced = createTagger(loadLexiconSet(BUNDLED_LEXICONS), { forceCase: 'KEN' });
    expect(tagAll(createTagger(again.set, { compiled: again.compiled, forceCase: 'KEN' }), items)).toEqual(tagAll(forced, items));
  });

  it('gives the set as the loader does: its rules, overlays and classes are read when first used', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    await openLexiconSet(BUNDLED_LEXICONS, { cacheDir });
    const { set, cache } = await openLexiconSet(BUNDLED_LEXICONS, { cacheDir });
    expect(cache).toBe('hit');
    const loaded = loadLexiconSet(BUNDLED_LEXICONS);
    expect(Object.keys(set)).toEqual(Object.keys(loaded));
    expect({ ...set }).toEqual({ ...loaded });
  });

  it('a copy of the set in another folder shares the entry and is named by its own folder', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    await openLexiconSet(MINI_LEXICONS, { cacheDir });
    const copy = copyOf(MINI_LEXICONS);
    const opened = await openLexiconSet(copy, { cacheDir });
    expect(opened.cache).toBe('hit');
    expect(opened.set.dir).toBe(copy);
  });
});

describe('never a stale or wrong set', () => {
  it('recompiles when a lexicon file changes, and finds the old entry again when the change is undone', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const lex = copyOf(MINI_LEXICONS);
    const text = 'Human rights criticism is interference in our internal affairs.';
    const denialOf = async () => {
      const opened = await openLexiconSet(lex, { cacheDir });
      return { cache: opened.cache, score: createTagger(opened.set, { compiled: opened.compiled }).tag(text).scores.denial };
    };
    const before = await denialOf();
    expect(before.cache).toBe('stored');
    expect(await denialOf()).toEqual({ ...before, cache: 'hit' });

    const file = path.join(lex, 'denial.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('weight: 2', 'weight: 3'));
    const edited = await denialOf();
    expect(edited.cache).toBe('stored');
    expect(edited.score).toBeGreaterThan(before.score);
    expect(edited.score).toBe(createTagger(loadLexiconSet(lex)).tag(text).scores.denial);
    expect(entries(cacheDir)).toHaveLength(2);

    writeFileSync(file, original);
    expect(await denialOf()).toEqual({ ...before, cache: 'hit' });
  });

  it('recompiles for another build of spiral', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir, build: 'build-a' })).cache).toBe('stored');
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir, build: 'build-a' })).cache).toBe('hit');
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir, build: 'build-b' })).cache).toBe('stored');
    expect(entries(cacheDir)).toHaveLength(2);
  });

  it("a build's fingerprint changes with any file of its code", () => {
    const code = path.join(scratch('spiral-build-'), 'dist');
    mkdirSync(path.join(code, 'tag'), { recursive: true });
    writeFileSync(path.join(code, 'main.js'), 'export {};\n');
    writeFileSync(path.join(code, 'tag', 'match.js'), 'export const x = 1;\n');
    const before = fingerprintOf(code);
    expect(fingerprintOf(code)).toBe(before);
    writeFileSync(path.join(code, 'tag', 'match.js'), 'export const x = 2;\n');
    expect(fingerprintOf(code)).not.toBe(before);
  });

  it('recompiles, and rewrites the entry, when the entry is damaged, cut short or not an entry at all', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const items = sentences(createTagger(loadLexiconSet(MINI_LEXICONS)));
    const expected = tagAll(createTagger(loadLexiconSet(MINI_LEXICONS)), items);
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir })).cache).toBe('stored');
    const [name] = entries(cacheDir);
    const file = path.join(cacheDir, LEXICON_SETS_FOLDER, name);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[Math.floor(damaged.length / 2)] ^= 0x55;
    for (const bad of [damaged, good.subarray(0, good.length - 100), good.subarray(0, 20), Buffer.from('not a cache entry'), Buffer.alloc(0)]) {
      writeFileSync(file, bad);
      const opened = await openLexiconSet(MINI_LEXICONS, { cacheDir });
      expect(opened.cache).toBe('stored');
      expect(tagAll(createTagger(opened.set, { compiled: opened.compiled }), items)).toEqual(expected);
      // Rewritten whole (the bytes need not repeat: V8 may write equal strings and shared objects differently).
      expect(decodeEntry(readFileSync(file), name.slice(0, -'.bin'.length))).toBeDefined();
      const reread = await openLexiconSet(MINI_LEXICONS, { cacheDir });
      expect(reread.cache).toBe('hit');
      expect(tagAll(createTagger(reread.set, { compiled: reread.compiled }), items)).toEqual(expected);
    }
  });

  it('keeps the outcome of the examples: a failing set is refused from the cache as from the YAML, or warns alike', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const lex = copyOf(MINI_LEXICONS);
    const file = path.join(lex, 'denial.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('match: ["Human rights are a Western invention."]', 'match: ["Human rights are an Eastern invention."]'),
    );
    for (let run = 0; run < 2; run++) {
      const refused = await openLexiconSet(lex, { cacheDir }).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(LexiconError);
      expect((refused as Error).message).toContain(`${file}:`);
      expect((refused as Error).message).toContain('should match but the rule did not fire');
    }
    const warned = await openLexiconSet(lex, { cacheDir, allowFailingExamples: true });
    expect(warned.cache).toBe('hit');
    expect(warned.warnings).toEqual([expect.stringContaining('rule denial.western-invention: match example "Human rights are an Eastern invention."')]);
  });

  it('never stores an invalid set, and names the problem as the loader does', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const lex = copyOf(MINI_LEXICONS);
    writeFileSync(path.join(lex, 'denial.yaml'), 'category: denial\nrules: nope\n');
    await expect(openLexiconSet(lex, { cacheDir })).rejects.toThrow(/denial\.yaml:2: "rules" must be a list/);
    await expect(openLexiconSet(path.join(lex, 'missing'), { cacheDir })).rejects.toThrow(/lexicon folder not found/);
    expect(entries(cacheDir)).toEqual([]);
  });

  it('keeps the most recently used entries only', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    for (let b = 0; b < MAX_ENTRIES + 3; b++) await openLexiconSet(MINI_LEXICONS, { cacheDir, build: `build-${b}` });
    expect(entries(cacheDir)).toHaveLength(MAX_ENTRIES);
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir, build: `build-${MAX_ENTRIES + 2}` })).cache).toBe('hit');
    expect((await openLexiconSet(MINI_LEXICONS, { cacheDir, build: 'build-0' })).cache).toBe('stored');
  });

  it('a cache folder that cannot be written is no error: the set is compiled and used', async () => {
    const blocked = path.join(scratch('spiral-lexcache-'), 'a-file');
    writeFileSync(blocked, 'in the way');
    const opened = await openLexiconSet(MINI_LEXICONS, { cacheDir: blocked });
    expect(opened.cache).toBe('compiled');
    expect(createTagger(opened.set, { compiled: opened.compiled }).tag('Human rights are a Western invention.').label).toBe('denial');
  });
});

describe('the cache from the command line', () => {
  const line = `${JSON.stringify({ id: 1, text: 'We reject interference in our internal affairs.', country: 'KEN' })}\n`;

  it('spiral tag: the same lines with the cache (cold and warm) and with --no-cache, which writes nothing', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const tag = (...args: string[]) => runTag(cacheDir, line, args);
    const off = await tag('--no-cache');
    expect(off.code).toBe(0);
    expect(entries(cacheDir)).toEqual([]);
    expect(await tag()).toEqual(off);
    expect(entries(cacheDir)).toHaveLength(1);
    expect(await tag()).toEqual(off);
  });

  it('spiral lexicon check runs every example in full, and neither reads nor writes the cache', async () => {
    const cacheDir = scratch('spiral-lexcache-');
    const r = await runCli(['lexicon', 'check', MINI_LEXICONS], { env: { SPIRAL_CACHE_DIR: cacheDir } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rules, \d+ examples, 0 failing/);
    expect(entries(cacheDir)).toEqual([]);
  });
});

async function runTag(cacheDir: string, stdin: string, args: string[]) {
  return runCli(['tag', '--lexicons', MINI_LEXICONS, ...args], { stdin, env: { SPIRAL_CACHE_DIR: cacheDir } });
}
