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

/** Escape text for an HTML text node or a quoted attribute value (both quote kinds). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]);
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
  return String(value ?? '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(MARKDOWN_INLINE, (ch) => MARKDOWN_ENTITIES[ch] ?? `\\${ch}`);
}

/**
 * Text for a Markdown code span: backticks in the text lengthen the fence.
 * `|` is escaped because GFM splits table cells on it even inside code spans
 * (and removes the backslash there); outside tables a `|` is rare in ids and paths.
 */
export function markdownCode(value: unknown): string {
  const text = String(value ?? '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
