// Candidate terms: phrases of 1–4 tokens that are over-represented in the gold
// utterances of one label and not matched by the current lexicons, ranked by
// the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
// Colaresi and Quinn 2008, "Fightin' Words", eq. 22): the prior is the whole
// gold corpus's counts, so frequent phrases need strong evidence and rare ones
// are shrunk toward no difference; the z-score divides by the estimate's
// standard error. Candidates are proposals for a person to read — never added to
// a lexicon. Pure.
import { createRequire } from 'node:module';
import { tokenize, type Tokens } from '../tag/tokenize.js';
import { LABELS, MOVE_LABELS, type Label } from '../types.js';
import { CANDIDATES } from './config.js';
import type { Observation } from './observe.js';

const require = createRequire(import.meta.url);
// natural's English stop-word list, loaded from its own file (the package entry loads database clients).
const STOPWORDS: ReadonlySet<string> = new Set((require('natural/lib/natural/util/stopwords') as { words: string[] }).words);

export interface Kwic {
  id: string;
  left: string;
  match: string;
  right: string;
}

export interface Candidate {
  label: Label;
  phrase: string;
  tokens: number;
  /** Weighted log-odds (label vs all other labels) and its z-score. */
  logOdds: number;
  z: number;
  countInLabel: number;
  countElsewhere: number;
  /** Utterances of the label that contain it. */
  utterances: number;
  /** Share of its occurrences in the label that lie inside a lexicon match. */
  coveredShare: number;
  examples: Kwic[];
  /** Overlapping phrases with the same occurrences (the same finding, cut differently). */
  variants: string[];
}

interface Occurrence {
  obs: Observation;
  start: number;
  end: number;
  covered: boolean;
}

interface PhraseStats {
  tokens: number;
  count: Map<Label, number>;
  covered: Map<Label, number>;
  docs: Map<Label, Set<string>>;
  occurrences: Map<Label, Occurrence[]>;
}

const isMove = (c: string) => (MOVE_LABELS as readonly string[]).includes(c);

/** Tokens inside the span of any move rule's match (negated or dropped matches included: the lexicon saw them). */
function coveredTokens(obs: Observation, tokens: Tokens): boolean[] {
  const spans = obs.pieces.filter((p) => isMove(p.ruleCategory));
  return tokens.words.map((_, t) => spans.some((s) => tokens.starts[t] < s.end && tokens.ends[t] > s.start));
}

function usable(words: string[]): boolean {
  if (STOPWORDS.has(words[0]) || STOPWORDS.has(words[words.length - 1])) return false;
  return words.every((w) => !/^\d+$/.test(w)) && words.join('').length > 2;
}

function collect(observations: readonly Observation[]): Map<string, PhraseStats> {
  const phrases = new Map<string, PhraseStats>();
  for (const obs of observations) {
    const tokens = tokenize(obs.text);
    const covered = coveredTokens(obs, tokens);
    for (let n = 1; n <= CANDIDATES.maxTokens; n++) {
      for (let i = 0; i + n <= tokens.count; i++) {
        if (tokens.clause[i] !== tokens.clause[i + n - 1]) continue;
        const words = tokens.words.slice(i, i + n);
        if (!usable(words)) continue;
        const key = words.join(' ');
        let stats = phrases.get(key);
        if (!stats) {
          stats = { tokens: n, count: new Map(), covered: new Map(), docs: new Map(), occurrences: new Map() };
          phrases.set(key, stats);
        }
        const isCovered = covered.slice(i, i + n).some(Boolean);
        stats.count.set(obs.gold, (stats.count.get(obs.gold) ?? 0) + 1);
        if (isCovered) stats.covered.set(obs.gold, (stats.covered.get(obs.gold) ?? 0) + 1);
        stats.docs.set(obs.gold, (stats.docs.get(obs.gold) ?? new Set()).add(obs.id));
        const occ = stats.occurrences.get(obs.gold) ?? [];
        occ.push({ obs, start: tokens.starts[i], end: tokens.ends[i + n - 1], covered: isCovered });
        stats.occurrences.set(obs.gold, occ);
      }
    }
  }
  return phrases;
}

/** Per phrase length: total count per label (the n_i of the log-odds). */
function totals(phrases: Map<string, PhraseStats>): Map<number, Map<Label, number>> {
  const out = new Map<number, Map<Label, number>>();
  for (const stats of phrases.values()) {
    const byLabel = out.get(stats.tokens) ?? new Map<Label, number>();
    for (const [label, c] of stats.count) byLabel.set(label, (byLabel.get(label) ?? 0) + c);
    out.set(stats.tokens, byLabel);
  }
  return out;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

export interface LogOdds {
  delta: number;
  z: number;
}

/**
 * Monroe et al.'s δ̂ for one word, group i against the rest, with prior α_w
 * (alpha) and prior total α_0 (alpha0): δ = log-odds in i − log-odds in the
 * rest, each smoothed by the prior; σ² ≈ 1/(y_i+α_w) + 1/(y_rest+α_w).
 */
export function weightedLogOdds(yI: number, nI: number, yRest: number, nRest: number, alpha: number, alpha0: number): LogOdds {
  const delta = Math.log((yI + alpha) / (nI + alpha0 - yI - alpha)) - Math.log((yRest + alpha) / (nRest + alpha0 - yRest - alpha));
  const variance = 1 / (yI + alpha) + 1 / (yRest + alpha);
  return { delta, z: delta / Math.sqrt(variance) };
}

function kwic(occ: Occurrence): Kwic {
  const text = occ.obs.text;
  const from = Math.max(0, occ.start - CANDIDATES.kwicContext);
  const to = Math.min(text.length, occ.end + CANDIDATES.kwicContext);
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return {
    id: occ.obs.id,
    left: (from > 0 ? '…' : '') + squash(text.slice(from, occ.start)).trimStart(),
    match: squash(text.slice(occ.start, occ.end)),
    right: squash(text.slice(occ.end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

function examplesOf(occurrences: Occurrence[]): Kwic[] {
  const seen = new Set<string>();
  const out: Kwic[] = [];
  for (const occ of occurrences.filter((o) => !o.covered)) {
    if (seen.has(occ.obs.id)) continue;
    seen.add(occ.obs.id);
    out.push(kwic(occ));
    if (out.length === CANDIDATES.kwicExamples) break;
  }
  return out;
}

/** Two phrases are one finding when every occurrence of each overlaps an occurrence of the other. */
function sameFinding(a: Occurrence[], b: Occurrence[]): boolean {
  const covers = (xs: Occurrence[], ys: Occurrence[]) => xs.every((x) => ys.some((y) => y.obs === x.obs && y.start < x.end && x.start < y.end));
  return a.length === b.length && covers(a, b) && covers(b, a);
}

/**
 * Overlapping n-grams of one recurring stretch of text ("colonial dictation",
 * "neo colonial dictation", "dictation on human") are one finding. Findings
 * are the connected groups of phrases with the same occurrences; each is ranked
 * by its best z-score and shown by its longest phrase, the others listed as variants.
 */
function groupFindings(ranked: Array<{ candidate: Candidate; occurrences: Occurrence[] }>): Candidate[] {
  const parent = ranked.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      if (root(i) !== root(j) && sameFinding(ranked[i].occurrences, ranked[j].occurrences)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, Candidate[]>();
  ranked.forEach((entry, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), entry.candidate]));
  // Within a group the longest phrase speaks for it, with its own counts and z-score.
  const shown = [...groups.values()].map((members) => {
    const longest = [...members].sort((a, b) => b.tokens - a.tokens || b.z - a.z || (a.phrase < b.phrase ? -1 : 1))[0];
    return { ...longest, variants: members.filter((m) => m !== longest).map((m) => m.phrase) };
  });
  return shown.sort(byRank);
}

/** Higher z first, then the longer (more specific) phrase, then alphabetical. */
function byRank(a: Candidate, b: Candidate): number {
  return b.z - a.z || b.tokens - a.tokens || (a.phrase < b.phrase ? -1 : 1);
}

export function findCandidates(observations: readonly Observation[]): Record<Label, Candidate[]> {
  const phrases = collect(observations);
  const byLength = totals(phrases);
  const alpha0ByLength = new Map([...byLength].map(([n, t]) => [n, CANDIDATES.priorScale * sum(t.values())]));
  const out = {} as Record<Label, Candidate[]>;
  for (const label of LABELS) {
    const found: Array<{ candidate: Candidate; occurrences: Occurrence[] }> = [];
    for (const [phrase, stats] of phrases) {
      const yI = stats.count.get(label) ?? 0;
      const docs = stats.docs.get(label)?.size ?? 0;
      if (yI < CANDIDATES.minCount || docs < CANDIDATES.minDocs) continue;
      const coveredShare = (stats.covered.get(label) ?? 0) / yI;
      if (coveredShare >= CANDIDATES.coveredShare) continue;
      const t = byLength.get(stats.tokens)!;
      const y = sum(stats.count.values());
      const nI = t.get(label) ?? 0;
      const n = sum(t.values());
      const { delta, z } = weightedLogOdds(yI, nI, y - yI, n - nI, CANDIDATES.priorScale * y, alpha0ByLength.get(stats.tokens)!);
      if (z < CANDIDATES.minZ) continue;
      const occurrences = stats.occurrences.get(label) ?? [];
      const candidate: Candidate = {
        label,
        phrase,
        tokens: stats.tokens,
        logOdds: delta,
        z,
        countInLabel: yI,
        countElsewhere: y - yI,
        utterances: docs,
        coveredShare,
        examples: examplesOf(occurrences),
        variants: [],
      };
      found.push({ candidate, occurrences });
    }
    found.sort((a, b) => byRank(a.candidate, b.candidate));
    // Grouping compares pairs: only the best ranked are grouped (enough to fill the list several times over).
    out[label] = groupFindings(found.slice(0, CANDIDATES.perLabel * CANDIDATES.groupingPool)).slice(0, CANDIDATES.perLabel);
  }
  return out;
}
