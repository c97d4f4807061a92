import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGold } from '../../src/eval/gold.js';
import { checkReviewHost, openReviewSession, startReviewServer, type ReviewServer } from '../../src/review/index.js';
import { parseReviewLog } from '../../src/review/log.js';
import { runCli } from '../helpers/cli.js';
import { sampleRun, writeFixtureRun } from '../report/run-fixture.js';

const open: Array<{ server: ReviewServer; close: () => Promise<void> }> = [];

async function serve(dir: string) {
  let t = Date.UTC(2024, 4, 1);
  const opened = await openReviewSession(dir, { now: () => new Date((t += 1000)) });
  const server = await startReviewServer(opened.session, { port: 0 });
  const entry = { server, close: async () => (await server.close(), await opened.log.close()) };
  open.push(entry);
  return { ...opened, server, close: entry.close };
}

afterEach(async () => {
  for (const e of open.splice(0)) await e.close().catch(() => undefined);
});

/** A raw request: the path goes out exactly as written (fetch would normalise "..") */
function raw(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

const post = (port: number, value: unknown) => raw(port, 'POST', '/api/decisions', JSON.stringify(value), { 'content-type': 'application/json' });

describe('review server', () => {
  it('listens on 127.0.0.1 only and refuses any other host', async () => {
    const { server } = await serve(writeFixtureRun(sampleRun()));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(checkReviewHost('localhost')).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '192.168.0.2', 'example.org']) expect(() => checkReviewHost(host)).toThrow(/127\.0\.0\.1 only/);
    await expect(raw(server.port, 'GET', '/')).resolves.toMatchObject({ status: 200 });
  });

  it('has the decision on disk when the response confirms it', async () => {
    const dir = writeFixtureRun(sampleRun());
    const { server } = await serve(dir);
    const state = JSON.parse((await raw(server.port, 'GET', '/api/state')).body);
    expect(state).toMatchObject({ total: 10, done: 0, position: 0 });
    const first = JSON.parse((await raw(server.port, 'GET', '/api/items/0')).body);
    const res = await post(server.port, { id: first.id, decision: 'relabel', label: 'none', note: 'not about rights' });
    expect(res.status).toBe(200);
    const onDisk = parseReviewLog(readFileSync(join(dir, 'reviews.jsonl')), 'reviews.jsonl').records;
    expect(onDisk).toEqual([
      expect.objectContaining({
        id: first.id,
        decision: 'relabel',
        label: 'none',
        proposed_label: first.label,
        note: 'not about rights',
        timestamp: '2024-05-01T00:00:01.000Z',
      }),
    ]);
  });

  it('answers traversal attempts, oversized and malformed bodies with 4xx and writes nothing', async () => {
    const dir = writeFixtureRun(sampleRun());
    const { server } = await serve(dir);
    const attempts = await Promise.all([
      raw(server.port, 'GET', '/../utterances.jsonl'),
      raw(server.port, 'GET', '/%2e%2e/run.json'),
      raw(server.port, 'GET', '/api/items/..%2f..%2frun.json'),
      raw(server.port, 'GET', '//etc/passwd'),
      raw(server.port, 'PUT', '/api/decisions', '{}', { 'content-type': 'application/json' }),
      raw(server.port, 'POST', '/api/decisions', Buffer.alloc(64 * 1024, 0x61), { 'content-type': 'application/json' }),
      raw(server.port, 'POST', '/api/decisions', '{"id": "KEN_1990.txt:3", "decision": ', { 'content-type': 'application/json' }),
      post(server.port, { id: 'KEN_1990.txt:3', decision: 'relabel', label: 'approval' }),
      post(server.port, { id: 'nowhere:1', decision: 'accept' }),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 405, 413, 400, 400, 404]);
    expect(readFileSync(join(dir, 'reviews.jsonl'), 'utf8')).toBe('');
    // And the server still works afterwards.
    expect((await post(server.port, { id: 'KEN_1990.txt:3', decision: 'accept' })).status).toBe(200);
  });

  it('resumes at the first undecided item after a restart', async () => {
    const dir = writeFixtureRun(sampleRun());
    const a = await serve(dir);
    for (let i = 0; i < 3; i++) {
      const item = JSON.parse((await raw(a.server.port, 'GET', `/api/items/${i}`)).body);
      expect((await post(a.server.port, { id: item.id, decision: i === 1 ? 'skip' : 'accept' })).status).toBe(200);
    }
    await a.close();
    const b = await serve(dir);
    expect(JSON.parse((await raw(b.server.port, 'GET', '/api/state')).body)).toMatchObject({
      done: 3,
      position: 3,
      counts: { accept: 2, relabel: 0, skip: 1 },
    });
  });

  it('refuses to start on a run with a corrupt decision line in the middle of reviews.jsonl', async () => {
    const dir = writeFixtureRun(sampleRun());
    writeFileSync(join(dir, 'reviews.jsonl'), 'garbage\n{"also": "garbage"}\n');
    await expect(openReviewSession(dir)).rejects.toThrow(`${join(dir, 'reviews.jsonl')}:1: not valid JSON`);
  });
});

describe('spiral review (CLI)', () => {
  it('refuses a host other than 127.0.0.1 with exit 2', async () => {
    const dir = writeFixtureRun(sampleRun());
    const result = await runCli(['review', dir, '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--host 0\.0\.0\.0: the review server listens on 127\.0\.0\.1 only/);
    expect(existsSync(join(dir, 'reviews.jsonl'))).toBe(false);
  });

  it('refuses a bad port', async () => {
    const result = await runCli(['review', writeFixtureRun(sampleRun()), '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be 0–65535');
  });
});

describe('spiral review export', () => {
  it('writes the latest decision per utterance as gold lines that spiral eval reads, without skips', async () => {
    const dir = writeFixtureRun(sampleRun());
    const s = await serve(dir);
    await post(s.server.port, { id: 'KEN_1992.txt:5', decision: 'accept', note: '<script>x</script>' });
    await post(s.server.port, { id: 'CHL_1988.txt:1', decision: 'accept' });
    await post(s.server.port, { id: 'CHL_1988.txt:1', decision: 'relabel', label: 'rhetorical_action' });
    await post(s.server.port, { id: 'KEN_1990.txt:3', decision: 'skip' });
    await s.close();
    const out = join(dir, 'gold', 'review.jsonl');
    const result = await runCli(['review', 'export', dir, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 decisions written, 1 skipped utterances left out');
    const text = readFileSync(out, 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        id: 'CHL_1988.txt:1',
        text: 'We deny these allegations entirely.',
        label: 'rhetorical_action',
        country: 'CHL',
        year: 1988,
        source: 'review',
        sampled_by: 'flagged',
      },
      {
        id: 'KEN_1992.txt:5',
        text: expect.stringContaining('<script>window.__pwned=1</script>'),
        label: 'denial',
        country: 'KEN',
        year: 1992,
        source: 'review',
        sampled_by: 'flagged',
        note: '<script>x</script>',
      },
    ]);
    const gold = parseGold(text, out);
    expect(gold.map((g) => [g.id, g.label, g.meta.source])).toEqual([
      ['CHL_1988.txt:1', 'rhetorical_action', 'review'],
      ['KEN_1992.txt:5', 'denial', 'review'],
    ]);
  });

  it('says when a run has no reviews yet', async () => {
    const dir = writeFixtureRun(sampleRun());
    const result = await runCli(['review', 'export', dir, '--out', join(dir, 'g.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reviews\.jsonl: no reviews yet/);
  });

  it('names file:line of a corrupt reviews.jsonl', async () => {
    const dir = writeFixtureRun(sampleRun());
    writeFileSync(join(dir, 'reviews.jsonl'), '{"id":1}\n{}\n');
    const result = await runCli(['review', 'export', dir, '--out', join(dir, 'g.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'reviews.jsonl')}:1: missing "id"`);
  });
});
