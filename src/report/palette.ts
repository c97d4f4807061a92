// Colours and names shared by the charts, the legend and the browse view.
// The four moves keep one colour each everywhere; phases run from red
// (repression) to blue (rule-consistent behaviour), each dark enough to carry
// its label in white or light enough for black.
import type { MoveLabel } from '../types.js';

export const MOVE_COLOURS: Record<MoveLabel, string> = {
  denial: '#b3261e',
  rhetorical_action: '#e8710a',
  argumentative_concession: '#1a73e8',
  norm_acknowledgment: '#188038',
};

export const NET_COLOUR = '#333333';

export const MOVE_NAMES: Record<MoveLabel, string> = {
  denial: 'denial',
  rhetorical_action: 'rhetorical action',
  argumentative_concession: 'argumentative concession',
  norm_acknowledgment: 'norm acknowledgment',
};

/** Evidence categories in the browse view: the moves, plus the helper categories. */
export const CATEGORY_COLOURS: Record<string, string> = {
  ...MOVE_COLOURS,
  relevance: '#5f6368',
  attribution: '#8e24aa',
};

/** Phase keys of the band row: 1–5, "possible" (two phases possible), "unknown". */
export const PHASE_KEYS = ['1', '2', '3', '4', '5', 'possible', 'unknown'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

export const PHASE_COLOURS: Record<PhaseKey, string> = {
  '1': '#a50f15',
  '2': '#ef6548',
  '3': '#fdd49e',
  '4': '#74a9cf',
  '5': '#0b4f8a',
  possible: '#d9d9d9',
  unknown: '#f0f0f0',
};

/** Label colour on each phase band. */
export const PHASE_TEXT: Record<PhaseKey, string> = {
  '1': '#ffffff',
  '2': '#000000',
  '3': '#000000',
  '4': '#000000',
  '5': '#ffffff',
  possible: '#000000',
  unknown: '#5f6368',
};

export const PHASE_NAMES: Record<PhaseKey, string> = {
  '1': 'repression',
  '2': 'denial',
  '3': 'tactical concessions',
  '4': 'prescriptive status',
  '5': 'rule-consistent behaviour',
  possible: 'one of two phases',
  unknown: 'unknown',
};
