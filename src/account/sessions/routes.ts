import { z } from 'zod';
import { type Actor, type SessionView, endAllSessions, endSession, sessionsOf } from '../../domain/account/sessions.ts';
import type { ClientRepository } from '../../domain/store.ts';
import { requestLocale } from '../../interactions/locale.ts';
import { ACCOUNT_CLIENT_ID } from '../account-client.ts';
import { type Cabinet, forgetCabinet } from '../cabinet-session.ts';
import { displayTime } from '../../domain/kazakh-time.ts';
import { renderCabinet } from '../render-cabinet.ts';
import type { CabinetSection } from '../routes.ts';
import { SESSIONS_TEXTS, type SessionsTexts } from './texts.ts';

const endForm = z.object({ session: z.string().min(1).max(128) });
const redirectsSchema = z.object({ redirect_uris: z.array(z.url()).min(1) });

const actorOf = (cabinet: Cabinet, ip: string): Actor => ({ userId: cabinet.user.id, sessionUid: cabinet.sessionUid, ip });

/** The client id and, so that a person knows which portal it is, the host it sends people back to. */
async function applicationName(clients: ClientRepository, clientId: string, s: SessionsTexts): Promise<string> {
  if (clientId === ACCOUNT_CLIENT_ID) return s.cabinetClient;
  const redirects = redirectsSchema.safeParse((await clients.find(clientId))?.metadata);
  return redirects.success ? `${clientId} (${new URL(redirects.data.redirect_uris[0]!).host})` : clientId;
}

async function rows(clients: ClientRepository, sessions: readonly SessionView[], s: SessionsTexts) {
  const clientIds = [...new Set(sessions.flatMap((session) => session.clients.map((client) => client.clientId)))];
  const names = new Map(await Promise.all(clientIds.map(async (clientId) => [clientId, await applicationName(clients, clientId, s)] as const)));
  return sessions.map(({ clients: used, ...session }) => ({
    ...session,
    applications: used.map((client) => ({ name: names.get(client.clientId), profile: client.profile })),
  }));
}

/**
 * «Сеансы»: the person's provider sessions, with «Выйти» per session and «Выйти везде». Ending the session the
 * cabinet is open in, or all of them, signs the cabinet out too.
 */
export const sessionsSection: CabinetSection = (router, deps) => {
  router.get('/sessions', async (ctx) => {
    const s = SESSIONS_TEXTS[requestLocale(ctx)];
    const sessions = await sessionsOf(deps.store, actorOf(ctx.state.cabinet, ctx.ip));
    renderCabinet(ctx, ctx.state.cabinet, 'sessions', 'sessions', {
      s, sessions: await rows(deps.store.clients, sessions, s), ended: ctx.query['ended'] === '1', when: displayTime,
    });
  });

  router.post('/sessions/end', async (ctx) => {
    const form = endForm.safeParse(ctx.request.body);
    if (!form.success) {
      ctx.status = 400;
      return;
    }
    const { cabinet } = ctx.state;
    const ended = await endSession(deps.store, actorOf(cabinet, ctx.ip), form.data.session, deps.clock());
    if (form.data.session === cabinet.sessionUid) {
      forgetCabinet(ctx);
      ctx.redirect('/account/signed-out');
      return;
    }
    ctx.redirect(ended ? '/account/sessions?ended=1' : '/account/sessions');
  });

  router.post('/sessions/end-all', async (ctx) => {
    await endAllSessions(deps.store, actorOf(ctx.state.cabinet, ctx.ip), deps.clock());
    forgetCabinet(ctx);
    ctx.redirect('/account/signed-out');
  });
};
