import { z } from 'zod';
import { profilesFor } from '../domain/sign-in/person-profiles.ts';
import { type Profile, type ProfileCertificate, hintedBin, matchesHint, profileHintOf, silentProfile } from '../domain/sign-in/profiles.ts';
import { CERTIFICATE_ROLES } from '../pki/identity.ts';
import { csrfValid } from './csrf.ts';
import { type Screen, clientIdOf, finish } from './interaction-context.ts';
import { render } from './render.ts';
import { TEXTS } from './texts.ts';
import { interpolate } from '../pki/messages.ts';

const profileForm = z.object({ csrf: z.string(), profile: z.string().regex(/^(individual|\d{12})$/) });
const certificateSummary = z.object({ bin: z.string().nullable(), roles: z.array(z.enum(CERTIFICATE_ROLES)) });

/** The profiles of the signed-in person at this client; the login of this flow tells which certificate was used. */
async function profilesOf(screen: Screen): Promise<Profile[]> {
  const { store } = screen.deps;
  const user = await store.users.findById(screen.interaction.session!.accountId);
  if (!user) return [];
  const summary = certificateSummary.safeParse(screen.interaction.lastSubmission?.['certificate']);
  const certificate: ProfileCertificate | undefined = summary.success ? { bin: summary.data.bin ?? undefined, roles: summary.data.roles } : undefined;
  return profilesFor(store, user, clientIdOf(screen), certificate);
}

/** The choice goes back in the result; the profile prompt records it for the session (provider/interaction-policy.ts). */
const choose = (screen: Screen, profile: Profile) => finish(screen, { profile });

/** Why the company a `profile_hint` names is not offered: excluded by its head, or not (yet) a participant. */
async function hintRefusal(screen: Screen, bin: string): Promise<string> {
  const user = await screen.deps.store.users.findById(screen.interaction.session!.accountId);
  const participant = user && (await screen.deps.store.participants.find(bin, user.iin));
  const texts = TEXTS[screen.locale];
  return interpolate(participant?.status === 'excluded' ? texts.profileExcluded : texts.profileNotMember, { bin });
}

/** One profile, or the one a `profile_hint` names: chosen silently. Several: the picker (KNP style). None: refused. */
export async function showProfile(screen: Screen): Promise<void> {
  const profiles = await profilesOf(screen);
  const hint = profileHintOf(screen.interaction.params);
  const silent = silentProfile(profiles, hint);
  if (silent) {
    await choose(screen, silent);
  } else if (profiles.length === 0) {
    await finish(screen, { error: 'access_denied', error_description: 'the person has no profile this client accepts' });
  } else {
    const bin = hintedBin(hint);
    const refusedHint = bin ? await hintRefusal(screen, bin) : undefined;
    render(screen.ctx, 'interactions/profile', screen.locale, { uid: screen.interaction.uid, csrf: screen.csrf, profiles, error: refusedHint });
  }
}

export async function submitProfile(screen: Screen, fields: Record<string, unknown>): Promise<void> {
  const form = profileForm.safeParse(fields);
  const profiles = await profilesOf(screen);
  const chosen = form.success ? profiles.find((profile) => matchesHint(profile, form.data.profile)) : undefined;
  if (!form.success || !csrfValid(screen.ctx, form.data.csrf) || !chosen) {
    render(screen.ctx, 'interactions/profile', screen.locale, { uid: screen.interaction.uid, csrf: screen.csrf, profiles }, 400);
    return;
  }
  await choose(screen, chosen);
}
