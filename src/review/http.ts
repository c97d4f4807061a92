// node:http adapter for the review API. Binds to 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLarge, createReviewApi, MAX_BODY_BYTES, type ApiRequest } from './api.js';
import { ReviewError } from './errors.js';
import type { ReviewSession } from './session.js';

/** The only address the review server listens on. */
export const REVIEW_HOST = '127.0.0.1';
/** Default port of `spiral review`. */
export const DEFAULT_REVIEW_PORT = 4178;
/** A request that takes longer than this (ms) to arrive is dropped. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The host option accepts the loopback address (or its name) and nothing else. */
export function checkReviewHost(host: string | undefined): string {
  if (host === undefined || host === REVIEW_HOST || host === 'localhost') return REVIEW_HOST;
  throw new ReviewError(`--host ${host}: the review server listens on ${REVIEW_HOST} only (decisions and statements stay on this machine)`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume(); // drain the rest so the 413 can be sent
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ReviewServer {
  url: string;
  port: number;
  /** Stop accepting, end open connections; resolves when closed. */
  close(): Promise<void>;
  /** Resolves when the server has closed (by close() or an error). */
  closed: Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Called with errors of single requests (the server keeps running). */
  onError?: (err: unknown) => void;
}

export async function startReviewServer(session: ReviewSession, options: ServeOptions = {}): Promise<ReviewServer> {
  const host = checkReviewHost(options.host);
  let port = options.port ?? DEFAULT_REVIEW_PORT;
  const api = createReviewApi(session, { port: () => port });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const request: ApiRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      body: () => readBody(req),
    };
    try {
      const response = await api(request);
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(Buffer.byteLength(response.body)) });
      res.end(response.body);
    } catch (err) {
      options.onError?.(err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: 'internal error: the decision was not saved' }));
    }
  };

  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new ReviewError(`port ${port} is in use; choose another with --port (0 picks a free one)`) : err),
    );
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${host}:${port}/`,
    port,
    closed,
    close: async () => {
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
