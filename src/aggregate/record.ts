// What aggregation reads from one utterance: the few fields that count. The
// run's edge (src/run/lines.ts) checks each line of utterances.jsonl; its
// UtteranceLine has all of these fields, so it is added as it is.
import { type Audience, type Label, type SpeakerRole, type Target } from '../types.js';

export interface Countable {
  doc: string;
  id: string;
  country: string | null;
  year: number | null;
  audience: Audience | null;
  label: Label;
  /** Marked relevant by the tagger, or carrying a move label. */
  relevant: boolean;
  speaker: string | null;
  speaker_role: SpeakerRole; // missing in the line = 'self' (a generic document speaks for its country)
  text: string;
  /** Whose conduct is at stake; absent or null in runs classified before targets were tagged. */
  target?: Target | null;
}
