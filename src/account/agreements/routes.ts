import { z } from 'zod';
import { requestLocale } from '../../interactions/locale.ts';
import { decodeCmsInput } from '../../pki/cms.ts';
import { displayTime } from '../../domain/kazakh-time.ts';
import { renderCabinet } from '../render-cabinet.ts';
import type { CabinetSection } from '../routes.ts';
import { AGREEMENTS_TEXTS } from './texts.ts';

const versionSchema = z.coerce.number().int().positive().max(1_000_000);

/**
 * «Соглашения»: the versions the person accepted, when and how; an acceptance by signature offers its CMS as a
 * .p7s file (DER), read from the person's own history only, so no one else's can be named.
 */
export const agreementsSection: CabinetSection = (router, deps) => {
  router.get('/agreements', async (ctx) => {
    const history = await deps.store.agreements.history(ctx.state.cabinet.user.id);
    renderCabinet(ctx, ctx.state.cabinet, 'agreements', 'agreements', {
      a: AGREEMENTS_TEXTS[requestLocale(ctx)],
      acceptances: history.toReversed(),
      when: displayTime,
    });
  });

  router.get('/agreements/:version/signature', async (ctx) => {
    const version = versionSchema.safeParse(ctx.params['version']);
    const history = version.success ? await deps.store.agreements.history(ctx.state.cabinet.user.id) : [];
    const evidence = history.find((acceptance) => acceptance.version === version.data && acceptance.evidence !== null)?.evidence;
    if (!evidence) {
      ctx.status = 404;
      return;
    }
    ctx.set('cache-control', 'no-store');
    ctx.attachment(`kilt-agreement-v${version.data}.p7s`);
    ctx.type = 'application/pkcs7-signature';
    ctx.body = Buffer.from(decodeCmsInput(evidence));
  });
};
