// The codebook summary the review page shows in its help panel:
// docs/codebook-summary.yaml, read when the page is first built (never the
// project codebook itself, which is not part of spiral). Checked: every label
// and every target of the codebook, in its order.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { LABELS, TARGET_KINDS, type Label, type TargetKind } from '../types.js';

export const CODEBOOK_SUMMARY_FILE = fileURLToPath(new URL('../../docs/codebook-summary.yaml', import.meta.url));

export interface CodebookSummary {
  unit: string;
  labels: Array<{ label: Label; means: string; moves: string[] }>;
  deciding: string[];
  targets: { means: string; kinds: Array<{ target: TargetKind; means: string }> };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

/** Parse and check the summary; throws naming what is missing. */
export function parseCodebookSummary(text: string, file = CODEBOOK_SUMMARY_FILE): CodebookSummary {
  const value = parse(text) as Partial<CodebookSummary> | null;
  const problems: string[] = [];
  if (!value || !isText(value.unit)) problems.push('"unit" must be text');
  const labels = Array.isArray(value?.labels) ? value.labels : [];
  if (labels.map((l) => l?.label).join() !== LABELS.join()) problems.push(`"labels" must give ${LABELS.join(', ')}, in that order`);
  for (const l of labels)
    if (!isText(l?.means) || !isTexts(l?.moves)) problems.push(`label ${String(l?.label)}: "means" (text) and "moves" (a list) are needed`);
  if (!isTexts(value?.deciding)) problems.push('"deciding" must be a list of text');
  const kinds = Array.isArray(value?.targets?.kinds) ? value.targets.kinds : [];
  if (!isText(value?.targets?.means) || kinds.map((k) => k?.target).join() !== TARGET_KINDS.join())
    problems.push(`"targets" must say what a target means and give ${TARGET_KINDS.join(', ')}, in that order`);
  for (const k of kinds) if (!isText(k?.means)) problems.push(`target ${String(k?.target)}: "means" is needed`);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return value as CodebookSummary;
}

let cached: CodebookSummary | undefined;
export function codebookSummary(): CodebookSummary {
  cached ??= parseCodebookSummary(readFileSync(CODEBOOK_SUMMARY_FILE, 'utf8'));
  return cached;
}
