// The data model shared by every stage. Stages exchange these plain objects;
// the JSON outputs of a run (utterances.jsonl, documents.jsonl, ...) are these
// objects serialised with snake_case keys where the codebook uses them.

/** The five labels of the codebook, in its precedence order (earlier wins ties). */
export const MOVE_LABELS = ['denial', 'rhetorical_action', 'argumentative_concession', 'norm_acknowledgment'] as const;
export type MoveLabel = (typeof MOVE_LABELS)[number];
export const LABELS = [...MOVE_LABELS, 'none'] as const;
export type Label = (typeof LABELS)[number];

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}

/** Whose conduct a move is about (codebook, "Target"); `na` for `none`. */
export const TARGET_KINDS = ['self', 'other', 'general'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGETS = [...TARGET_KINDS, 'na'] as const;
export type Target = (typeof TARGETS)[number];

export function isTarget(value: unknown): value is Target {
  return typeof value === 'string' && (TARGETS as readonly string[]).includes(value);
}

/** Lexicon categories whose evidence says whose conduct is at stake, one per target kind. */
export const TARGET_CATEGORIES = ['target_self', 'target_other', 'target_general'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];
export const targetOfCategory = (c: TargetCategory): TargetKind => c.slice('target_'.length) as TargetKind;
export const isTargetCategory = (c: string): c is TargetCategory => (TARGET_CATEGORIES as readonly string[]).includes(c);

/** Lexicon categories: the four moves, plus helper categories that only modify them or say whose conduct is at stake. */
export const HELPER_CATEGORIES = ['relevance', 'attribution', 'speaker', 'patient', ...TARGET_CATEGORIES] as const;
export type HelperCategory = (typeof HELPER_CATEGORIES)[number];
export type Category = MoveLabel | HelperCategory;
/** What a piece of evidence is for: a lexicon category, or `term` for the fitted term layer. */
export type EvidenceCategory = Category | 'term';

export const AUDIENCES = ['international', 'domestic'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const DOC_TYPES = ['speech', 'un_submission', 'press_release', 'interview', 'other'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const SPEAKER_ROLES = ['self', 'other_state', 'un', 'procedural'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** Metadata of one document (codebook section 3). All optional: unknown stays absent. */
export interface DocMeta {
  country?: string; // ISO 3166 alpha-3, historical codes allowed (CSK, DDR, YUG, ...)
  date?: string; // ISO date (YYYY, YYYY-MM or YYYY-MM-DD)
  year?: number;
  speaker?: string;
  venue?: string;
  audience?: Audience;
  type?: DocType;
  title?: string;
}

/** Where each metadata field came from: front matter, manifest, file name, default. */
export type MetaSource = 'record' | 'front_matter' | 'manifest' | 'file_name' | 'default' | 'implied';

/** A decoded document ready for segmentation. `text` is the decoded text; all offsets point into it. */
export interface SourceDocument {
  id: string; // stable: relative path, plus `#n` for the n-th record of a JSON/JSONL file
  path: string; // relative to the input root it was found under
  format: string; // txt | md | html | json | jsonl | pdf | docx
  encoding: string; // utf-8 | utf-8-bom | utf-16le | utf-16be | windows-1252 | macintosh | ...
  sha256: string; // of the raw bytes of the file
  bytes: number;
  text: string;
  meta: DocMeta;
  metaSources: Partial<Record<keyof DocMeta, MetaSource>>;
  warnings: string[];
}

export type DocStatus = 'ok' | 'skipped' | 'failed';

/** One line of documents.jsonl: every discovered file (or record) is accounted for. */
export interface DocumentRecord {
  id: string;
  path: string;
  status: DocStatus;
  reason?: string; // required when status is not ok: a specific, human-readable cause
  format?: string;
  encoding?: string;
  sha256?: string;
  bytes?: number;
  meta: DocMeta;
  meta_sources?: Partial<Record<keyof DocMeta, MetaSource>>;
  structure?: string; // document-structure parser that attributed speakers (e.g. upr-wg-report)
  utterances: number;
  warnings?: string[];
}

/** A sentence found by the segmenter; offsets into the document text. */
export interface Segment {
  start: number; // first character after any removed paragraph number
  end: number;
  /** Page furniture inside [start, end) left out of the text: [start, end) pairs, absolute, sorted. */
  removed?: Array<[number, number]>;
  paragraph?: string; // the removed paragraph number ("166"), if any
}

/** Who speaks in an utterance (issue: speaker attribution). Generic documents: all `self`. */
export interface Attribution {
  speaker?: string; // ISO3, 'UN' or 'procedural'
  speaker_role: SpeakerRole;
  reported: boolean;
  section?: string;
}

/** One piece of evidence for a decision. Offsets are relative to the utterance text. */
export interface Evidence {
  rule: string;
  category: EvidenceCategory;
  start: number;
  end: number;
  text: string;
  weight: number; // the weight that counted (after negation/attribution/contrast effects)
  negated: boolean;
  /** What changed the rule's effect, if anything: 'negation' switched or dropped it, etc. */
  effect?:
    | 'switched'
    | 'dropped'
    | 'attributed'
    | 'concessive'
    | 'list_item'
    | 'unmet_requirement'
    | 'own_country'
    | 'own_victim'
    | 'speaker_voice'
    | 'named_country'
    | 'excepted';
  switched_from?: Category;
  /** Term-layer evidence: the term's fitted weight for each label it has one for (`weight` is the chosen label's). */
  weights?: Partial<Record<Label, number>>;
}

export const FLAGS = ['conflict', 'negated', 'low_confidence', 'relevant_unmatched'] as const;
export type Flag = (typeof FLAGS)[number];

/** What the tagger says about one utterance: the interface of `spiral tag`. */
export interface TagResult {
  label: Label;
  /** The model's probability of `label` (calibrated: see docs/calibration.md). */
  confidence: number;
  relevant: boolean;
  /** Per move, the sum of its evidence (rules and terms) before the label's bias: what the text says for it. */
  scores: Record<MoveLabel, number>;
  evidence: Evidence[];
  flags: Flag[];
  /** Whose conduct is at stake (`na` when the label is `none`). */
  target: Target;
  target_confidence: number;
  /** What decided the target: evidence in the sentence, the sentence before, or the prior alone. */
  target_basis: 'text' | 'context' | 'prior' | 'none';
}

/** One line of utterances.jsonl. */
export interface UtteranceRecord extends TagResult, Attribution {
  doc: string;
  id: string; // `${doc}:${n}`
  n: number; // 0-based index within the document
  country?: string;
  year?: number;
  date?: string;
  venue?: string;
  audience?: Audience;
  type?: DocType;
  start: number;
  end: number;
  /**
   * Page furniture inside [start, end) that is not in `text`: [start, end) pairs,
   * offsets into the decoded text like `start`/`end`, sorted. Absent when none:
   * `text === decoded.slice(start, end)` with these spans deleted.
   */
  removed?: Array<[number, number]>;
  paragraph?: string;
  text: string;
}
