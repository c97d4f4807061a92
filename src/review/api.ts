// The review server's routes, as a function from a request to a response, so
// every refusal (non-loopback peer, foreign Host or Origin, unknown route,
// wrong method, oversized or malformed body, unknown id) is tested without
// sockets. http.ts adapts node:http to it. Nothing changes unless a
// well-formed decision for a queued utterance arrives.
import { describeEvidence, highlightPieces } from '../report/highlight.js';
import { REVIEW_PAGE_CSP, reviewPage } from './page.js';
import { DecisionRejected, parseDecisionInput, type ReviewSession } from './session.js';
import type { QueueItem } from './queue.js';

/** Largest request body accepted (bytes): a decision with a full note fits many times over. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ApiRequest {
  method: string;
  /** The request target as sent (path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | undefined;
  /** Read the body; rejects with BodyTooLarge past MAX_BODY_BYTES. */
  body: () => Promise<Buffer>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class BodyTooLarge extends Error {
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLarge';
  }
}

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function json(status: number, value: unknown, extra: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...extra }, body: JSON.stringify(value) };
}

function error(status: number, message: string, extra: Record<string, string> = {}): ApiResponse {
  return json(status, { error: message }, extra);
}

function page(): ApiResponse {
  return {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REVIEW_PAGE_CSP },
    body: reviewPage(),
  };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127(\.\d{1,3}){3}$/.test(v4) || address === '::1';
}

function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The item as the page gets it: highlighted pieces instead of raw offsets. */
export function itemView(item: QueueItem, session: ReviewSession) {
  return {
    index: item.index,
    total: session.queue.length,
    id: item.id,
    doc: item.doc,
    n: item.n,
    country: item.country,
    year: item.year,
    venue: item.venue,
    speaker: item.speaker,
    label: item.label,
    confidence: item.confidence,
    target: item.target,
    margin: item.margin ?? null,
    flags: item.flags,
    pieces: highlightPieces(item.text, item.evidence).map((p) => ({
      text: p.text,
      rules: p.evidence.map(describeEvidence),
      weak: p.evidence.length > 0 && p.evidence.every((e) => e.negated || e.effect === 'dropped'),
    })),
    evidence: item.evidence.map((e) => `${describeEvidence(e)}: “${e.text}”`),
    before: item.before,
    after: item.after,
    decision: session.decisionFor(item.id),
    elsewhere: session.decisionElsewhere(item.id),
  };
}

type Route = { kind: 'page' } | { kind: 'state' } | { kind: 'item'; index: number } | { kind: 'decisions' };

const ITEM_PATH = /^\/api\/items\/(0|[1-9]\d{0,9})$/;

/** Only exact paths: anything else (including "..", encoded or not) is not a route. */
function route(url: string): Route | null {
  const path = url.split('?')[0];
  if (path === '/') return { kind: 'page' };
  if (path === '/api/state') return { kind: 'state' };
  if (path === '/api/decisions') return { kind: 'decisions' };
  const m = ITEM_PATH.exec(path);
  return m ? { kind: 'item', index: Number(m[1]) } : null;
}

const METHODS: Record<Route['kind'], string> = { page: 'GET', state: 'GET', item: 'GET', decisions: 'POST' };

export interface ApiOptions {
  /** The port the server listens on: Host and Origin must name it. */
  port: () => number;
}

export function createReviewApi(session: ReviewSession, options: ApiOptions): (req: ApiRequest) => Promise<ApiResponse> {
  const allowedHosts = () => new Set([`127.0.0.1:${options.port()}`, `localhost:${options.port()}`]);

  async function postDecision(req: ApiRequest): Promise<ApiResponse> {
    const origin = header(req, 'origin');
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return error(403, 'cross-origin request refused');
    const type = header(req, 'content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return error(415, 'Content-Type must be application/json');
    const length = Number(header(req, 'content-length') ?? '0');
    if (length > MAX_BODY_BYTES) return error(413, `request body over ${MAX_BODY_BYTES} bytes`);
    let raw: Buffer;
    try {
      raw = await req.body();
    } catch (err) {
      if (err instanceof BodyTooLarge) return error(413, err.message);
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return error(400, 'body is not valid UTF-8 JSON');
    }
    try {
      const result = await session.decide(parseDecisionInput(value));
      return json(200, result);
    } catch (err) {
      if (err instanceof DecisionRejected) return error(err.status, err.message);
      throw err;
    }
  }

  return async (req) => {
    if (!isLoopbackAddress(req.remoteAddress)) return error(403, 'only loopback connections are served');
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (!allowedHosts().has(header(req, 'host') ?? '')) return error(403, 'unexpected Host header');
    const r = route(req.url);
    if (!r) return error(404, 'not found');
    if (req.method !== METHODS[r.kind]) return error(405, `method ${req.method} not allowed`, { Allow: METHODS[r.kind] });
    switch (r.kind) {
      case 'page':
        return page();
      case 'state':
        return json(200, session.state());
      case 'item': {
        const item = session.item(r.index);
        return item ? json(200, itemView(item, session)) : error(404, `no item ${r.index} (the queue has ${session.queue.length})`);
      }
      case 'decisions':
        return postDecision(req);
    }
  };
}
