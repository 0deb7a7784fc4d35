import Koa from 'koa';
import type { Logger } from 'pino';
import type { LiveProvider } from '../provider/live-provider.ts';
import { type ReadinessCheck, healthRoutes } from './health.ts';
import { requestContext } from './request-context.ts';

export interface AppOptions {
  readonly provider: LiveProvider;
  readonly logger: Logger;
  readonly trustProxy: boolean;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  /** Kilt's own pages (the sign-in screens at /interaction/:uid, later the cabinet), served before the provider. */
  readonly routes?: readonly Koa.Middleware[];
}

export interface KiltApp {
  readonly app: Koa;
  /** From now on /readyz answers 503 and responses close their connections. */
  drain(): void;
}

export function createApp(options: AppOptions): KiltApp {
  let draining = false;
  const isDraining = () => draining;
  const app = new Koa({ proxy: options.trustProxy });
  app.use(requestContext(options.logger, isDraining));
  // Kilt's own routes sign their cookies with the provider's cookie keys, so both rotate together; set before any
  // route runs, so that a page served before the first provider request can sign its cookies too.
  app.use((ctx, next) => {
    const { keys } = options.provider.current;
    if (ctx.app.keys !== keys) ctx.app.keys = keys;
    return next();
  });
  app.use(healthRoutes(options.readiness, isDraining));
  for (const route of options.routes ?? []) app.use(route);
  app.use(options.provider.middleware);
  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    options.logger.error({ err: error, requestId: ctx?.state['requestId'] }, 'request failed');
  });
  return {
    app,
    drain() {
      draining = true;
    },
  };
}
