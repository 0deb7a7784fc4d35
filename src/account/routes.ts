import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Store } from '../domain/store.ts';
import { csrfValid } from '../interactions/csrf.ts';
import { requestLocale } from '../interactions/locale.ts';
import { render } from '../interactions/render.ts';
import type { LiveProvider } from '../provider/live-provider.ts';
import { type Cabinet, openCabinet } from './cabinet-session.ts';
import { cabinetLogout, cabinetSignInRoutes } from './sign-in-routes.ts';
import { CABINET_TEXTS } from './texts.ts';

export interface CabinetDependencies {
  readonly provider: LiveProvider;
  readonly store: Store;
  readonly issuer: string;
  readonly clock: () => Date;
}

/** A section of the cabinet: its routes, run only for a signed-in person, who is in `ctx.state.cabinet`. */
export type CabinetSection = (router: Router<CabinetState>, deps: CabinetDependencies) => void;

export interface CabinetState {
  cabinet: Cabinet;
}

const form = bodyParser({ enableTypes: ['form'], formLimit: '64kb' });

/**
 * The personal cabinet at /account (DESIGN.md, Personal cabinet): sign-in through the provider, then the sections.
 * Every POST needs the form token; a person without a cabinet session is sent to sign in (a POST is refused, so that
 * nothing it carried is applied after a sign-in it did not ask for).
 */
export function cabinetRoutes(deps: CabinetDependencies, sections: readonly CabinetSection[]): readonly Koa.Middleware[] {
  const open = new Router({ prefix: '/account' });
  cabinetSignInRoutes(open, deps);
  open.get('/signed-out', (ctx) => {
    const locale = requestLocale(ctx);
    render(ctx, 'account/signed-out', locale, { c: CABINET_TEXTS[locale], pageTitle: CABINET_TEXTS[locale].title });
  });

  const cabinet = new Router<CabinetState>({ prefix: '/account' });
  cabinet.use(async (ctx, next) => {
    const opened = await openCabinet(ctx, deps);
    if (!opened) {
      if (ctx.method === 'GET') ctx.redirect('/account/login');
      else ctx.status = 401;
      return;
    }
    ctx.state.cabinet = opened;
    if (ctx.method === 'POST') {
      await form(ctx, async () => undefined);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (!csrfValid(ctx, body['csrf'])) {
        ctx.status = 403;
        ctx.body = 'invalid form token';
        return;
      }
    }
    await next();
  });
  cabinet.get('/', (ctx) => ctx.redirect('/account/profile'));
  cabinet.post('/logout', (ctx) => cabinetLogout(ctx, deps.issuer));
  for (const section of sections) section(cabinet, deps);

  return [open.routes() as Koa.Middleware, cabinet.routes() as Koa.Middleware];
}
