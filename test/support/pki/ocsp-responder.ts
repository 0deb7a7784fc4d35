// A real OCSP responder on 127.0.0.1 for the test PKI, with failure modes that can be switched between requests.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OcspResponseOptions, buildOcspResponse } from './ocsp-response.ts';
import type { TestPki } from './pki.ts';

/**
 * 'http500' and 'connectionClosed': the responder is unavailable. 'wrongNonce', 'notAResponder' (signed by a key
 * without EKU OCSPSigning) and 'tryLater' answer, but with a response the client must reject.
 */
export type OcspFailure = 'none' | 'http500' | 'connectionClosed' | 'wrongNonce' | 'notAResponder' | 'tryLater';

export interface OcspResponderOptions {
  /** Default 0 (any free port); a fixed port lets the PKI's AIA name the responder before it starts. */
  readonly port?: number;
  readonly failure?: OcspFailure;
  /** Applied to every response; the failure mode overrides what it concerns. */
  readonly response?: OcspResponseOptions;
}

export interface OcspResponder {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** Requests received, including failed ones. */
  readonly requestCount: number;
  failure: OcspFailure;
  response: OcspResponseOptions;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 64 * 1024;

const FAILURE_OPTIONS: Readonly<Record<OcspFailure, OcspResponseOptions>> = {
  none: {},
  http500: {},
  connectionClosed: {},
  wrongNonce: { nonce: 'wrong' },
  notAResponder: { signedBy: 'notAResponder' },
  tryLater: { status: 'tryLater' },
};

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** POST body, or RFC 6960 Appendix A.1 GET: the URL-encoded base64 DER after the path's first slash. */
async function requestDer(request: IncomingMessage): Promise<Uint8Array | undefined> {
  if (request.method === 'POST') return readBody(request);
  if (request.method !== 'GET') return undefined;
  const encoded = decodeURIComponent((request.url ?? '/').slice(1));
  return encoded ? new Uint8Array(Buffer.from(encoded, 'base64')) : undefined;
}

export async function startOcspResponder(pki: TestPki, options: OcspResponderOptions = {}): Promise<OcspResponder> {
  let requestCount = 0;
  const handle = async (request: IncomingMessage, reply: ServerResponse) => {
    requestCount += 1;
    const { failure } = responder;
    if (failure === 'connectionClosed') return void request.socket.destroy();
    if (failure === 'http500') return void reply.writeHead(500, { 'content-type': 'text/plain' }).end('responder unavailable');
    const der = await requestDer(request);
    if (!der) return void reply.writeHead(400, { 'content-type': 'text/plain' }).end('expected an OCSPRequest');
    const body = buildOcspResponse(pki, der, { ...responder.response, ...FAILURE_OPTIONS[failure] });
    reply.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length }).end(body);
  };
  const server = createServer((request, reply) => {
    handle(request, reply).catch((error: unknown) => {
      if (reply.headersSent) reply.destroy();
      else reply.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const responder: OcspResponder = {
    url: `http://127.0.0.1:${port}/`,
    get requestCount() {
      return requestCount;
    },
    failure: options.failure ?? 'none',
    response: options.response ?? {},
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return responder;
}
