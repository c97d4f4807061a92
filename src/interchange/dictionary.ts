// The common shape of the dictionary formats spiral exchanges with (quanteda's
// YAML dictionaries, LIWC .dic): named keys, each with glob values (`*` is the
// wildcard; multi-word values separate their words with one space) and/or
// nested keys. Readers and writers of each format convert to and from this.

import { UserFacingError } from '../errors.js';

export interface DictNode {
  name: string;
  values: string[];
  children: DictNode[];
  /** A line shown as a comment above the key, where the format has comments. */
  note?: string;
  /** Line in the source file, for messages (readers set it). */
  line?: number;
}

export interface Dictionary {
  /** Comment lines for the file head, where the format has comments. */
  header: string[];
  nodes: DictNode[];
}

/** A problem found while converting: shown to the user, never silently dropped. */
export interface Warning {
  where: string;
  message: string;
}

export const formatWarning = (w: Warning) => `${w.where}: ${w.message}`;

export class DictionaryFormatError extends UserFacingError {
  constructor(
    readonly file: string,
    readonly problems: Array<{ line?: number; message: string }>,
  ) {
    super(problems.map((p) => `${file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`).join('\n'));
  }
}

export const DICTIONARY_FORMATS = ['quanteda', 'liwc'] as const;
export type DictionaryFormat = (typeof DICTIONARY_FORMATS)[number];
