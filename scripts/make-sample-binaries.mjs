#!/usr/bin/env node
// Generates the PDF and Word files of the bundled sample corpus from the texts
// below (written for this project, like the rest of corpus/sample):
//   corpus/sample/submissions/indonesia-1998-national-report.pdf  (pdf-lib)
//   corpus/sample/submissions/chile-1998-cat-replies.docx         (docx)
// Their metadata is in corpus/sample/submissions/manifest.yaml.
// Run: node scripts/make-sample-binaries.mjs   (pdf-lib and docx are dev dependencies)
// Dates inside the files are fixed so re-running gives the same text layer.
import { writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'sample', 'submissions');
const FIXED_DATE = new Date(Date.UTC(1998, 7, 14));

const PDF_TITLE = 'Report of the Government of Indonesia to the Commission on Human Rights';
const PDF_PARAGRAPHS = [
  '1. The Government of Indonesia recognizes that all human rights are universal and indivisible, and it has adopted a National Plan of Action on Human Rights for the period 1998-2003.',
  '2. Under the Plan, Indonesia will ratify the Convention against Torture and the International Convention on the Elimination of All Forms of Racial Discrimination.',
  '3. The Government acknowledges that violations were committed by members of the armed forces in the past, and military honour councils have dismissed a number of officers found responsible.',
  '4. Several political prisoners have been released, and the Government has invited the Special Rapporteur on torture to visit the country.',
  '5. The economic crisis has had severe effects on employment and food prices, and the Government has introduced a social safety net programme.',
];

const DOCX_TITLE = 'Replies of the Government of Chile to the list of issues of the Committee against Torture';
const DOCX_PARAGRAPHS = [
  '1. The Government of Chile reaffirms its full commitment to the Convention against Torture, which forms part of domestic law under article 5 of the Constitution.',
  '2. The Government acknowledges that cases of ill-treatment by police officers continue to be reported, and in 1997 the courts convicted eleven officers for unlawful coercion.',
  '3. The recommendation of the Committee to transfer such cases from military to civilian courts is being examined by the Ministry of Justice in a constructive spirit.',
  '4. Information on the construction of new prisons and on the reform of criminal procedure is annexed to this report.',
];

/** Greedy word wrap to the page width. */
function wrap(text, font, size, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

async function makePdf() {
  const doc = await PDFDocument.create();
  doc.setTitle(PDF_TITLE);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer('spiral scripts/make-sample-binaries.mjs');
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const page = doc.addPage([595, 842]);
  const margin = 60;
  const width = 595 - 2 * margin;
  let y = 780;
  for (const line of wrap(PDF_TITLE, bold, 14, width)) {
    page.drawText(line, { x: margin, y, size: 14, font: bold });
    y -= 18;
  }
  y -= 14;
  const size = 11;
  for (const paragraph of PDF_PARAGRAPHS) {
    for (const line of wrap(paragraph, font, size, width)) {
      page.drawText(line, { x: margin, y, size, font });
      y -= size * 1.35;
    }
    y -= size * 1.35; // blank line between paragraphs
  }
  return doc.save();
}

async function makeDocx() {
  const doc = new Document({
    creator: 'spiral',
    title: DOCX_TITLE,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(DOCX_TITLE)] }),
          ...DOCX_PARAGRAPHS.map((p) => new Paragraph({ children: [new TextRun(p)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Write via a temp file and rename, so a failed run never leaves half a file. */
async function writeAtomic(path, bytes) {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

await writeAtomic(join(OUT, 'indonesia-1998-national-report.pdf'), await makePdf());
await writeAtomic(join(OUT, 'chile-1998-cat-replies.docx'), await makeDocx());
console.log(`wrote 2 files to ${OUT}`);
