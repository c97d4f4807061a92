// Rule diagnostics, in the manner of weak-supervision tools' labelling-function
// analysis (Snorkel's LFAnalysis): for each rule, how often it fires on the gold
// items (coverage), how often its evidence agrees with the gold label
// (precision, with counts), how often it decides the label, which rules it fires
// with (overlaps) or against (conflicts), and its worst false positives. Rules
// that never fire or mostly mislead come first. Pure.
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { MOVE_LABELS, isTargetCategory, targetOfCategory, type Category, type Label } from '../types.js';
import { DIAGNOSTICS } from './config.js';
import type { EvidencePiece, Observation } from './observe.js';

/**
 * `one_document`: every firing is in one speech or report, that document's
 * idiom rather than a pattern (issue 12: prune such rules, or find the move's
 * other wordings); `untested`: a case-overlay rule with no gold items from its country.
 */
export type Verdict = 'never_fires' | 'misleads' | 'one_document' | 'rarely_fires' | 'ok' | 'untested';

export interface FalsePositive {
  id: string;
  text: string;
  gold: Label;
  predicted: Label;
  /** The category the rule's evidence argued for. */
  category: Category;
  /** Whether the rule's evidence decided the (wrong) label. */
  deciding: boolean;
}

export interface RuleCount {
  rule: string;
  count: number;
}

export interface RuleDiagnostic {
  rule: string;
  category: Category;
  file: string;
  line: number;
  weight: number;
  country?: string;
  /** Gold items where a pattern of the rule matched. */
  matched: number;
  /** ... and its evidence kept a weight above zero (not dropped by negation, attribution or requirements). */
  fires: number;
  /** Distinct documents among the firings. */
  documents: number;
  coverage: number;
  /** Firings whose category agrees with the gold label (for relevance: the gold is a move; attribution has none). */
  agrees: number | null;
  precision: number | null;
  /** Items where the rule carried the largest weight for the label chosen. */
  deciding: number;
  decidingCorrect: number;
  negated: number;
  overlaps: RuleCount[];
  conflicts: RuleCount[];
  worstFalsePositives: FalsePositive[];
  verdict: Verdict;
}

const isMove = (c: Category) => (MOVE_LABELS as readonly string[]).includes(c);

function allRules(set: LexiconSet): Rule[] {
  return [...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)];
}

/** Helper evidence that only modifies or places a move (attribution, speaker, patient): never judged against the gold. */
const claimsNoLabel = (category: Category): boolean => category === 'attribution' || category === 'speaker' || category === 'patient';

/**
 * Does a firing agree with the gold? Moves: same label. Relevance: the gold is
 * some move. Target rules: the coded target is theirs (not judged where the gold
 * codes none). Attribution, speaker and patient evidence claim no label: not judged.
 */
function agreesWith(category: Category, obs: Pick<Observation, 'gold' | 'goldTarget'>): boolean | null {
  if (claimsNoLabel(category)) return null;
  if (category === 'relevance') return obs.gold !== 'none';
  if (isTargetCategory(category)) return obs.goldTarget === undefined ? null : targetOfCategory(category) === obs.goldTarget;
  return category === obs.gold;
}

/** Rules whose evidence carried the largest weight for the predicted label. */
export function decidingRules(obs: Observation): Set<string> {
  const label = obs.result.label;
  if (label === 'none') return new Set();
  const forLabel = obs.pieces.filter((p) => p.active && p.category === label);
  const top = Math.max(...forLabel.map((p) => p.weight));
  return new Set(forLabel.filter((p) => p.weight === top).map((p) => p.rule));
}

interface Tally {
  matched: number;
  fires: number;
  documents: Set<string>;
  agrees: number;
  judged: number;
  deciding: number;
  decidingCorrect: number;
  negated: number;
  overlaps: Map<string, number>;
  conflicts: Map<string, number>;
  falsePositives: FalsePositive[];
}

const emptyTally = (): Tally => ({
  matched: 0,
  fires: 0,
  documents: new Set(),
  agrees: 0,
  judged: 0,
  deciding: 0,
  decidingCorrect: 0,
  negated: 0,
  overlaps: new Map(),
  conflicts: new Map(),
  falsePositives: [],
});

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** The category a rule's active evidence argued for in one item (its first active piece). */
function firedCategory(pieces: EvidencePiece[]): Category | undefined {
  return pieces.find((p) => p.active)?.category;
}

function tallyItem(obs: Observation, tallies: Map<string, Tally>): void {
  const byRule = new Map<string, EvidencePiece[]>();
  for (const p of obs.pieces) byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), p]);
  const deciding = decidingRules(obs);
  const fired = [...byRule].filter(([, pieces]) => pieces.some((p) => p.active)).map(([rule, pieces]) => ({ rule, category: firedCategory(pieces)! }));
  for (const [rule, pieces] of byRule) {
    const t = tallies.get(rule);
    if (!t) continue;
    t.matched++;
    if (pieces.some((p) => p.negated)) t.negated++;
    const category = firedCategory(pieces);
    if (!category) continue;
    t.fires++;
    t.documents.add(obs.document ?? obs.id);
    const agrees = agreesWith(category, obs);
    if (agrees !== null) {
      t.judged++;
      if (agrees) t.agrees++;
    }
    const decides = deciding.has(rule);
    if (decides) {
      t.deciding++;
      if (obs.result.label === obs.gold) t.decidingCorrect++;
    }
    for (const other of fired) {
      if (other.rule === rule) continue;
      bump(t.overlaps, other.rule);
      if (isMove(category) && isMove(other.category) && other.category !== category) bump(t.conflicts, other.rule);
    }
    if (agrees === false) {
      t.falsePositives.push({
        id: obs.id,
        text: obs.text,
        gold: obs.gold,
        predicted: obs.result.label,
        category,
        deciding: decides && obs.result.label !== obs.gold,
      });
    }
  }
}

function topCounts(map: Map<string, number>): RuleCount[] {
  return [...map]
    .map(([rule, count]) => ({ rule, count }))
    .sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1))
    .slice(0, DIAGNOSTICS.topOverlaps);
}

/** Worst first: the ones where the rule decided a wrong label, then those that made the label wrong at all, then by id. */
function worst(falsePositives: FalsePositive[]): FalsePositive[] {
  const rank = (f: FalsePositive) => (f.deciding ? 0 : f.predicted !== f.gold ? 1 : 2);
  return [...falsePositives].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, DIAGNOSTICS.worstFalsePositives);
}

function verdictOf(fires: number, documents: number, precision: number | null, tested: boolean): Verdict {
  if (!tested) return 'untested';
  if (fires === 0) return 'never_fires';
  if (fires < DIAGNOSTICS.minFiresForVerdict) return 'rarely_fires';
  if (precision !== null && precision < DIAGNOSTICS.misleadingPrecision) return 'misleads';
  if (documents === 1) return 'one_document';
  return 'ok';
}

const VERDICT_ORDER: Record<Verdict, number> = { never_fires: 0, misleads: 1, one_document: 2, rarely_fires: 3, ok: 4, untested: 5 };

export function diagnoseRules(set: LexiconSet, observations: readonly Observation[]): RuleDiagnostic[] {
  const rules = allRules(set);
  const tallies = new Map(rules.map((r) => [r.id, emptyTally()]));
  for (const obs of observations) tallyItem(obs, tallies);
  const casesSeen = new Set(observations.map((o) => o.caseCode));
  const out = rules.map((rule): RuleDiagnostic => {
    const t = tallies.get(rule.id)!;
    const precision = t.judged > 0 ? t.agrees / t.judged : null;
    const d: RuleDiagnostic = {
      rule: rule.id,
      category: rule.category,
      file: rule.file,
      line: rule.line,
      weight: rule.weight,
      matched: t.matched,
      fires: t.fires,
      documents: t.documents.size,
      coverage: observations.length ? t.fires / observations.length : 0,
      agrees: claimsNoLabel(rule.category) ? null : t.agrees,
      precision,
      deciding: t.deciding,
      decidingCorrect: t.decidingCorrect,
      negated: t.negated,
      overlaps: topCounts(t.overlaps),
      conflicts: topCounts(t.conflicts),
      worstFalsePositives: worst(t.falsePositives),
      verdict: verdictOf(t.fires, t.documents.size, precision, !rule.country || casesSeen.has(rule.country)),
    };
    if (rule.country) d.country = rule.country;
    return d;
  });
  return out.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || (a.precision ?? 1) - (b.precision ?? 1) || (a.rule < b.rule ? -1 : 1));
}
