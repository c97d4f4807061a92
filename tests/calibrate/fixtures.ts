// Shared fixtures for the calibrate tests: a temp copy of the mini lexicon set
// and a small gold set built so that one weight change clearly helps.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GoldItem } from '../../src/eval/gold.js';
import type { Label } from '../../src/types.js';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

const dirs: string[] = [];

export function tempDir(prefix = 'spiral-cal-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of the mini set, optionally with extra or replaced files. */
export function miniCopy(files: Record<string, string> = {}): string {
  const dir = tempDir('spiral-mini-');
  cpSync(MINI_LEXICONS, dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** Short subjects: `rhetorical.baseless` allows five words between allegation and baseless. */
const SUBJECTS = [
  'torture',
  'abuses',
  'violations',
  'police abuses',
  'prison abuses',
  'torture cases',
  'detainee abuse',
  'border violations',
  'army abuses',
  'camp torture',
];

/**
 * Gold where "baseless allegations ... under investigation" sentences are
 * concessions (the speaker engages), which the mini weights label rhetorical
 * action (2 for `rhetorical.baseless` beats 1.5 for `concession.investigate`
 * within the precedence margin). Raising the concession weight fixes them.
 */
export function designedGold(): Array<{ id: string; text: string; label: Label }> {
  const out: Array<{ id: string; text: string; label: Label }> = [];
  SUBJECTS.forEach((s, i) => {
    out.push({ id: `mix${i}`, text: `The allegations of ${s} are baseless, yet the abuses are under investigation.`, label: 'argumentative_concession' });
    out.push({ id: `rhet${i}`, text: `The allegations about ${s} are completely baseless.`, label: 'rhetorical_action' });
    out.push({ id: `conc${i}`, text: `The reports of ${s} are under investigation.`, label: 'argumentative_concession' });
    out.push({ id: `ack${i}`, text: `We respect human rights in every case of ${s}.`, label: 'norm_acknowledgment' });
    out.push({ id: `none${i}`, text: `Trade with region ${i} grew by ${i + 2} per cent.`, label: 'none' });
  });
  return out;
}

export function writeGold(items: Array<Record<string, unknown>>, dir = tempDir('spiral-gold-')): string {
  const file = path.join(dir, 'gold.jsonl');
  writeFileSync(file, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  return file;
}

export function goldItems(items: Array<{ id: string; text: string; label: Label; country?: string }>): GoldItem[] {
  return items.map((item, i) => ({ id: item.id, text: item.text, label: item.label, line: i + 1, meta: item.country ? { country: item.country } : {} }));
}
