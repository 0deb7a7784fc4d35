import { z } from 'zod';
import { csrfValid } from './csrf.ts';
import { type Screen, finish } from './interaction-context.ts';
import { render } from './render.ts';

const agreementForm = z.object({ csrf: z.string(), version: z.coerce.number().int().positive(), decision: z.enum(['accept', 'decline']) });

/** The latest agreement in the person's language, with «Я принимаю условия Соглашения». */
export async function showAgreement(screen: Screen, status = 200): Promise<void> {
  const latest = await screen.deps.store.agreements.latest();
  // Published versions are never withdrawn, so the prompt only runs while one exists.
  if (!latest) throw new Error('the agreement prompt ran without a published agreement');
  render(screen.ctx, 'interactions/agreement', screen.locale, {
    uid: screen.interaction.uid,
    csrf: screen.csrf,
    agreement: { version: latest.version, text: latest.texts[screen.locale] },
  }, status);
}

/** Accepting is recorded (version, time, method); declining ends the flow with access_denied. */
export async function submitAgreement(screen: Screen, fields: Record<string, unknown>): Promise<void> {
  const form = agreementForm.safeParse(fields);
  const accountId = screen.interaction.session?.accountId;
  if (!form.success || !csrfValid(screen.ctx, form.data.csrf) || !accountId) {
    await showAgreement(screen, 400);
    return;
  }
  if (form.data.decision === 'decline') {
    await finish(screen, { error: 'access_denied', error_description: 'the agreement was declined' });
    return;
  }
  const latest = await screen.deps.store.agreements.latest();
  // A newer version published while the page was open must be read before it is accepted.
  if (!latest || latest.version !== form.data.version) {
    await showAgreement(screen, 409);
    return;
  }
  await screen.deps.store.agreements.recordAcceptance({ userId: accountId, version: latest.version, method: 'click', acceptedAt: screen.deps.clock(), evidence: null });
  await finish(screen, { agreement: { version: latest.version } });
}
