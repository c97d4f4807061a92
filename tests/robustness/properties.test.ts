// Property-based tests (fast-check) over generated statements: offsets always
// point where they say (evidence inside the utterance, the utterance inside the
// decoded document), classification is deterministic and independent of file
// names, folders and order, and shard runs merged equal one run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { classifyDocument } from '../../src/pipeline/document.js';
import { MAX_UTTERANCE_CHARS } from '../../src/segment/rules.js';
import { keptText } from '../../src/segment/segment.js';
import { createTagger, type Tagger } from '../../src/tag/tagger.js';
import type { SourceDocument, UtteranceRecord } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_LEXICONS, miniTagger } from '../helpers/lexicons.js';
import { classify, readJsonl, tempDir, type ClassifyRun } from './helpers.js';

// ---- generated statements ---------------------------------------------------

/** Phrases the lexicons react to (moves, relevance, negation, attribution, concession) and plain prose. */
const PHRASES = [
  'We reject this interference in our internal affairs under the pretext of human rights',
  'the allegations of torture are completely baseless',
  'We do not deny that abuses occurred',
  'We deny that abuses occurred',
  'Our Government respects human rights and fundamental freedoms',
  'Human rights are a Western invention',
  'Some claim that human rights are a Western invention; we reject that view',
  'we will investigate the violations',
  'investigations are under way',
  'no State can claim that human rights are an internal affair',
  'The delegation thanked the Council for its recommendations',
  'Trade grew by 5 per cent',
  'Côte d’Ivoire and Türkiye welcomed the report',
  'the so-called human rights defenders',
  'abuses, if any, were isolated',
];
const WORDS = [
  'torture',
  'rights',
  'human',
  'deny',
  'not',
  'never',
  'allegations',
  'baseless',
  'sovereignty',
  'internal',
  'affairs',
  'the',
  'and',
  'of',
  'U.N.',
  'e.g.',
  'art. 5',
  'No. 12',
  'E/CN.4/1990/22',
  '3.5',
  '1990',
  'develop-\nment',
];
const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  ', ',
  '; ',
  ': ',
  ' — ',
  ' – ',
  ' - ',
  ' (',
  ') ',
  '. ',
  '! ',
  '? ',
  '… ',
  '.\n',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '\r',
  '\r\r',
  '\t',
  '\u00a0',
  ' “',
  '” ',
  ' "',
  '" ',
  '’s ',
  '...',
];
const PARAGRAPH_NUMBERS = ['12. ', '(3) ', '166.... ', '4.1. ', '2.'];
/** Page furniture of UN documents, which must leave the utterance text and keep the offsets true. */
const FURNITURE = [
  '\n32\n\n\n',
  '\n15-29822 23/29\n\nA/70/PV.28 03/10/2015\n',
  '\n \n08-53122 26 \n \n',
  '\n4\nGeneral Assembly 21st plenary meeting\n\n',
  '\n16-29811 51/52 ',
  '\nA/HRC/8/27\npage 5\n',
];
/** Text that offsets must survive: astral characters, combining marks, right-to-left script, invisible characters, a lone surrogate (JSON can carry one). */
const ODD = ['🙂', 'e\u0301', 'حقوق الإنسان', '\u200b', '\ufeff', '\u2028', 'ΣΑΣ', 'İstanbul', '\ud800', 'ﬁnal'];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 6, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...PARAGRAPH_NUMBERS).map((n) => `\n\n${n}`) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...FURNITURE) },
);
const statement = fc.array(piece, { minLength: 1, maxLength: 80 }).map((ps) => ps.join(''));

/** Statements without the odd characters, for files in every encoding (Windows-1252 and Mac Roman cannot hold them). */
const westernPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 6, arbitrary: fc.constantFrom(...SEPARATORS.filter((s) => !s.includes('\r'))) },
  { weight: 1, arbitrary: fc.constantFrom(...PARAGRAPH_NUMBERS).map((n) => `\n\n${n}`) },
  { weight: 1, arbitrary: fc.constantFrom(...FURNITURE) },
);
const westernStatement = fc
  .array(westernPiece, { minLength: 1, maxLength: 60 })
  .map((ps) => `The Government of Côte d’Ivoire “rejects” the report. ${ps.join('')}`);

function sourceDocument(text: string, id = 'generated.txt'): SourceDocument {
  return { id, path: id, format: 'txt', encoding: 'utf-8', sha256: '0'.repeat(64), bytes: text.length, text, meta: {}, metaSources: {}, warnings: [] };
}

/**
 * Offsets are where they say (the text is the document between them, without the
 * removed furniture), utterances in order and capped; evidence inside its utterance.
 */
function expectOffsetsHold(text: string, utterances: Array<Pick<UtteranceRecord, 'start' | 'end' | 'text' | 'evidence' | 'paragraph' | 'removed'>>): void {
  let previousEnd = 0;
  for (const u of utterances) {
    expect(u.start).toBeGreaterThanOrEqual(previousEnd);
    expect(u.end).toBeGreaterThan(u.start);
    expect(u.end).toBeLessThanOrEqual(text.length);
    let at = u.start;
    for (const [s, e] of u.removed ?? []) {
      expect(s).toBeGreaterThan(at);
      expect(e).toBeGreaterThan(s);
      at = e;
    }
    expect(at).toBeLessThan(u.end);
    expect(keptText(text, u.start, u.end, u.removed)).toBe(u.text);
    expect(u.text.length).toBeLessThanOrEqual(MAX_UTTERANCE_CHARS);
    // A removed paragraph number lies before the utterance.
    if (u.paragraph !== undefined) expect(text.lastIndexOf(u.paragraph, u.start)).toBeGreaterThanOrEqual(0);
    for (const e of u.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeGreaterThan(e.start);
      expect(e.end).toBeLessThanOrEqual(u.text.length);
      expect(u.text.slice(e.start, e.end)).toBe(e.text);
    }
    previousEnd = u.end;
  }
}

let bundled: Tagger | undefined;
const bundledTagger = (): Tagger => (bundled ??= createTagger(loadLexiconSet(BUNDLED_LEXICONS)));

describe('offsets: evidence inside the utterance, the utterance inside the document', () => {
  it('hold for generated statements with both lexicon sets, generic and UPR structure', () => {
    let evidenceSeen = 0;
    let removedSeen = 0;
    fc.assert(
      fc.property(
        statement,
        fc.constantFrom<'mini' | 'bundled'>('mini', 'bundled'),
        fc.constantFrom<string | undefined>(undefined, 'generic', 'upr-wg-report'),
        (text, set, format) => {
          const tagger = set === 'mini' ? miniTagger() : bundledTagger();
          const processed = classifyDocument(sourceDocument(text), tagger, { format });
          expectOffsetsHold(text, processed.utterances);
          evidenceSeen += processed.utterances.reduce((n, u) => n + u.evidence.length, 0);
          removedSeen += processed.utterances.filter((u) => u.removed).length;
          // Deterministic: the same document gives the same result.
          expect(classifyDocument(sourceDocument(text), tagger, { format })).toEqual(processed);
        },
      ),
      { numRuns: 300 },
    );
    expect(evidenceSeen).toBeGreaterThan(300); // the generated text does make rules fire
    expect(removedSeen).toBeGreaterThan(10); // and does put page furniture inside sentences
  });

  it('hold in the files the CLI reads, in every encoding and line ending it decodes', async () => {
    const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'] as const;
    const endings = ['\n', '\r\n', '\r'] as const;
    const file = fc.record({ text: westernStatement, encoding: fc.constantFrom(...encodings), ending: fc.constantFrom(...endings) });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 8 }), async (files) => {
        const dir = tempDir();
        const expected = new Map<string, { text: string; encoding: string }>();
        files.forEach((f, i) => {
          const text = f.text.replace(/\r\n|\n/g, f.ending);
          const id = `doc-${i}.txt`;
          writeFileSync(path.join(dir, id), encode(text, f.encoding));
          expected.set(id, { text, encoding: f.encoding });
        });
        const run = await classify([dir]);
        expect(run.code, run.stderr).toBe(0);
        for (const [id, { text, encoding }] of expected) {
          expect(run.byId.get(id)).toMatchObject({ status: 'ok', encoding });
          const utterances = run.utterances.filter((u) => u.doc === id);
          expect(utterances.length).toBeGreaterThan(0);
          expectOffsetsHold(text, utterances);
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});

function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text);
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return iconv.encode(text, encoding);
  }
}

// ---- determinism and order independence -------------------------------------

/** Per document text: its utterances' text, label, confidence and evidence rules, in order. */
function resultsByText(run: ClassifyRun, texts: Map<string, string>): Map<string, string> {
  const byText = new Map<string, string>();
  for (const [id, text] of texts) {
    const rows = run.utterances
      .filter((u) => u.doc === id)
      .map((u) => [u.start, u.end, u.text, u.label, u.confidence, u.flags, u.evidence.map((e) => [e.rule, e.start, e.end, e.weight])]);
    byText.set(text, JSON.stringify(rows));
  }
  return byText;
}

/** Neutral names: nothing in them is metadata (no country, year or UPR pattern). */
const neutralName = fc.stringMatching(/^[a-z]{3,8}$/).filter((s) => !/\d/.test(s));

describe('classification is deterministic and independent of file order, names and folders', () => {
  it('gives the same labels per text for the same files in two layouts, one tagged in this thread and one by 2 workers', async () => {
    const corpus = fc.uniqueArray(westernStatement, { minLength: 2, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(corpus, fc.array(neutralName, { minLength: 20, maxLength: 20 }), async (texts, names) => {
        // Layout A: flat, in order. Layout B: nested folders, other names, written in reverse.
        const a = tempDir();
        const b = tempDir();
        const inA = new Map<string, string>();
        const inB = new Map<string, string>();
        texts.forEach((text, i) => {
          const id = `doc-${i}.txt`;
          writeFileSync(path.join(a, id), text);
          inA.set(id, text);
        });
        [...texts].reverse().forEach((text, i) => {
          const folder = `${names[i]}/${names[(i + 7) % names.length]}-${i}`;
          mkdirSync(path.join(b, folder), { recursive: true });
          const id = `${folder}/${names[(i + 3) % names.length]}-${i}.txt`;
          writeFileSync(path.join(b, id), text);
          inB.set(id, text);
        });
        const runA = await classify([a]);
        const runB = await classify([b], ['--workers', '2']);
        expect(runA.code).toBe(0);
        expect(runB.code).toBe(0);
        expect(resultsByText(runB, inB)).toEqual(resultsByText(runA, inA));
        // And a second run of layout A is byte-identical.
        const again = await classify([a]);
        expect(readFileSync(path.join(again.out, 'utterances.jsonl'), 'utf8')).toBe(readFileSync(path.join(runA.out, 'utterances.jsonl'), 'utf8'));
      }),
      { numRuns: 3 },
    );
  }, 300_000);
});

// ---- shards ---------------------------------------------------------------------

describe('shard + merge equals one run', () => {
  it('merging the K/N shard runs of a generated corpus gives byte-identical outputs', async () => {
    const corpus = fc.uniqueArray(westernStatement, { minLength: 3, maxLength: 14 });
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.constantFrom('KEN', 'CHL', 'POL', 'ZAF'), { minLength: 14, maxLength: 14 }),
        async (texts, n, countries) => {
          const input = tempDir();
          // Country-year names, so scores.csv has rows to merge.
          texts.forEach((text, i) => writeFileSync(path.join(input, `${countries[i]}_${40 + i}_${1985 + (i % 3)}.txt`), text));
          writeFileSync(path.join(input, 'notes.xyz'), 'a skipped file counts too');
          const single = await classify([input]);
          expect(single.code).toBe(0);
          const shardRuns: string[] = [];
          for (let k = 1; k <= n; k++) {
            const shard = await classify([input], ['--shard', `${k}/${n}`]);
            expect(shard.code).toBe(0);
            shardRuns.push(shard.out);
          }
          const merged = path.join(tempDir(), 'merged');
          const r = await runCli(['merge', ...shardRuns.reverse(), '--out', merged]);
          expect(r.code, r.stderr).toBe(0);
          for (const name of ['documents.jsonl', 'utterances.jsonl', 'recommendations.jsonl', 'utterances.csv', 'scores.csv']) {
            expect(readFileSync(path.join(merged, name), 'utf8'), name).toBe(readFileSync(path.join(single.out, name), 'utf8'));
          }
          expect(readJsonl(path.join(merged, 'documents.jsonl')).length).toBe(texts.length + 1);
        },
      ),
      { numRuns: 3 },
    );
  }, 300_000);
});
