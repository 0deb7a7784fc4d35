import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { actsForCompany, matchesHint, profileHintOf, profileSchema } from '../domain/sign-in/profiles.ts';
import type { Store } from '../domain/store.ts';

const { Check, Prompt, base } = interactionPolicy;

/**
 * oidc-provider's login and consent prompts with Kilt's three in between (DESIGN.md, Sign-in steps 3 and 4): the
 * agreement, while the person has not accepted its latest version; the company, when the certificate just used may
 * register one; and the profile, after every sign-in and whenever none is chosen for this session and client (or a
 * `profile_hint` asks for another), where the profile chosen on the screens is recorded for the session. All wait for
 * an account.
 */
export function kiltInteractionPolicy(store: Pick<Store, 'agreements' | 'profileSelections' | 'users' | 'participants'>, options: { readonly sessionTtlSeconds: number }) {
  const policy = base();
  const stillActsFor = async (accountId: string, bin: string): Promise<boolean> => {
    const user = await store.users.findById(accountId);
    return user !== null && actsForCompany(await store.participants.find(bin, user.iin));
  };
  const consentIndex = policy.findIndex((prompt: { name: string }) => prompt.name === 'consent');

  const agreement = new Prompt(
    { name: 'agreement', requestable: false },
    new Check('agreement_not_accepted', 'the latest agreement version is not accepted', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.NO_NEED_TO_PROMPT;
      const latest = await store.agreements.latestVersion();
      if (latest === null) return Check.NO_NEED_TO_PROMPT;
      const accepted = await store.agreements.acceptedVersion(accountId);
      return accepted !== null && accepted >= latest ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  const profile = new Prompt(
    { name: 'profile', requestable: true },
    new Check('profile_not_chosen', 'no profile is chosen for this client in this session', async (ctx: KoaContextWithOIDC) => {
      const { session, client, params, result } = ctx.oidc;
      if (!session?.accountId || !client) return Check.NO_NEED_TO_PROMPT;
      // Chosen in this very authorization: recorded and done, even when it is not what a hint asked for (no loop).
      // Recorded here because only here is the session's uid final: a fresh sign-in's session is made on resuming.
      const chosenNow = profileSchema.safeParse(result?.['profile']);
      if (chosenNow.success) {
        // The head may have excluded the person since the screens offered the company; an exclusion drops only the
        // choices already recorded (revoke-company-access.ts), so this one is checked once more, and asked again.
        if (chosenNow.data.bin !== null && !(await stillActsFor(session.accountId, chosenNow.data.bin))) return Check.REQUEST_PROMPT;
        const expiresAt = new Date(Date.now() + options.sessionTtlSeconds * 1000);
        await store.profileSelections.save({ sessionUid: session.uid, clientId: client.clientId, accountId: session.accountId, profile: chosenNow.data, expiresAt });
        return Check.NO_NEED_TO_PROMPT;
      }
      // A fresh sign-in chooses afresh: the key just used may belong to another company.
      if (result?.['login']) return Check.REQUEST_PROMPT;
      const chosen = await store.profileSelections.find(session.uid, client.clientId);
      if (!chosen) return Check.REQUEST_PROMPT;
      const hint = profileHintOf(params);
      const matches = !hint || matchesHint(chosen, hint);
      return matches ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  // Asked once, right after a sign-in whose certificate makes the person an administrator of a company Kilt does not
  // know them in; answered either way, it is not asked again in this authorization.
  const company = new Prompt(
    { name: 'company', requestable: false },
    new Check('company_offered', 'the certificate may register a company', async (ctx: KoaContextWithOIDC) => {
      const result = ctx.oidc.result;
      return result?.['companyOffer'] && !result['company'] ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
  );

  policy.add(agreement, consentIndex);
  policy.add(company, consentIndex + 1);
  policy.add(profile, consentIndex + 2);
  return policy;
}
