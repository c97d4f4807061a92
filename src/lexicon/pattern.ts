// The pattern language of lexicon rules (docs/lexicon-format.md): a small token
// language, never user regular expressions, so compiled matching stays linear.

export type Atom =
  | { kind: 'word'; word: string } // the word and its inflections
  | { kind: 'exact'; word: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'stem'; word: string }
  | { kind: 'any' };

export type Element =
  | { kind: 'seq'; alternatives: Atom[][]; optional: boolean } // one alternative = one or more atoms
  | { kind: 'gap'; max: number };

export interface PatternAst {
  source: string;
  elements: Element[];
}

/**
 * Word classes (lexicons/classes.yaml) by name: each class is a list of
 * alternatives, each alternative one or more atoms. `@name` in a pattern stands
 * for the whole class, as a group of its members would.
 */
export type WordClasses = ReadonlyMap<string, Atom[][]>;

const NO_CLASSES: WordClasses = new Map();

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

export const MAX_GAP = 8;
export const MIN_PREFIX = 3;
export const MAX_ELEMENTS = 16;

const LEX = /\s*(\(|\)|\||\?|[^\s()|?]+)/y;
/** Hyphens and apostrophes split words in text; they split pattern words the same way. */
const WORD_PARTS = /[\p{L}\p{N}]+/gu;

function lex(source: string): string[] {
  const tokens: string[] = [];
  LEX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (LEX.lastIndex < source.length && (m = LEX.exec(source)) !== null) tokens.push(m[1]);
  if (source.slice(LEX.lastIndex).trim()) throw new PatternError(`cannot read "${source.slice(LEX.lastIndex)}"`);
  return tokens;
}

/** One written word (`deny`, `=deny`, `interfer*`, `~interfere`, `so-called`, `_`) → atoms. */
function parseWord(token: string): Atom[] {
  if (token === '_') return [{ kind: 'any' }];
  let body = token;
  let kind: 'word' | 'exact' | 'stem' | 'prefix' = 'word';
  if (body.startsWith('=')) {
    kind = 'exact';
    body = body.slice(1);
  } else if (body.startsWith('~')) {
    kind = 'stem';
    body = body.slice(1);
  }
  if (body.endsWith('*')) {
    if (kind !== 'word') throw new PatternError(`"${token}": a prefix (*) cannot be combined with = or ~`);
    kind = 'prefix';
    body = body.slice(0, -1);
  }
  // The tokenizer joins "non-" to its word ("non-interference" → noninterference); so do patterns.
  const lower = body.toLowerCase().replace(/(^|[^\p{L}\p{N}])non-(?=\p{L})/gu, '$1non');
  if (!/^[\p{L}\p{N}'’-]+$/u.test(lower)) throw new PatternError(`"${token}" is not a word (letters, digits, - and ' only)`);
  const parts = lower.match(WORD_PARTS) ?? [];
  if (parts.length === 0) throw new PatternError(`"${token}" has no letters`);
  return parts.map((part, i) => {
    const isLast = i === parts.length - 1;
    if (kind === 'prefix' && isLast) {
      if (part.length < MIN_PREFIX) throw new PatternError(`prefix "${token}" needs at least ${MIN_PREFIX} letters`);
      return { kind: 'prefix', prefix: part };
    }
    if (kind === 'stem') return { kind: 'stem', word: part };
    if (kind === 'exact' || parts.length > 1) return isLast && kind === 'word' ? { kind: 'word', word: part } : { kind: 'exact', word: part };
    return { kind: 'word', word: part };
  });
}

function parseGap(token: string): Element | undefined {
  const m = /^\.\.(\d+)$/.exec(token);
  if (!m) {
    if (token.startsWith('..')) throw new PatternError(`gap "${token}" must be ..N with N from 1 to ${MAX_GAP}`);
    return undefined;
  }
  const max = Number(m[1]);
  if (max < 1 || max > MAX_GAP) throw new PatternError(`gap "${token}" must be ..N with N from 1 to ${MAX_GAP}`);
  return { kind: 'gap', max };
}

const CLASS_REF = /^@([a-z][a-z0-9_-]*)$/;

/** `@name` → the class's alternatives; undefined when the token is no class reference. */
function classAlternatives(token: string, classes: WordClasses): Atom[][] | undefined {
  if (!token.startsWith('@')) return undefined;
  const m = CLASS_REF.exec(token);
  if (!m) throw new PatternError(`"${token}": a word class is @ and a lowercase name`);
  const alternatives = classes.get(m[1]);
  if (!alternatives) throw new PatternError(`unknown word class "${token}" (classes are defined in classes.yaml)`);
  return alternatives;
}

function parseGroup(tokens: string[], at: number, classes: WordClasses): { element: Element; next: number } {
  // First the written alternatives (token lists between "|"), then their atoms.
  const written: string[][] = [[]];
  let i = at + 1;
  for (; i < tokens.length && tokens[i] !== ')'; i++) {
    const t = tokens[i];
    if (t === '(') throw new PatternError('groups cannot be nested');
    if (t === '?') throw new PatternError('"?" inside a group: make the whole group optional with (...)?');
    if (t === '|') written.push([]);
    else if (parseGap(t)) throw new PatternError('gaps are not allowed inside a group');
    else written[written.length - 1].push(t);
  }
  if (i >= tokens.length) throw new PatternError('unclosed "("');
  if (written.some((a) => a.length === 0)) throw new PatternError('empty alternative in a group');
  const alternatives: Atom[][] = [];
  for (const words of written) {
    // A class inside a group is one whole alternative: (@violation|abuse) is every member of the class, or abuse.
    const spliced = words.length === 1 ? classAlternatives(words[0], classes) : undefined;
    if (spliced) alternatives.push(...spliced.map((alt) => [...alt]));
    else if (words.some((w) => w.startsWith('@'))) throw new PatternError(`a word class must be a whole alternative inside a group: "${words.join(' ')}"`);
    else alternatives.push(words.flatMap(parseWord));
  }
  let next = i + 1;
  const optional = tokens[next] === '?';
  if (optional) next++;
  return { element: { kind: 'seq', alternatives, optional }, next };
}

export function parsePattern(source: string, classes: WordClasses = NO_CLASSES): PatternAst {
  const tokens = lex(source);
  const elements: Element[] = [];
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    if (t === '(') {
      const { element, next } = parseGroup(tokens, i, classes);
      elements.push(element);
      i = next;
      continue;
    }
    if (t === ')' || t === '|') throw new PatternError(`unexpected "${t}"`);
    if (t === '?') throw new PatternError('"?" must follow a word or a group');
    const gap = parseGap(t);
    if (gap) {
      elements.push(gap);
      i++;
      continue;
    }
    const optional = tokens[i + 1] === '?';
    const members = classAlternatives(t, classes);
    elements.push({ kind: 'seq', alternatives: members ? members.map((alt) => [...alt]) : [parseWord(t)], optional });
    i += optional ? 2 : 1;
  }
  checkShape(elements);
  return { source, elements };
}

function isRequiredLiteral(e: Element): boolean {
  return e.kind === 'seq' && !e.optional && e.alternatives.every((alt) => alt[0].kind !== 'any');
}

/** One member of a word class: words as in a pattern (`ill treatment`, `=acts`, `~tortur`), or `@other` for another class's members. */
export function parseClassMember(member: string, classes: WordClasses): Atom[][] {
  const tokens = lex(member);
  if (tokens.length === 0) throw new PatternError('empty member');
  if (tokens.length === 1) {
    const spliced = classAlternatives(tokens[0], classes);
    if (spliced) return spliced.map((alt) => [...alt]);
  }
  const atoms: Atom[] = [];
  for (const t of tokens) {
    if (t === '(' || t === ')' || t === '|' || t === '?' || t.startsWith('..') || t.startsWith('@')) {
      throw new PatternError(`a class member is plain words (no groups, gaps, "?" or classes inside words): "${member}"`);
    }
    atoms.push(...parseWord(t));
  }
  if (atoms.some((a) => a.kind === 'any')) throw new PatternError(`"_" cannot be a class member word: "${member}"`);
  return [atoms];
}

function checkShape(elements: Element[]): void {
  if (elements.length === 0) throw new PatternError('empty pattern');
  if (elements.length > MAX_ELEMENTS) throw new PatternError(`pattern has more than ${MAX_ELEMENTS} elements`);
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (first.kind === 'gap' || last.kind === 'gap') throw new PatternError('a pattern cannot start or end with a gap');
  const isAny = (e: Element) => e.kind === 'seq' && e.alternatives.length === 1 && e.alternatives[0].length === 1 && e.alternatives[0][0].kind === 'any';
  if (isAny(first) || isAny(last)) throw new PatternError('a pattern cannot start or end with _');
  if (!elements.some(isRequiredLiteral)) throw new PatternError('a pattern needs at least one required word');
  for (let i = 1; i < elements.length; i++) {
    if (elements[i].kind === 'gap' && elements[i - 1].kind === 'gap') throw new PatternError('two gaps in a row');
  }
}
