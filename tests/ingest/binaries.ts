// PDF and DOCX fixtures built in memory with pdf-lib and docx (dev dependencies).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, Packer, Paragraph, TextRun } from 'docx';

/** A PDF with a text layer: `pages` of paragraphs, each paragraph a list of lines. */
export async function makePdf(pages: string[][][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const size = 12;
  for (const paragraphs of pages) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    for (const lines of paragraphs) {
      for (const line of lines) {
        page.drawText(line, { x: 50, y, size, font });
        y -= size * 1.3;
      }
      y -= size * 1.3; // a blank line between paragraphs
    }
  }
  return doc.save();
}

/** A PDF whose pages have no text (what a scan without OCR looks like to a text extractor). */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 200, height: 300 });
  return doc.save();
}

export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return Packer.toBuffer(doc);
}
