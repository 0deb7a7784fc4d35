// The benchmark client's HTTP: HTTP/1.1 written and read on kept-alive sockets, as a browser keeps its connections.
// node:http's client costs several times the CPU per request, and the client shares the two cores with the Kilt it
// measures. Enough of HTTP for Kilt's answers: a Content-Length or chunked body, one response per request.
import { type Socket, connect } from 'node:net';

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names; set-cookie as a list, the others as their last value. */
  readonly headers: { readonly [name: string]: string | readonly string[] | undefined; readonly 'set-cookie': readonly string[]; readonly location?: string };
  readonly body: string;
}

export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const idleSockets = new Map<string, Socket[]>();

interface Head {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly setCookies: string[];
  readonly bodyAt: number;
}

function parseHead(bytes: Buffer): Head | undefined {
  const end = bytes.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const [statusLine, ...lines] = bytes.toString('latin1', 0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine!);
  if (!status) throw new Error(`not an HTTP response: ${statusLine}`);
  const headers: Record<string, string> = {};
  const setCookies: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'set-cookie') setCookies.push(value);
    else headers[name] = value;
  }
  return { status: Number(status[1]), headers, setCookies, bodyAt: end + HEADER_END.length };
}

/** The body once all of it is in `bytes`: by Content-Length, or the chunks up to the last one (no trailers). */
function completeBody(head: Head, bytes: Buffer): Buffer | undefined {
  if (head.headers['transfer-encoding'] === 'chunked') {
    const chunks: Buffer[] = [];
    for (let at = head.bodyAt; ; ) {
      const lineEnd = bytes.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(bytes.toString('latin1', at, lineEnd), 16);
      if (size === 0) return bytes.length >= lineEnd + 4 ? Buffer.concat(chunks) : undefined;
      if (bytes.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const declared = head.headers['content-length'];
  if (declared === undefined && head.status !== 204 && head.status !== 304) throw new Error(`a response without Content-Length (${head.status})`);
  const length = Number(declared ?? 0);
  return bytes.length >= head.bodyAt + length ? bytes.subarray(head.bodyAt, head.bodyAt + length) : undefined;
}

function socketFor(url: URL): Socket {
  const socket = idleSockets.get(url.host)?.pop();
  if (socket) return socket;
  const fresh = connect({ host: url.hostname, port: Number(url.port || 80), noDelay: true });
  // A socket the server closes while it waits in the pool leaves the pool.
  fresh.on('close', () => {
    const idle = idleSockets.get(url.host);
    if (idle?.includes(fresh)) idle.splice(idle.indexOf(fresh), 1);
  });
  fresh.on('error', () => undefined);
  return fresh;
}

function release(url: URL, socket: Socket): void {
  let idle = idleSockets.get(url.host);
  if (!idle) idleSockets.set(url.host, (idle = []));
  idle.push(socket);
}

export function httpRequest(url: URL, options: HttpRequest = {}): Promise<HttpResponse> {
  const { body = '' } = options;
  const lines = [`${options.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`${name}: ${value}`);
  if (options.body !== undefined) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  const socket = socketFor(url);
  return new Promise((resolve, reject) => {
    let received: Buffer = Buffer.alloc(0);
    let head: Head | undefined;
    const finish = (error?: Error) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
    };
    const onClose = () => finish(new Error(`the connection to ${url.host} closed before the response to ${url.pathname} was complete`));
    const onData = (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      try {
        head ??= parseHead(received);
        const content = head && completeBody(head, received);
        if (!head || !content) return;
        finish();
        if (head.headers['connection'] === 'close') socket.destroy();
        else release(url, socket);
        resolve({ status: head.status, headers: { ...head.headers, 'set-cookie': head.setCookies }, body: content.toString('utf8') });
      } catch (error) {
        socket.destroy();
        finish(error as Error);
      }
    };
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}
