// Real-data suite for page furniture: how much of it is left in the utterances
// of the 732 General Debate speeches of the book countries and the 262 UPR
// Working Group reports, with the furniture removed (as classify does) and
// without (each block read whole, or, in UPR reports, cut into the parts
// between its holes, as before holes existed). Structure and segmentation
// only: no tagging.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIngestContext, discoverFiles, ingestFile } from '../../src/ingest/index.js';
import { keptText, segment } from '../../src/segment/segment.js';
import { CONTINUING_WORDS } from '../../src/segment/rules.js';
import { structureDocument } from '../../src/structure/index.js';
import { trimSpan } from '../../src/structure/spans.js';
import type { StructureBlock } from '../../src/structure/types.js';
import { ROOT } from '../helpers/lexicons.js';

const DATA = path.resolve(ROOT, '../shared/data');
const BOOK = path.join(DATA, 'ungdc/book-countries');
const UPR = path.join(DATA, 'upr/wg-reports-txt');

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const LINE_START = String.raw`(?:^|[\r\n])[ \t]*`;
const LINE_END = String.raw`[ \t]*(?=[\r\n]|$)`;

/**
 * Shapes of page furniture, written independently of src/structure/furniture.ts
 * (broader where that is safe): a match in an utterance's text is debris left in it.
 */
const DEBRIS: Record<string, RegExp> = {
  page_number_line: new RegExp(`${LINE_START}\\d{1,3}${LINE_END}`, 'g'),
  job_number: /\b\d{2}-\d{5}\b/g,
  symbol_line: new RegExp(`${LINE_START}(?:\\d\\d/\\d\\d/\\d{4}[ \\t]+)?A/\\S+${LINE_END}`, 'g'),
  date_line: new RegExp(`${LINE_START}\\d\\d/\\d\\d/\\d{4}${LINE_END}`, 'g'),
  meeting_head: /General Assembly\s+\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\s*(?:[\r\n]|$)/g,
  session_head: new RegExp(`session\\s*-?\\s*\\d{1,2}\\s+${MONTH}\\s+[1l]\\d{3}`, 'g'),
  geneva_job_number: /GE\.\d{2}-\d{4,}/g,
  page_line: new RegExp(`${LINE_START}page\\s+\\d+${LINE_END}`, 'gi'),
  bar_code: /\*\d{5,}\*/g,
};
/** An utterance that is only a number (or a misread one): "32", "1Q5.". */
const NUMBER_ONLY = /^[\dIlOQLS.,()/ -]*\d[\dIlOQLS.,()/ -]*$/;

interface Tally {
  utterances: number;
  matches: Record<string, number>;
  numberOnly: number;
  /** Consecutive utterances of a block where the first ends on "the", "of", ... and the next starts with a capital. */
  splitAfterContinuingWord: number;
  /** Utterances that start in lowercase: the rest of a sentence cut at a page break. */
  lowercaseStart: number;
}

const emptyTally = (): Tally => ({
  utterances: 0,
  matches: Object.fromEntries(Object.keys(DEBRIS).map((k) => [k, 0])),
  numberOnly: 0,
  splitAfterContinuingWord: 0,
  lowercaseStart: 0,
});

function count(tally: Tally, texts: readonly string[]): void {
  for (const [i, text] of texts.entries()) {
    tally.utterances++;
    for (const [name, re] of Object.entries(DEBRIS)) tally.matches[name] += text.match(re)?.length ?? 0;
    if (NUMBER_ONLY.test(text)) tally.numberOnly++;
    if (/^\p{Ll}/u.test(text)) tally.lowercaseStart++;
    const last = /(\p{L}+)\s*$/u.exec(text);
    if (i + 1 < texts.length && last && CONTINUING_WORDS.has(last[1].toLowerCase()) && /^\p{Lu}/u.test(texts[i + 1])) tally.splitAfterContinuingWord++;
  }
}

/** The block read with its holes, as classify reads it. */
function withRemoval(text: string, b: StructureBlock): string[] {
  return segment(text, b.start, b.end, b.removed).map((s) => keptText(text, s.start, s.end, s.removed));
}

/** The block read without removing anything: generic blocks whole, UPR blocks cut at their holes (how both were read before). */
function withoutRemoval(text: string, b: StructureBlock, parser: string): string[] {
  const parts =
    parser === 'generic'
      ? [b]
      : [b.start, ...(b.removed ?? []).flatMap((h) => [h.start, h.end]), b.end].flatMap((at, i, all) => (i % 2 === 0 ? [trimSpan(text, at, all[i + 1])] : []));
  return parts.flatMap((p) => (p ? segment(text, p.start, p.end).map((s) => text.slice(s.start, s.end)) : []));
}

async function tallies(input: string): Promise<{ before: Tally; after: Tally; documents: number }> {
  const before = emptyTally();
  const after = emptyTally();
  const ctx = createIngestContext({});
  let documents = 0;
  for (const file of await discoverFiles([input], {})) {
    for (const item of await ingestFile(file, ctx)) {
      if (item.kind !== 'document') continue;
      documents++;
      const { text, meta } = item.doc;
      const structure = structureDocument(text, meta);
      for (const block of structure.blocks) {
        count(before, withoutRemoval(text, block, structure.parser));
        count(after, withRemoval(text, block));
      }
    }
  }
  return { before, after, documents };
}

function report(name: string, t: { before: Tally; after: Tally; documents: number }): void {
  const rows = Object.keys(DEBRIS).map((k) => `  ${k.padEnd(20)} ${String(t.before.matches[k]).padStart(6)} → ${String(t.after.matches[k]).padStart(6)}`);
  console.log(
    [
      `${name} (${t.documents} documents): debris in utterance texts, without removal → with removal`,
      ...rows,
      `  ${'number-only'.padEnd(20)} ${String(t.before.numberOnly).padStart(6)} → ${String(t.after.numberOnly).padStart(6)}`,
      `  ${'split after "the"…'.padEnd(20)} ${String(t.before.splitAfterContinuingWord).padStart(6)} → ${String(t.after.splitAfterContinuingWord).padStart(6)}`,
      `  ${'lowercase start'.padEnd(20)} ${String(t.before.lowercaseStart).padStart(6)} → ${String(t.after.lowercaseStart).padStart(6)}`,
      `  ${'utterances'.padEnd(20)} ${String(t.before.utterances).padStart(6)} → ${String(t.after.utterances).padStart(6)}`,
    ].join('\n'),
  );
}

describe.skipIf(!existsSync(BOOK))('page furniture in the book countries’ General Debate speeches', () => {
  it('is gone from every utterance', async () => {
    const t = await tallies(BOOK);
    report('book countries', t);
    expect(t.documents).toBe(732);
    // Without removal, the records of 1993–2017 carry hundreds of page numbers, job numbers and heads.
    expect(t.before.matches.page_number_line).toBeGreaterThan(100);
    expect(t.before.matches.job_number).toBeGreaterThan(50);
    expect(t.after.matches).toEqual(emptyTally().matches);
    expect(t.after.numberOnly).toBe(0);
    expect(t.after.utterances).toBeLessThan(t.before.utterances);
  }, 300_000);
});

describe.skipIf(!existsSync(UPR))('page furniture in the UPR Working Group reports', () => {
  it('is gone from every utterance, and sentences over page breaks are whole', async () => {
    const t = await tallies(UPR);
    report('UPR reports', t);
    expect(t.documents).toBe(262);
    expect(t.after.matches).toEqual(emptyTally().matches);
    expect(t.after.numberOnly).toBe(0);
    // Page breaks after "the", "of", "and" ... no longer split sentences (a few remain where a list item follows).
    expect(t.after.splitAfterContinuingWord).toBeLessThan(t.before.splitAfterContinuingWord);
    expect(t.after.lowercaseStart).toBeLessThan(t.before.lowercaseStart);
  }, 300_000);
});
