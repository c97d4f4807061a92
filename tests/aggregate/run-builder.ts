// Hand-built runs for aggregation and status tests: a few utterance lines
// written to a temporary run folder, as `spiral classify` would write them.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Audience, Label, SpeakerRole, Target } from '../../src/types.js';

export interface UttSpec {
  doc: string;
  label: Label;
  country?: string;
  year?: number;
  audience?: Audience;
  relevant?: boolean;
  speaker?: string;
  speaker_role?: SpeakerRole;
  text?: string;
  /** Whose conduct is at stake; absent = a line of a run made before targets. */
  target?: Target;
}

let counter = 0;

/** One utterances.jsonl record with defaults; ids are `${doc}:${n}`. */
export function utt(spec: UttSpec): Record<string, unknown> {
  const n = counter++;
  const record: Record<string, unknown> = {
    doc: spec.doc,
    id: `${spec.doc}:${n}`,
    n,
    country: spec.country ?? 'KEN',
    year: spec.year ?? 1990,
    audience: spec.audience ?? 'international',
    type: 'speech',
    label: spec.label,
    confidence: 0.9,
    relevant: spec.relevant ?? spec.label !== 'none',
    scores: { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 },
    evidence: [],
    flags: [],
    reported: false,
    start: 0,
    end: 1,
    text: spec.text ?? `sentence ${n}`,
  };
  if (spec.speaker_role !== undefined) record.speaker_role = spec.speaker_role;
  if (spec.speaker !== undefined) record.speaker = spec.speaker;
  if (spec.target !== undefined) record.target = spec.target;
  return record;
}

/** `count` utterances of one label in one document. */
export function many(count: number, spec: UttSpec): Array<Record<string, unknown>> {
  return Array.from({ length: count }, () => utt(spec));
}

/** A document spread: `perDoc` label counts repeated over `docs` documents named prefix-0.. */
export function docs(
  prefix: string,
  nDocs: number,
  labels: Partial<Record<Label, number>>,
  spec: Omit<UttSpec, 'doc' | 'label'> = {},
): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (let d = 0; d < nDocs; d++) {
    for (const [label, count] of Object.entries(labels) as Array<[Label, number]>) {
      out.push(...many(count, { ...spec, doc: `${prefix}-${d}`, label }));
    }
  }
  return out;
}

/** Write a run folder with utterances.jsonl (and optional extra files); returns its path. */
export function writeRun(utterances: Array<Record<string, unknown>>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiral-run-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'utterances.jsonl'), utterances.map((u) => JSON.stringify(u)).join('\n') + '\n');
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ test: true }) + '\n');
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
