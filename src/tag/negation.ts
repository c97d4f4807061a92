// Negation scope. wink-nlp marks the tokens in the scope of a negation (up to the
// next punctuation); we run it only on utterances that contain a negator and
// evidence, because a full wink parse costs ~3 MB/s. Pronoun negators wink
// does not treat as such ("nobody", "nothing", "neither", "nor") get the same
// scope rule from us.
import { createRequire } from 'node:module';
import type { Tokens } from './tokenize.js';

const require = createRequire(import.meta.url);

interface WinkToken {
  out(f?: unknown): string | boolean;
}
interface WinkDoc {
  tokens(): { each(fn: (t: WinkToken) => void): void };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { value: unknown; precedingSpaces: unknown; negationFlag: unknown };
}

/**
 * The steps of wink's pipeline the negation flags need: sentence boundaries
 * (a scope ends with its sentence) and negation. Entities, sentiment,
 * part-of-speech tags and custom entities are never read here, and leaving
 * them out halves the parse; the flags are the same as with wink's full
 * default pipeline on every one of the 192,057 sentences with a negator in the
 * General Debate corpus (tests/tag/negation-pipe.test.ts checks examples).
 * Without `sbd` they are not.
 */
export const WINK_PIPE = ['sbd', 'negation'] as const;

let wink: Wink | undefined;
function getWink(): Wink {
  if (!wink) {
    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: readonly string[]) => Wink;
    wink = winkNLP(require('wink-eng-lite-web-model'), WINK_PIPE);
  }
  return wink;
}

/** Words that open a negation scope (token forms after our tokenizer: "don't" → don, t). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'without',
  'nobody',
  'nothing',
  'none',
  'neither',
  'nor',
  'nowhere',
  't',
]);
/** Negators whose scope we add ourselves because wink leaves them out. */
const PRONOUN_NEGATORS: ReadonlySet<string> = new Set(['nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere']);

/**
 * Words after a negator that make it no negation at all: "nothing but lies",
 * "none other than", "no less than", "not least", "not only ... but also".
 */
export const NOT_A_NEGATION_BEFORE: ReadonlySet<string> = new Set(['but', 'other', 'less', 'least', 'only']);

/**
 * Verbs of neglecting or doubting whose negation affirms their complement: "we
 * must not forget that human rights are universal", "no one can ignore the
 * torture", "there is no doubt that abuses occurred". A negation that reaches
 * one of them stops there; the words after it are not negated. ("deny" is not
 * among them: "we do not deny that" is a concession, read by its own rule.)
 */
export const NEGATION_STOPS_AFTER: ReadonlySet<string> = new Set([
  'forget',
  'forgets',
  'forgot',
  'forgotten',
  'forgetting',
  'overlook',
  'overlooks',
  'overlooked',
  'overlooking',
  'ignore',
  'ignores',
  'ignored',
  'ignoring',
  'neglect',
  'neglects',
  'neglected',
  'neglecting',
  'disregard',
  'disregards',
  'disregarded',
  'disregarding',
  'sight', // lose sight of
  'doubt',
  'doubts',
  'doubted',
]);

export function isNegatorAt(tokens: Tokens, i: number): boolean {
  const w = tokens.words[i];
  const isNegator = w === 't' ? i > 0 && tokens.words[i - 1].endsWith('n') : NEGATORS.has(w); // don't, can't, won't
  return isNegator && !NOT_A_NEGATION_BEFORE.has(tokens.words[i + 1]);
}

/** Index of the token whose characters contain `offset` (wink splits "cannot" into can + not). */
function tokenAt(tokens: Tokens, offset: number): number {
  for (let i = 0; i < tokens.count; i++) if (tokens.starts[i] <= offset && offset < tokens.ends[i]) return i;
  return -1;
}

export function hasNegator(tokens: Tokens): boolean {
  for (let i = 0; i < tokens.count; i++) if (isNegatorAt(tokens, i)) return true;
  return false;
}

/**
 * For each token, the character offset of the negator whose scope it is in, or -1.
 * `window` bounds how many tokens after the negator the scope reaches.
 */
export function negationScopes(text: string, tokens: Tokens, window: number): number[] {
  const negatedBy = new Array<number>(tokens.count).fill(-1);
  if (!hasNegator(tokens)) return negatedBy;
  const winkScopes = winkNegatedRanges(text);
  if (winkScopes) {
    const real = winkScopes.filter((r) => !NOT_A_NEGATION_BEFORE.has(tokens.words[tokenAt(tokens, r.negator) + 1]));
    for (let i = 0; i < tokens.count; i++) {
      const scope = real.find((r) => tokens.starts[i] >= r.start && tokens.starts[i] < r.end);
      if (scope) negatedBy[i] = scope.negator;
    }
  }
  addPronounScopes(tokens, negatedBy, winkScopes ? PRONOUN_NEGATORS : undefined);
  releaseComplements(tokens, negatedBy);
  return limitWindow(tokens, negatedBy, window);
}

/** Scope from each negator to the end of its phrase (commas end it), as wink does. */
function addPronounScopes(tokens: Tokens, negatedBy: number[], only?: ReadonlySet<string>): void {
  for (let i = 0; i < tokens.count; i++) {
    if (!isNegatorAt(tokens, i) || (only && !only.has(tokens.words[i]))) continue;
    for (let j = i + 1; j < tokens.count && tokens.phrase[j] === tokens.phrase[i]; j++) {
      if (negatedBy[j] === -1) negatedBy[j] = tokens.starts[i];
    }
  }
}

/** A negated verb of neglect or doubt keeps its negation; what follows it in the same scope is affirmed. */
function releaseComplements(tokens: Tokens, negatedBy: number[]): void {
  for (let i = 0; i < tokens.count; i++) {
    if (negatedBy[i] < 0 || !NEGATION_STOPS_AFTER.has(tokens.words[i])) continue;
    const negator = negatedBy[i];
    for (let j = i + 1; j < tokens.count && negatedBy[j] === negator; j++) negatedBy[j] = -1;
  }
}

function limitWindow(tokens: Tokens, negatedBy: number[], window: number): number[] {
  return negatedBy.map((negatorStart, i) => {
    if (negatorStart < 0) return -1;
    let distance = 0;
    for (let j = i; j >= 0 && tokens.starts[j] > negatorStart; j--) distance++;
    return distance <= window ? negatorStart : -1;
  });
}

interface NegatedRange {
  start: number;
  end: number;
  negator: number; // character offset of the negating token
}

/** wink's negated runs as character ranges; undefined if its tokens do not map back onto the text. */
function winkNegatedRanges(text: string): NegatedRange[] | undefined {
  const { readDoc, its } = getWink();
  const ranges: NegatedRange[] = [];
  let pos = 0;
  let previousStart = -1;
  let ok = true;
  let open: NegatedRange | undefined;
  readDoc
    .call(getWink(), text)
    .tokens()
    .each((token) => {
      if (!ok) return;
      pos += String(token.out(its.precedingSpaces)).length;
      const value = String(token.out(its.value));
      if (text.slice(pos, pos + value.length) !== value) {
        ok = false;
        return;
      }
      const negated = token.out(its.negationFlag) === true;
      if (negated && !open) open = { start: pos, end: pos + value.length, negator: previousStart };
      else if (negated && open) open.end = pos + value.length;
      else if (!negated && open) {
        ranges.push(open);
        open = undefined;
      }
      previousStart = pos;
      pos += value.length;
    });
  if (open) ranges.push(open);
  return ok ? ranges : undefined;
}
