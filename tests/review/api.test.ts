import { describe, expect, it } from 'vitest';
import { readUtteranceLine } from '../../src/run/lines.js';
import { BodyTooLarge, createReviewApi, isLoopbackAddress, MAX_BODY_BYTES, type ApiRequest } from '../../src/review/api.js';
import type { ReviewRecord } from '../../src/review/log.js';
import { QueueBuilder } from '../../src/review/queue.js';
import { ReviewSession } from '../../src/review/session.js';
import { HOSTILE_TEXT, utteranceRecord } from '../report/run-fixture.js';

const PORT = 4999;

function setup() {
  const builder = new QueueBuilder();
  builder.add(readUtteranceLine(utteranceRecord({ doc: 'a', n: 0, text: 'before' })));
  builder.add(
    readUtteranceLine(
      utteranceRecord({ doc: 'a', n: 1, text: HOSTILE_TEXT, label: 'denial', flags: ['conflict'], evidence: [{ rule: 'r<1>', start: 3, end: 9 }] }),
    ),
  );
  builder.add(readUtteranceLine(utteranceRecord({ doc: 'a', n: 2, text: 'second', label: 'denial', flags: ['negated'] })));
  const written: ReviewRecord[] = [];
  const session = new ReviewSession(builder.finish(), [], { append: async (r) => void written.push(r) }, { now: () => new Date(0) });
  return { api: createReviewApi(session, { port: () => PORT }), session, written };
}

function req(method: string, url: string, options: { body?: string; headers?: Record<string, string>; remote?: string } = {}): ApiRequest {
  const body = Buffer.from(options.body ?? '');
  return {
    method,
    url,
    headers: {
      host: `127.0.0.1:${PORT}`,
      ...(options.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
      ...options.headers,
    },
    remoteAddress: options.remote ?? '127.0.0.1',
    body: async () => {
      if (body.length > MAX_BODY_BYTES) throw new BodyTooLarge();
      return body;
    },
  };
}

const decision = JSON.stringify({ id: 'a:1', decision: 'accept' });

describe('review API', () => {
  it('serves the page with a strict CSP, the state and items', async () => {
    const { api } = setup();
    const page = await api(req('GET', '/'));
    expect(page.status).toBe(200);
    expect(page.headers['Content-Security-Policy']).toMatch(/default-src 'none'; script-src 'sha256-/);
    expect(JSON.parse((await api(req('GET', '/api/state'))).body)).toMatchObject({ total: 2, done: 0, position: 0 });
    const item = JSON.parse((await api(req('GET', '/api/items/0'))).body);
    expect(item).toMatchObject({ index: 0, id: 'a:1', label: 'denial', flags: ['conflict'], before: ['before'], after: ['second'], decision: null });
    // Text travels as JSON data, split into pieces; the page puts it in the DOM as text.
    expect(item.pieces.map((p: { text: string }) => p.text).join('')).toBe(HOSTILE_TEXT);
    expect(item.pieces[1]).toEqual({ text: 'reject', rules: ['r<1> (denial, weight 1)'], weak: false });
  });

  it('records a well-formed decision and says what comes next', async () => {
    const { api, written } = setup();
    const res = await api(req('POST', '/api/decisions', { body: decision, headers: { origin: `http://127.0.0.1:${PORT}` } }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ next: 1, record: { id: 'a:1', decision: 'accept' }, state: { done: 1 } });
    expect(written).toHaveLength(1);
  });

  const refusals: Array<[string, () => ApiRequest, number]> = [
    ['a peer that is not loopback', () => req('GET', '/api/state', { remote: '192.168.1.20' }), 403],
    ['a missing peer address', () => ({ ...req('GET', '/'), remoteAddress: undefined }), 403],
    ['a foreign Host (DNS rebinding)', () => req('GET', '/api/state', { headers: { host: 'evil.example:4999' } }), 403],
    ['a cross-origin POST', () => req('POST', '/api/decisions', { body: decision, headers: { origin: 'http://evil.example' } }), 403],
    ['an unknown route', () => req('GET', '/admin'), 404],
    ['a traversal to the run folder', () => req('GET', '/../reviews.jsonl'), 404],
    ['an encoded traversal', () => req('GET', '/%2e%2e/%2e%2e/etc/passwd'), 404],
    ['a traversal under the API', () => req('GET', '/api/items/../../run.json'), 404],
    ['a backslash traversal', () => req('GET', '/..\\..\\etc\\passwd'), 404],
    ['an item index past the end', () => req('GET', '/api/items/2'), 404],
    ['a non-numeric item index', () => req('GET', '/api/items/-1'), 404],
    ['GET on the decision route', () => req('GET', '/api/decisions'), 405],
    ['POST on the page', () => req('POST', '/', { body: decision }), 405],
    ['DELETE on the state', () => req('DELETE', '/api/state'), 405],
    ['a form post', () => req('POST', '/api/decisions', { body: decision, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415],
    ['invalid JSON', () => req('POST', '/api/decisions', { body: '{"id":' }), 400],
    ['invalid UTF-8', () => ({ ...req('POST', '/api/decisions', { body: decision }), body: async () => Buffer.from([0x7b, 0xff, 0x7d]) }), 400],
    ['an unknown id', () => req('POST', '/api/decisions', { body: JSON.stringify({ id: 'zzz', decision: 'accept' }) }), 404],
    ['a bad label', () => req('POST', '/api/decisions', { body: JSON.stringify({ id: 'a:1', decision: 'relabel', label: 'denail' }) }), 400],
    ['a declared body over the limit', () => req('POST', '/api/decisions', { body: decision, headers: { 'content-length': String(MAX_BODY_BYTES + 1) } }), 413],
    [
      'a streamed body over the limit',
      () =>
        req('POST', '/api/decisions', {
          body: JSON.stringify({ id: 'a:1', decision: 'accept', note: 'x'.repeat(MAX_BODY_BYTES) }),
          headers: { 'content-length': '10' },
        }),
      413,
    ],
  ];

  it.each(refusals)('refuses %s and changes nothing', async (_name, make, status) => {
    const { api, session, written } = setup();
    const res = await api(make());
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error).toEqual(expect.any(String));
    expect(written).toEqual([]);
    expect(session.state().done).toBe(0);
    if (status === 405) expect(res.headers.Allow).toMatch(/^(GET|POST)$/);
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '1127.0.0.1', '', undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });
});
