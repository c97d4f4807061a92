// Markdown with optional YAML front matter. The document text is everything
// after the closing `---` line, exactly as decoded (Markdown markup is kept;
// offsets point into this body). Bad front matter is a warning, never a skip:
// the body is still read, only the metadata is lost.
import { parseYamlLines } from '../../yaml/lines.js';
import { decodeBytes } from '../decode.js';
import type { RawFields } from '../types.js';
import { undecodable, type Part } from './part.js';

/** YAML aliases front matter may expand. */
const MAX_YAML_ALIASES = 100;

const OPENING_FENCE = /^---[ \t]*(?:\r\n|\n|\r)/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

export interface FrontMatterSplit {
  yaml?: string;
  body: string;
  warnings: string[];
}

/** Split `---` front matter from the body; without a closing fence the whole text is body. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = OPENING_FENCE.exec(text);
  if (!open) return { body: text, warnings: [] };
  const rest = text.slice(open[0].length);
  const close = findClosingFence(rest);
  if (!close) return { body: text, warnings: ['front matter has no closing "---" line; read as text'] };
  return { yaml: rest.slice(0, close.start), body: rest.slice(close.end), warnings: [] };
}

/** The first line that is `---` or `...` (any line ending: CR, LF, CRLF). */
function findClosingFence(rest: string): { start: number; end: number } | undefined {
  const line = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let m = line.exec(rest); m; m = line.exec(rest)) {
    if (CLOSING_FENCE.test(m[1])) return { start: m.index, end: m.index + m[0].length };
    if (m[2] === '') return undefined; // last line
  }
  return undefined;
}

/** Front matter YAML → fields, with warnings (line numbers counted in the file: the YAML starts on line 2). */
export function parseFrontMatter(yaml: string): { fields?: RawFields; warnings: string[] } {
  const parsed = parseYamlLines(yaml);
  const doc = parsed.doc;
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    return { warnings: [`front matter is not valid YAML (line ${e.line + 1}: ${e.message}); metadata ignored`] };
  }
  let value: unknown;
  try {
    // A cap on alias expansion: a "billion laughs" front matter must cost nothing but a warning.
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    return { warnings: [`front matter could not be read (${(err as Error).message.split('\n')[0]}); metadata ignored`] };
  }
  if (value === null || value === undefined) return { warnings: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { warnings: ['front matter is not a YAML mapping; metadata ignored'] };
  }
  return { fields: value as RawFields, warnings: [] };
}

export async function readMarkdown(bytes: Uint8Array): Promise<Part[]> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [undecodable(decoded)];
  const split = splitFrontMatter(decoded.text);
  const warnings = [...decoded.warnings, ...split.warnings];
  const part: Part = { text: split.body, encoding: decoded.encoding, warnings };
  if (split.yaml !== undefined) {
    const fm = parseFrontMatter(split.yaml);
    warnings.push(...fm.warnings);
    if (fm.fields) part.own = { fields: fm.fields, source: 'front_matter' };
  }
  return [part];
}
