import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';

const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Gives each request an id (the caller's X-Request-Id when it is sane, so a proxy's id follows the request through)
 * and logs one line when it ends. The path is logged without its query, which can carry id_token_hint.
 */
export function requestContext(logger: Logger, draining: () => boolean): Koa.Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    ctx.state['requestId'] = requestId;
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
      // Checked after the handler, before koa answers: requests that were in flight when shutdown began close too.
      if (draining()) ctx.set('Connection', 'close');
    } finally {
      const line = { requestId, method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round(performance.now() - started) };
      if (PROBES.has(ctx.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    }
  };
}
