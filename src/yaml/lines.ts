// The one YAML reader that keeps line numbers: lexicon files, facts files,
// quanteda dictionaries, manifests and Markdown front matter are all parsed here,
// so a problem in any of them is reported at its line in the same way. Duplicate
// keys are errors (YAML's default); errors carry the first line of their message,
// without the "at line L, column C" the yaml package can append.
import { LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlError {
  /** 1-based line in the parsed text. */
  line: number;
  message: string;
}

export interface YamlLines {
  doc: Document.Parsed;
  /** The parse errors, each at its line; the document's contents are not to be trusted when there are any. */
  errors: YamlError[];
  /** The 1-based line where a node starts; undefined for what has no place in the text (null, or a value made in code). */
  lineOf(node: unknown): number | undefined;
}

export interface YamlLinesOptions {
  /** YAML 1.1 for files written by tools that use it (quanteda dictionaries); default: the yaml package's (1.2). */
  version?: '1.1' | '1.2';
}

export function parseYamlLines(text: string, options: YamlLinesOptions = {}): YamlLines {
  const counter = new LineCounter();
  const doc = parseDocument(text, { ...(options.version ? { version: options.version } : {}), lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  return {
    doc,
    errors: doc.errors.map((err) => ({ line: counter.linePos(err.pos[0]).line, message: err.message.split('\n')[0] })),
    lineOf(node: unknown): number | undefined {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return range ? counter.linePos(range[0]).line : undefined;
    },
  };
}
