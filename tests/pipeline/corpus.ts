// Generated corpora and run helpers for the pipeline tests (no real data needed).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MINI_LEXICONS } from '../helpers/lexicons.js';

export const DATA_OUTPUTS = ['documents.jsonl', 'utterances.jsonl', 'recommendations.jsonl', 'utterances.csv', 'scores.csv'] as const;

const SENTENCES = [
  'We reject this interference in our internal affairs under the pretext of human rights.',
  'Trade grew by 5 per cent last year.',
  'We do not deny that abuses occurred.',
  'Our Government respects human rights and the rule of law.',
  'The allegations of torture are completely baseless.',
  'Human rights are a Western invention.',
  'Some claim that human rights are a Western invention; we reject that view.',
  'The delegation thanked the Council for its recommendations.',
];
const COUNTRIES = ['KEN', 'CHL', 'POL', 'ZAF', 'IDN', 'MAR'];

/** Deterministic text for file `n`: `sentences` sentences in numbered paragraphs. */
export function speech(n: number, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const s = SENTENCES[(n * 7 + i * 3) % SENTENCES.length];
    parts.push(i % 4 === 0 ? `\n\n${i / 4 + 1}. ${s}` : s);
  }
  return parts.join(' ').trim();
}

/** A UN General Debate style name (ISO3_session_year.txt): country and year come from it. */
export function fileName(n: number): string {
  return `${COUNTRIES[n % COUNTRIES.length]}_${5 + n}_${1950 + n}.txt`;
}

export class Scratch {
  private readonly dirs: string[] = [];

  dir(prefix = 'spiral-pipeline-'): string {
    const d = mkdtempSync(path.join(tmpdir(), prefix));
    this.dirs.push(d);
    return d;
  }

  /** A folder of `files` generated speeches (and one unsupported file, one empty file). */
  corpus(files: number, sentences = 12): string {
    const input = path.join(this.dir(), 'in');
    mkdirSync(input);
    for (let n = 0; n < files; n++) writeFileSync(path.join(input, fileName(n)), speech(n, sentences));
    writeFileSync(path.join(input, 'notes.xyz'), 'not a statement');
    writeFileSync(path.join(input, 'empty.txt'), '');
    return input;
  }

  /** A copy of the mini lexicon set that a test may edit. */
  lexicons(): string {
    const dir = path.join(this.dir('spiral-lex-'), 'lexicons');
    cpSync(MINI_LEXICONS, dir, { recursive: true });
    return dir;
  }

  cleanup(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

export function readOutputs(dir: string, names: readonly string[] = DATA_OUTPUTS): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
}

export function runJson(dir: string): { counts: Record<string, number> } & Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
}
