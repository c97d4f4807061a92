// Escaping for everything a statement, a file name or a reason can carry into
// the report: statements are untrusted text and may contain `<script>`.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * The explicit bidirectional formatting characters: embeddings and overrides
 * (U+202A–U+202E) and isolates (U+2066–U+2069). Raw in a statement or a file
 * name, an override turns the text after it around (`gnp.exe` shown for
 * `exe.png`) and can spill into what the report prints next to it; they are
 * shown as visible codes instead.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Bidi formatting characters as visible text: "[U+202E]". */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `[U+${ch.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/**
 * The text with its bidi controls shown as codes, and a map from each offset of
 * the original to its offset in the shown text (evidence spans move with it).
 */
export function showBidiWithOffsets(text: string): { text: string; at: (offset: number) => number } {
  if (!BIDI_CONTROLS.test(text)) {
    BIDI_CONTROLS.lastIndex = 0;
    return { text, at: (o) => o };
  }
  BIDI_CONTROLS.lastIndex = 0;
  const shift: number[] = new Array(text.length + 1);
  let extra = 0;
  for (let i = 0; i <= text.length; i++) {
    shift[i] = i + extra;
    if (i < text.length && /[\u202A-\u202E\u2066-\u2069]/.test(text[i])) extra += 7; // one character becomes "[U+XXXX]"
  }
  return { text: showBidiControls(text), at: (o) => shift[o] };
}

/** Escape text for an HTML text node or a quoted attribute value (both quote kinds); bidi controls shown as codes. */
export function escapeHtml(value: unknown): string {
  return showBidiControls(String(value ?? '')).replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]);
}

/** Characters that Markdown (CommonMark/GFM) reads inside a line (`#` closes a heading). */
const MARKDOWN_INLINE = /[\\`*_[\]|<>~&"#]/g;

const MARKDOWN_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/**
 * Escape text for an inline position (after a list marker, inside a table
 * cell or a heading — never at the start of a line): backslash-escape the
 * punctuation Markdown reads there, and fold line breaks into spaces so a
 * statement cannot open a heading, list or table row of its own. `<`, `>`,
 * `&` and `"` become entities, so no renderer sees raw HTML.
 */
export function escapeMarkdown(value: unknown): string {
  return showBidiControls(String(value ?? ''))
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(MARKDOWN_INLINE, (ch) => MARKDOWN_ENTITIES[ch] ?? `\\${ch}`);
}

/**
 * Text for a Markdown code span: backticks in the text lengthen the fence.
 * `|` is escaped because GFM splits table cells on it even inside code spans
 * (and removes the backslash there); outside tables a `|` is rare in ids and paths.
 */
export function markdownCode(value: unknown): string {
  const text = showBidiControls(String(value ?? ''))
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
