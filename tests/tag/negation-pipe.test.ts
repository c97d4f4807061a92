// wink-nlp runs only the steps the negation flags need (WINK_PIPE): its flags
// must be those of wink's full default pipeline. Checked on the 192,057
// sentences with a negator of the General Debate corpus when the pipe was cut
// down; here on every rule example with a negator and on sentences whose
// scope depends on sentence boundaries (wink without `sbd` gets these wrong).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/lexicon/examples.js';
import { hasNegator, WINK_PIPE } from '../../src/tag/negation.js';
import { tokenize } from '../../src/tag/tokenize.js';
import { segment } from '../../src/segment/segment.js';
import { bundledTagger, ROOT } from '../helpers/lexicons.js';

const require = createRequire(import.meta.url);
interface WinkToken {
  out(f?: unknown): unknown;
}
interface Wink {
  readDoc(text: string): { tokens(): { each(fn: (t: WinkToken) => void): void } };
  its: { value: unknown; precedingSpaces: unknown; negationFlag: unknown };
}
const winkNLP = require('wink-nlp') as (model: unknown, pipe?: readonly string[]) => Wink;
const model = require('wink-eng-lite-web-model') as unknown;
const full = winkNLP(model);
const lean = winkNLP(model, WINK_PIPE);

/** Each token's value, preceding spaces and negation flag. */
function flags(wink: Wink, text: string): string[] {
  const out: string[] = [];
  wink
    .readDoc(text)
    .tokens()
    .each((t) => out.push(`${String(t.out(wink.its.precedingSpaces))}${String(t.out(wink.its.value))}:${t.out(wink.its.negationFlag) === true}`));
  return out;
}

const BOUNDARIES = [
  'There cannot be a \n\nseparate international law for Yugoslavia.',
  'But let us keep in mind that the struggle\nagainst terrorism cannot rely exclusively on the\n5\n\neffectiveness of self-defence measures.',
  'These efforts have not stopped\ncertain circles from using the affair. Others did not. Nothing was done.',
  'We do not accept this. Mr. Smith did not either; nobody did, and no one will.',
];

describe('the negation pipeline', () => {
  it('flags what the full pipeline flags', () => {
    const sample = path.join(ROOT, 'corpus/sample');
    const sentences = readdirSync(sample, { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('.txt'))
      .flatMap((n) => {
        const text = readFileSync(path.join(sample, n), 'utf8');
        return segment(text, 0, text.length).map((s) => text.slice(s.start, s.end));
      });
    const examples = [...allRules(bundledTagger()).flatMap((r) => [...r.examples.match, ...r.examples.nomatch].map((e) => e.text)), ...sentences].filter((t) =>
      hasNegator(tokenize(t)),
    );
    expect(examples.length).toBeGreaterThan(50);
    for (const text of [...examples, ...BOUNDARIES]) expect(flags(lean, text), text).toEqual(flags(full, text));
  });
});
