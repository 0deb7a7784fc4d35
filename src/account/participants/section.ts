import type { RouterContext } from '@koa/router';
import { localizedMessage } from '../../domain/messages.ts';
import { administeredCompany } from '../../domain/participants/administrator.ts';
import { PARTICIPANTS_PER_PAGE, type ParticipantActor, type ParticipantManagement } from '../../domain/participants/management.ts';
import { ParticipantError, type ParticipantErrorCode } from '../../domain/participants/participant-error.ts';
import type { ParticipantRoles } from '../../domain/participants/roles.ts';
import type { ParticipantRecord, UserRecord } from '../../domain/store.ts';
import { requestLocale } from '../../interactions/locale.ts';
import { interpolate } from '../../pki/messages.ts';
import { renderCabinet } from '../render-cabinet.ts';
import type { CabinetDependencies, CabinetSection, CabinetState } from '../routes.ts';
import { type Done, PARTICIPANT_ID, addForm, doneQuery, editForm, statusForm } from './forms.ts';
import { historyEntry, isParticipantChange } from './history.ts';
import { type View, listUrl, pager, readView } from './pager.ts';
import { type ListState, type StatusAction, roleChoices, rowModel } from './rows.ts';
import { PARTICIPANT_TEXTS } from './texts.ts';

export interface ParticipantsSectionDependencies {
  readonly management: ParticipantManagement;
  readonly roles: ParticipantRoles;
}

type Context = RouterContext<CabinetState>;

/** How many of the company's latest audit events «Журнал изменений» shows. */
const HISTORY_LIMIT = 200;

/** Refusals of what was typed answer 422, of what changed meanwhile 409; the page shows the message either way. */
const STATUS: Readonly<Partial<Record<ParticipantErrorCode, number>>> = {
  'participant.not_found': 404,
  'participant.not_administrator': 403,
  'participant.duplicate': 409,
  'participant.self': 409,
  'participant.last_administrator': 409,
  'participant.status_changed': 409,
};

/** The cabinet parsed the form already; a POST without a body is an empty form. */
const formOf = (ctx: Context): unknown => ctx.request.body ?? {};

/**
 * «Участники ЮЛ» (DESIGN.md, Personal cabinet) for the administrators of the company the cabinet acts for; anyone
 * else gets 403 on every route. A change redirects to the table (303); a refusal shows the table again with the
 * message in the form and what was typed. «Исключить» and «Восстановить» happen only with confirm=yes: the page's
 * dialog adds it, and without a script the POST first answers with the question in the row.
 */
export function participantsSection(deps: ParticipantsSectionDependencies): CabinetSection {
  const { management, roles } = deps;

  async function showList(ctx: Context, actor: ParticipantActor, requested: View, state: ListState, status = 200): Promise<void> {
    let view = requested;
    let page = await management.list(actor.bin, view);
    if (page.items.length === 0 && page.total > 0) {
      // Past the end (rows excluded elsewhere, a typed URL): the last page rather than an empty table.
      view = { ...view, page: Math.ceil(page.total / view.perPage) };
      page = await management.list(actor.bin, view);
    }
    const language = requestLocale(ctx);
    const texts = PARTICIPANT_TEXTS[language];
    const choices = roleChoices(roles, language);
    const rows = page.items.map((record) => rowModel(record, { actorIin: actor.iin, roles, locale: language, texts, state, choices }));
    const editedElsewhere = state.edit && !rows.some((row) => row.id === state.edit?.id);
    renderCabinet(ctx, ctx.state.cabinet, 'participants', 'participants', {
      p: texts,
      subtab: 'list',
      rows,
      roles: choices,
      pager: pager(view, page.total, page.items.length),
      perPageChoices: PARTICIPANTS_PER_PAGE,
      add: { open: state.add !== undefined, values: state.add?.values ?? { iin: '', role: '' }, error: state.add?.error ?? null },
      notice: state.notice ?? null,
      error: state.error ?? (editedElsewhere ? state.edit?.error : null) ?? null,
    }, status);
  }

  /** Back to the table's first page at the same rows per page, saying what was done to whom. */
  function done(ctx: Context, view: View, what: Done, participant: ParticipantRecord): void {
    ctx.redirect(listUrl({ page: 1, perPage: view.perPage }, { done: what, iin: participant.iin }));
    ctx.status = 303;
  }

  /** Runs a change; a refusal of the domain is shown on the page `view` with what `state` keeps of the form. */
  async function change(
    ctx: Context,
    actor: ParticipantActor,
    view: View,
    attempt: () => Promise<void>,
    refused: (message: string) => ListState,
  ): Promise<void> {
    try {
      await attempt();
    } catch (error) {
      if (!(error instanceof ParticipantError)) throw error;
      await showList(ctx, actor, view, refused(localizedMessage(error, requestLocale(ctx))), STATUS[error.code] ?? 422);
    }
  }

  function statusRoute(action: StatusAction) {
    return async (ctx: Context, actor: ParticipantActor): Promise<void> => {
      const body = formOf(ctx);
      const view = readView(body);
      const id = ctx.params['id']!;
      if (statusForm.parse(body).confirm !== 'yes') {
        await showList(ctx, actor, view, { confirming: { id, action } });
        return;
      }
      await change(ctx, actor, view, async () => {
        const changed = action === 'exclude' ? await management.exclude(actor, id) : await management.restore(actor, id);
        done(ctx, view, action === 'exclude' ? 'excluded' : 'restored', changed);
      }, (error) => ({ error }));
    };
  }

  return (router, cabinetDeps) => {
    /** Only the administrators of the company this cabinet acts for, by the certificate of this sign-in. */
    const administrator = (handler: (ctx: Context, actor: ParticipantActor) => Promise<void>) => async (ctx: Context): Promise<void> => {
      const { cabinet } = ctx.state;
      const bin = administeredCompany(cabinet.profile);
      if (!bin) {
        renderCabinet(ctx, cabinet, 'participants-forbidden', 'participants', {}, 403);
        return;
      }
      if (ctx.params['id'] !== undefined && !PARTICIPANT_ID.test(ctx.params['id'])) {
        ctx.status = 404;
        return;
      }
      await handler(ctx, { userId: cabinet.user.id, iin: cabinet.user.iin, bin, ip: ctx.ip });
    };

    router.get('/participants', administrator(async (ctx, actor) => {
      const said = doneQuery.safeParse(ctx.query);
      const texts = PARTICIPANT_TEXTS[requestLocale(ctx)];
      await showList(ctx, actor, readView(ctx.query), said.success ? { notice: interpolate(texts[said.data.done], { iin: said.data.iin }) } : {});
    }));

    router.get('/participants/history', administrator(async (ctx, actor) => {
      const language = requestLocale(ctx);
      const events = (await management.history(actor.bin, HISTORY_LIMIT)).filter(isParticipantChange);
      const userIds = [...new Set(events.map((event) => event.userId).filter((id) => id !== null))];
      const users = await Promise.all(userIds.map((userId) => cabinetDeps.store.users.findById(userId)));
      const actors = new Map<string, UserRecord>(users.flatMap((user) => (user ? [[user.id, user] as const] : [])));
      const texts = PARTICIPANT_TEXTS[language];
      renderCabinet(ctx, ctx.state.cabinet, 'participants-history', 'participants', {
        p: texts,
        subtab: 'history',
        entries: events.map((event) => historyEntry(event, { roles, locale: language, texts, actors })),
      });
    }));

    router.post('/participants', administrator(async (ctx, actor) => {
      const body = formOf(ctx);
      const view = readView(body);
      const values = addForm.parse(body);
      await change(ctx, actor, view, async () => done(ctx, view, 'added', await management.add(actor, values)), (error) => ({ add: { values, error } }));
    }));

    router.post('/participants/:id/edit', administrator(async (ctx, actor) => {
      const body = formOf(ctx);
      const view = readView(body);
      const id = ctx.params['id']!;
      const values = editForm.parse(body);
      const input = values.iin === undefined ? { role: values.role } : { iin: values.iin, role: values.role };
      await change(ctx, actor, view, async () => done(ctx, view, 'edited', await management.edit(actor, id, input)), (error) => ({ edit: { id, values: input, error } }));
    }));

    router.post('/participants/:id/exclude', administrator(statusRoute('exclude')));
    router.post('/participants/:id/restore', administrator(statusRoute('restore')));
  };
}
