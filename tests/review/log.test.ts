import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { latestDecisions, parseReviewLog, serialiseRecord, type ReviewRecord } from '../../src/review/log.js';
import { ReviewLogFile } from '../../src/review/log-file.js';

function record(id: string, decision: ReviewRecord['decision'] = 'accept', extra: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    id,
    doc: 'd',
    text: `text ${id}`,
    proposed_label: 'denial',
    decision,
    label: decision === 'skip' ? null : 'denial',
    timestamp: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('parsing reviews.jsonl', () => {
  it('reads every line; the latest decision per utterance wins', () => {
    const text = [record('a'), record('b', 'skip'), record('a', 'relabel', { label: 'none' })].map(serialiseRecord).join('');
    const parsed = parseReviewLog(bytes(text), 'reviews.jsonl');
    expect(parsed.records).toHaveLength(3);
    expect(parsed.warnings).toEqual([]);
    const latest = latestDecisions(parsed.records);
    expect(latest.get('a')).toMatchObject({ decision: 'relabel', label: 'none' });
    expect(latest.get('b')).toMatchObject({ decision: 'skip', label: null });
  });

  it('ignores a truncated last line with a warning naming file and line', () => {
    const complete = serialiseRecord(record('a')) + serialiseRecord(record('b'));
    const parsed = parseReviewLog(bytes(complete + '{"id":"c","doc":"d","te'), 'R/reviews.jsonl');
    expect(parsed.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(parsed.truncated).toBe(true);
    expect(parsed.completeBytes).toBe(Buffer.byteLength(complete));
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/^R\/reviews\.jsonl:3: incomplete last line ignored/);
  });

  it('rejects a corrupt line in the middle with file:line', () => {
    const text = serialiseRecord(record('a')) + '{"id":"b",\n' + serialiseRecord(record('c'));
    expect(() => parseReviewLog(bytes(text), 'R/reviews.jsonl')).toThrow(/^R\/reviews\.jsonl:2: not valid JSON/);
  });

  it('rejects a complete line with a bad decision or label, naming the line', () => {
    const bad = JSON.stringify({ ...record('b'), label: 'denail' }) + '\n';
    expect(() => parseReviewLog(bytes(serialiseRecord(record('a')) + bad), 'f')).toThrow(/^f:2: bad label "denail" for decision accept/);
    const skipWithLabel = JSON.stringify({ ...record('b', 'skip'), label: 'denial' }) + '\n';
    expect(() => parseReviewLog(bytes(skipWithLabel + serialiseRecord(record('a'))), 'f')).toThrow(/^f:1: bad label "denial" for decision skip/);
  });

  it('accepts a last line that is complete but lacks its newline', () => {
    const parsed = parseReviewLog(bytes(serialiseRecord(record('a')) + JSON.stringify(record('b'))), 'f');
    expect(parsed.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(parsed.missingFinalNewline).toBe(true);
    expect(parsed.truncated).toBe(false);
  });

  it('skips blank lines and CRLF endings', () => {
    const parsed = parseReviewLog(bytes(`\n${JSON.stringify(record('a'))}\r\n\n`), 'f');
    expect(parsed.records.map((r) => r.id)).toEqual(['a']);
  });
});

describe('the reviews.jsonl file', () => {
  afterEach(() => vi.restoreAllMocks());

  async function tempFile(): Promise<string> {
    return join(await mkdtemp(join(tmpdir(), 'spiral-reviews-')), 'reviews.jsonl');
  }

  it('drops a partial last line on open, so the next append starts a clean line', async () => {
    const file = await tempFile();
    writeFileSync(file, serialiseRecord(record('a')) + '{"id":"partial');
    const opened = await ReviewLogFile.open(file);
    expect(opened.records.map((r) => r.id)).toEqual(['a']);
    expect(opened.warnings[0]).toMatch(/reviews\.jsonl:2: incomplete last line ignored/);
    await opened.log.append(record('b'));
    await opened.log.close();
    const reread = parseReviewLog(readFileSync(file), file);
    expect(reread.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(reread.warnings).toEqual([]);
  });

  it('adds the missing newline before appending after a complete last line', async () => {
    const file = await tempFile();
    writeFileSync(file, JSON.stringify(record('a')));
    const opened = await ReviewLogFile.open(file);
    await opened.log.append(record('b'));
    await opened.log.close();
    expect(parseReviewLog(readFileSync(file), file).records.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('resolves an append only after the line is written and fsynced', async () => {
    const file = await tempFile();
    const opened = await ReviewLogFile.open(file);
    const probe = await open(join(file, '..', 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void>; write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const events: string[] = [];
    const realSync = proto.sync;
    const realWrite = proto.write;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
      events.push('sync');
      return realSync.call(this);
    });
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      events.push('write');
      return realWrite.apply(this, args);
    });
    await opened.log.append(record('a')).then(() => events.push('resolved'));
    await opened.log.append(record('b')).then(() => events.push('resolved'));
    expect(events).toEqual(['write', 'sync', 'resolved', 'write', 'sync', 'resolved']);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    await opened.log.close();
  });

  it('keeps concurrent appends whole and in call order', async () => {
    const file = await tempFile();
    const opened = await ReviewLogFile.open(file);
    const note = 'x'.repeat(5000);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => opened.log.append(record(id, 'accept', { note }))));
    await opened.log.close();
    expect(parseReviewLog(readFileSync(file), file).records.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
