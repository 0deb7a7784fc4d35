import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting connections and resolves once in-flight requests are answered (or the deadline passes). */
  close(deadlineMs: number): Promise<void>;
}

export async function listen(app: Koa, port: number, host?: string): Promise<RunningServer> {
  const server = createServer(app.callback());
  // Requests being answered: once none is left at shutdown, the remaining connections are dropped at once. Browsers
  // keep sockets open that never carried a request, which closeIdleConnections leaves alone, so waiting for them
  // would always run into the deadline.
  let inFlight = 0;
  let whenIdle: (() => void) | undefined;
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) whenIdle?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(deadlineMs) {
      return new Promise((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
        deadline.unref();
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
        whenIdle = () => server.closeAllConnections();
        if (inFlight === 0) whenIdle();
      });
    },
  };
}
