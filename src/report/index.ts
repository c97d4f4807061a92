// `spiral report`: read a run, render HTML and Markdown, write both atomically.
import { join } from 'node:path';
import { renderReportHtml } from './html.js';
import { loadReportData, type LoadOptions } from './load.js';
import { renderReportMarkdown } from './markdown.js';
import type { ReportData } from './model.js';
import { writeFileAtomic } from '../run/atomic.js';

export { ReportError } from './errors.js';
export { DEFAULT_FLAGGED_PER_GROUP } from './flagged.js';
export { DEFAULT_REPORT_PERIOD, loadReportData } from './load.js';
export { DEFAULT_MAX_BROWSE } from './browse-data.js';
export { renderReportHtml } from './html.js';
export { renderReportMarkdown } from './markdown.js';
export type { ReportData } from './model.js';

export interface WrittenReport {
  html: string;
  markdown: string;
  data: ReportData;
}

export async function writeReport(runDir: string, outDir: string, options: LoadOptions = {}): Promise<WrittenReport> {
  const data = await loadReportData(runDir, options);
  const html = join(outDir, 'report.html');
  const markdown = join(outDir, 'report.md');
  await writeFileAtomic(html, await renderReportHtml(data));
  await writeFileAtomic(markdown, renderReportMarkdown(data));
  return { html, markdown, data };
}
