import { z } from 'zod';
import { requestLocale } from '../../interactions/locale.ts';
import { displayTime } from '../../domain/kazakh-time.ts';
import { renderCabinet } from '../render-cabinet.ts';
import type { CabinetSection } from '../routes.ts';
import { describeEvent } from './event-texts.ts';
import { JOURNAL_TEXTS } from './texts.ts';

const STEP = 50;
/** «Показать ещё» grows the page up to this many; older events stay in the store for support. */
const MOST = 500;

const shownSchema = z.coerce.number().int().min(STEP).max(MOST).catch(STEP);

/** «Журнал»: the person's own audit events (recorded under their account), newest first. */
export const journalSection: CabinetSection = (router, deps) => {
  router.get('/journal', async (ctx) => {
    const locale = requestLocale(ctx);
    const shown = shownSchema.parse(ctx.query['shown']);
    // One more than shown tells whether there is more to show.
    const events = await deps.store.audit.listByUser(ctx.state.cabinet.user.id, shown + 1);
    renderCabinet(ctx, ctx.state.cabinet, 'journal', 'journal', {
      j: JOURNAL_TEXTS[locale],
      events: events.slice(0, shown).map((event) => ({
        at: event.at,
        text: describeEvent(event, locale),
        failed: event.type.endsWith('.failed'),
        ip: event.ip,
        certificateSerial: typeof event.details['certificateSerial'] === 'string' ? event.details['certificateSerial'] : null,
      })),
      more: events.length > shown && shown < MOST ? `/account/journal?shown=${shown + STEP}` : null,
      when: displayTime,
    });
  });
};
