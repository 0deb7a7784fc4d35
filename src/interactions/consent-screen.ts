import { z } from 'zod';
import { interpolate } from '../pki/messages.ts';
import { csrfValid } from './csrf.ts';
import { type Screen, clientIdOf, finish } from './interaction-context.ts';
import { render } from './render.ts';
import { TEXTS } from './texts.ts';

const consentForm = z.object({ csrf: z.string(), decision: z.enum(['accept', 'decline']) });
const consentDetails = z.object({
  missingOIDCScope: z.array(z.string()).optional(),
  missingOIDCClaims: z.array(z.string()).optional(),
  missingResourceScopes: z.record(z.string(), z.array(z.string())).optional(),
});

/** Third-party clients only (first-party ones are granted without asking, see provider/first-party-grant.ts). */
export async function showConsent(screen: Screen, status = 200): Promise<void> {
  const details = consentDetails.parse(screen.interaction.prompt.details);
  render(screen.ctx, 'interactions/consent', screen.locale, {
    uid: screen.interaction.uid,
    csrf: screen.csrf,
    consentText: interpolate(TEXTS[screen.locale].consentText, { client: clientIdOf(screen) }),
    scopes: [...(details.missingOIDCScope ?? []), ...Object.values(details.missingResourceScopes ?? {}).flat()],
  }, status);
}

export async function submitConsent(screen: Screen, fields: Record<string, unknown>): Promise<void> {
  const form = consentForm.safeParse(fields);
  const { interaction, provider } = screen;
  if (!form.success || !csrfValid(screen.ctx, form.data.csrf) || !interaction.session) {
    await showConsent(screen, 400);
    return;
  }
  if (form.data.decision === 'decline') {
    await finish(screen, { error: 'access_denied', error_description: 'consent was declined' });
    return;
  }
  const details = consentDetails.parse(interaction.prompt.details);
  const grant = (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined)
    ?? new provider.Grant({ accountId: interaction.session.accountId, clientId: clientIdOf(screen) });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  await finish(screen, { consent: { grantId: await grant.save() } });
}
