import { z } from 'zod';
import { enrollAdministrator } from '../domain/participants/membership.ts';
import { csrfValid } from './csrf.ts';
import { type Screen, finish } from './interaction-context.ts';
import { render } from './render.ts';

const companyForm = z.object({ csrf: z.string(), decision: z.enum(['register', 'skip']) });
const offerSchema = z.object({ bin: z.string().regex(/^\d{12}$/), name: z.string() });

const offerOf = (screen: Screen) => offerSchema.parse(screen.interaction.lastSubmission?.['companyOffer']);

/** «Зарегистрировать организацию?»: the company of the certificate just used, with the person as its administrator. */
export async function showCompany(screen: Screen, status = 200): Promise<void> {
  const offer = offerOf(screen);
  const known = await screen.deps.store.organizations.findByBin(offer.bin);
  render(screen.ctx, 'interactions/company', screen.locale, { uid: screen.interaction.uid, csrf: screen.csrf, offer, known: Boolean(known) }, status);
}

/** «Зарегистрировать» enrolls the person as administrator; «Не сейчас» goes on without the company. */
export async function submitCompany(screen: Screen, fields: Record<string, unknown>): Promise<void> {
  const form = companyForm.safeParse(fields);
  const accountId = screen.interaction.session?.accountId;
  if (!form.success || !csrfValid(screen.ctx, form.data.csrf) || !accountId) {
    await showCompany(screen, 400);
    return;
  }
  const user = await screen.deps.store.users.findById(accountId);
  if (form.data.decision === 'register' && user) {
    const offer = offerOf(screen);
    await enrollAdministrator(screen.deps.store, { ...offer, iin: user.iin, userId: user.id, ip: screen.ctx.ip, at: screen.deps.clock() });
  }
  await finish(screen, { company: { decision: form.data.decision } });
}
