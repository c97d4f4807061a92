// The schema of a lexicon set in one place: categories, rule ids, the keys each
// file and rule may have, and what an absent `when_negated` means. The loader
// validates by it, the interchange writes by it, scripts/lexicon-docs.mjs reads
// the default from it, and the rule-field table of docs/lexicon-format.md is
// generated from RULE_FIELDS (a test keeps the page and this file in step).
import { HELPER_CATEGORIES, MOVE_LABELS, type Category } from '../types.js';
import type { WhenNegated } from './types.js';

/** Every category a rule file may declare: the four moves, then the helpers. */
export const CATEGORIES: readonly Category[] = [...MOVE_LABELS, ...HELPER_CATEGORIES];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** A rule id: `category-ish.slug`, lowercase, at least one dot. */
export const RULE_ID_SHAPE = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+$/;

/** A word-class name in classes.yaml (`@name` in patterns). */
export const CLASS_NAME_SHAPE = /^[a-z][a-z0-9_-]*$/;

/** One field of a rule, as docs/lexicon-format.md lists it. */
export interface RuleField {
  key: string;
  required: boolean;
  type: string;
  description: string;
}

export const RULE_FIELDS: readonly RuleField[] = [
  { key: 'id', required: true, type: 'string', description: 'unique across the set, `category-ish.slug`, lowercase' },
  { key: 'description', required: true, type: 'string', description: 'what move or ingredient the rule captures' },
  { key: 'patterns', required: true, type: 'list of patterns', description: 'non-empty; any one matching fires the rule (see Patterns)' },
  {
    key: 'unless',
    required: false,
    type: 'list of patterns',
    description:
      'exceptions: a match of the rule that one of these overlaps counts for nothing (effect `excepted`): a body\'s standing mandate "to investigate" is no investigation',
  },
  {
    key: 'weight',
    required: true,
    type: 'number > 0',
    description: "for move and target rules a score on the decision layer's logit scale, fitted by `spiral calibrate`",
  },
  {
    key: 'weight_evidence',
    required: true,
    type: 'string or mapping',
    description: 'where the weight comes from; calibration writes the counts and the fit here',
  },
  {
    key: 'requires',
    required: false,
    type: 'list of categories',
    description: 'categories that must also have evidence (relevance: the sentence before or a UPR report also count)',
  },
  {
    key: 'requires_own_sentence',
    required: false,
    type: 'boolean',
    description: '`true`: the sentence before does not meet `requires`; the sentence itself must (or, for relevance, the UPR setting)',
  },
  {
    key: 'strong_relevance',
    required: false,
    type: 'boolean',
    description:
      '`true`: a `relevance` requirement is met in the sentence only when its relevance evidence sums to `relevance_threshold` (weak cues such as "victims" or "the right of peoples" alone do not)',
  },
  {
    key: 'when_negated',
    required: false,
    type: '`drop` \\| `keep` \\| a category',
    description: 'what negation does to the match; absent: `drop` for a move, `keep` for a helper (relevance, attribution, speaker, targets)',
  },
  {
    key: 'examples',
    required: true,
    type: '`{match, nomatch}`',
    description:
      'at least one of each; an entry is a sentence or `{text, label, venue, country}` (the whole tagger must give that label; `venue` and `country` tag it as said there and by that State)',
  },
  {
    key: 'category',
    required: false,
    type: 'category',
    description: 'only in a case overlay (`cases/<ISO3>.yaml`), where rules of several categories share a file',
  },
];

/** Keys a rule may have in a category file (a case overlay's rules also take `category`). */
export const RULE_KEYS: ReadonlySet<string> = new Set(RULE_FIELDS.filter((f) => f.key !== 'category').map((f) => f.key));
export const CATEGORY_FILE_KEYS: ReadonlySet<string> = new Set(['category', 'description', 'rules']);
export const CASE_FILE_KEYS: ReadonlySet<string> = new Set(['country', 'description', 'rules', 'adjust']);
export const SET_FILE_KEYS: ReadonlySet<string> = new Set(['name', 'version', 'description']);
export const CLASSES_FILE_KEYS: ReadonlySet<string> = new Set(['description', 'classes']);
export const CLASS_KEYS: ReadonlySet<string> = new Set(['description', 'members']);

/** An absent `when_negated`: a negated move is no move; a helper's evidence stands (a negated relevance term is still about rights). */
export function defaultWhenNegated(category: Category): WhenNegated {
  return (HELPER_CATEGORIES as readonly string[]).includes(category) ? 'keep' : 'drop';
}

/** The rule-field table of docs/lexicon-format.md. */
export function ruleFieldTable(): string {
  const rows = RULE_FIELDS.map((f) => `| \`${f.key}\` | ${f.required ? 'yes' : 'no'} | ${f.type} | ${f.description} |`);
  return ['| field | required | type | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
