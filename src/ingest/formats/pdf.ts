// PDF: the text layer, through pdfjs-dist (Mozilla's PDF.js). Text items are
// joined into lines (a new line when PDF.js marks an end of line or the
// baseline moves), lines into paragraphs (a blank line when the gap between
// baselines is clearly larger than a line), pages with a blank line. A PDF
// whose pages carry no text (a scan) is skipped. PDF.js is loaded on first use
// only: it costs ~0.1 s and most runs have no PDF.
import type { Part } from './part.js';

/**
 * Bounds on what one PDF may hold, so a small hostile file cannot exhaust memory
 * (measured: a 583 KB PDF whose one page draws 3.7 million text items ran a
 * 4 GB heap out and killed the run). A real page has a few thousand items.
 */
export const MAX_PDF_ITEMS_PER_PAGE = 100_000;
/** The text of one PDF (as a .docx may unzip to at most 32 MB). */
export const MAX_PDF_TEXT_CHARS = 32 * 1024 * 1024;

/** A baseline gap larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP_LINES = 1.5;
/** A baseline move larger than this share of the line height starts a new line. */
const NEW_LINE_SHIFT = 0.5;

interface TextItemLike {
  str: string;
  hasEOL: boolean;
  height: number;
  transform: number[];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

interface Line {
  text: string;
  y: number;
  height: number;
}

/** Lines of one page, in the order PDF.js gives the items (content-stream order). */
export function itemsToLines(items: TextItemLike[]): Line[] {
  const lines: Line[] = [];
  let text = '';
  let y: number | undefined;
  let height = 0;
  const push = (): void => {
    if (text.trim() !== '' && y !== undefined) lines.push({ text: text.replace(/\s+$/, ''), y, height });
    text = '';
    y = undefined;
  };
  for (const item of items) {
    const itemY = item.transform[5];
    const itemHeight = item.height || Math.abs(item.transform[3]) || height;
    if (y !== undefined && text !== '' && Math.abs(itemY - y) > NEW_LINE_SHIFT * (itemHeight || 1)) push();
    if (item.str !== '') {
      if (y === undefined) {
        y = itemY;
        height = itemHeight;
      }
      text += item.str;
      height = Math.max(height, itemHeight);
    }
    if (item.hasEOL) push();
  }
  push();
  return lines;
}

/** Lines → text, a blank line where the baseline gap says a paragraph ends. */
export function linesToText(lines: Line[]): string {
  let out = '';
  lines.forEach((line, i) => {
    if (i > 0) {
      const prev = lines[i - 1];
      const gap = Math.abs(prev.y - line.y);
      const lineHeight = Math.max(prev.height, line.height) || 1;
      out += gap > PARAGRAPH_GAP_LINES * lineHeight ? '\n\n' : '\n';
    }
    out += line.text.replace(/^\s+/, '');
  });
  return out;
}

function pdfFailure(err: unknown): Part {
  const e = err as { name?: string; message?: string };
  if (e.name === 'PasswordException') return { warnings: [], status: 'skipped', reason: 'encrypted PDF (password required)' };
  return { warnings: [], status: 'failed', reason: `invalid PDF: ${e.message ?? String(err)}` };
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

/** A page's text items, read as a stream and given up past MAX_PDF_ITEMS_PER_PAGE (undefined). */
async function pageItems(page: PdfPage): Promise<TextItemLike[] | undefined> {
  const reader = page.streamTextContent().getReader();
  const items: TextItemLike[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return items;
    for (const item of value.items) if ('str' in item) items.push(item as unknown as TextItemLike);
    if (items.length > MAX_PDF_ITEMS_PER_PAGE) {
      // PDF.js needs a reason to stop its parser (without one, cancel throws and the parser runs on).
      await reader.cancel(new Error('too many text items'));
      return undefined;
    }
  }
}

function tooLarge(why: string): Part {
  return { warnings: [], encoding: 'pdf-text-layer', status: 'skipped', reason: `file too large (${why})` };
}

export async function readPdf(bytes: Uint8Array): Promise<Part[]> {
  const lib = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  // PDF.js takes ownership of (detaches) the buffer it gets: give it a copy.
  const task = lib.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    return [pdfFailure(err)];
  }
  try {
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items = await pageItems(page);
      page.cleanup();
      if (items === undefined) return [tooLarge(`page ${n} has more than ${MAX_PDF_ITEMS_PER_PAGE} text items`)];
      const text = linesToText(itemsToLines(items));
      chars += text.length;
      if (chars > MAX_PDF_TEXT_CHARS) return [tooLarge(`its text layer has more than ${MAX_PDF_TEXT_CHARS} characters`)];
      if (text !== '') pages.push(text);
    }
    const text = pages.join('\n\n');
    if (text.trim() === '') return [{ warnings: [], encoding: 'pdf-text-layer', status: 'skipped', reason: 'no text layer (scanned PDF?)' }];
    return [{ text, encoding: 'pdf-text-layer', warnings: [] }];
  } catch (err) {
    return [pdfFailure(err)];
  } finally {
    await doc.destroy();
  }
}
