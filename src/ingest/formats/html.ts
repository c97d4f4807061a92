// HTML: the visible text only. Script, style, noscript, template and the <title>
// are dropped from the text; block elements become line breaks (paragraph-like
// blocks a blank line, <br>, list items and table rows a single line break);
// runs of white space collapse as a browser would, except inside <pre>;
// entities are decoded. <title> and <meta name="country|date|year|speaker|
// venue|audience|type|title" content="..."> give the document's own metadata.
import { Parser } from 'htmlparser2';
import { decodeBytes } from '../decode.js';
import { META_FIELDS, type RawFields } from '../types.js';
import { undecodable, type Part } from './part.js';

// Not <head>: a page that never closes it would lose its body. Its only text is the title.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'title']);
const PARAGRAPH_BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'form',
  'figure',
  'figcaption',
  'address',
  'fieldset',
  'body',
]);
const LINE_BLOCKS = new Set(['br', 'li', 'tr', 'dt', 'dd', 'option', 'caption']);
const CELLS = new Set(['td', 'th']);

/** Builds the visible text piece by piece, inserting at most the strongest pending break. */
class TextBuilder {
  private pieces: string[] = [];
  private pendingBreak = 0; // 0 none, 1 line, 2 blank line
  private pendingSpace = false;
  private atLineStart = true;

  requestBreak(strength: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, strength);
  }

  requestSpace(): void {
    if (!this.atLineStart) this.pendingSpace = true;
  }

  add(text: string, preformatted: boolean): void {
    const normalised = preformatted ? text : text.replace(/[ \t\n\r\f]+/g, ' ');
    if (!preformatted && normalised === ' ') {
      this.requestSpace();
      return;
    }
    if (normalised === '') return;
    let piece = normalised;
    if (!preformatted && piece.startsWith(' ')) {
      this.requestSpace();
      piece = piece.slice(1);
    }
    const trailingSpace = !preformatted && piece.endsWith(' ');
    if (trailingSpace) piece = piece.slice(0, -1);
    this.flushSeparators();
    this.pieces.push(piece);
    this.atLineStart = false;
    if (trailingSpace) this.pendingSpace = true;
  }

  private flushSeparators(): void {
    if (this.pendingBreak > 0 && this.pieces.length > 0) {
      this.pieces.push(this.pendingBreak === 2 ? '\n\n' : '\n');
    } else if (this.pendingSpace && !this.atLineStart) {
      this.pieces.push(' ');
    }
    this.pendingBreak = 0;
    this.pendingSpace = false;
  }

  toString(): string {
    return this.pieces.join('').replace(/\u00A0/g, ' ');
  }
}

export interface HtmlContent {
  text: string;
  fields: RawFields;
}

/** Visible text and embedded metadata of an HTML string. */
export function htmlToText(html: string): HtmlContent {
  const out = new TextBuilder();
  const fields: RawFields = {};
  let hiddenDepth = 0;
  let preDepth = 0;
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'meta') readMeta(attribs, fields);
        if (name === 'title') inTitle = true;
        if (HIDDEN.has(name)) hiddenDepth++;
        if (name === 'pre') preDepth++;
        if (PARAGRAPH_BLOCKS.has(name)) out.requestBreak(2);
        else if (LINE_BLOCKS.has(name)) out.requestBreak(1);
        else if (CELLS.has(name)) out.requestSpace();
      },
      ontext(text) {
        if (inTitle) title += text;
        if (hiddenDepth === 0) out.add(text, preDepth > 0);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (HIDDEN.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH_BLOCKS.has(name)) out.requestBreak(2);
        else if (LINE_BLOCKS.has(name) && name !== 'br') out.requestBreak(1);
        else if (CELLS.has(name)) out.requestSpace();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  if (cleanTitle && fields.title === undefined) fields.title = cleanTitle;
  return { text: out.toString(), fields };
}

function readMeta(attribs: Record<string, string>, fields: RawFields): void {
  const name = (attribs.name ?? '').trim().toLowerCase();
  if ((META_FIELDS as readonly string[]).includes(name) && attribs.content !== undefined && fields[name] === undefined) {
    fields[name] = attribs.content;
  }
}

/** A charset the page declares (<meta charset> or http-equiv content-type), from its first bytes. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return m?.[1];
}

export async function readHtml(bytes: Uint8Array): Promise<Part[]> {
  const decoded = decodeBytes(bytes, declaredCharset(bytes));
  if (!decoded.ok) return [undecodable(decoded)];
  const { text, fields } = htmlToText(decoded.text);
  const part: Part = { text, encoding: decoded.encoding, warnings: decoded.warnings };
  if (Object.keys(fields).length > 0) part.own = { fields, source: 'front_matter' };
  return [part];
}
