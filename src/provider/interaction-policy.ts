import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { Store } from '../domain/store.ts';

const { Check, Prompt, base } = interactionPolicy;

/**
 * oidc-provider's login and consent prompts with Kilt's two in between (DESIGN.md, Sign-in steps 3 and 4): the
 * agreement, while the person has not accepted its latest version, and the profile, after every sign-in and whenever
 * none is chosen for this session and client (or a `profile_hint` asks for another). Both wait for an account.
 */
export function kiltInteractionPolicy(store: Pick<Store, 'agreements' | 'profileSelections'>) {
  const policy = base();
  const consentIndex = policy.findIndex((prompt: { name: string }) => prompt.name === 'consent');

  const agreement = new Prompt(
    { name: 'agreement', requestable: false },
    new Check('agreement_not_accepted', 'the latest agreement version is not accepted', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.NO_NEED_TO_PROMPT;
      const latest = await store.agreements.latest();
      if (!latest) return Check.NO_NEED_TO_PROMPT;
      const accepted = await store.agreements.acceptedVersion(accountId);
      return accepted !== null && accepted >= latest.version ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  const profile = new Prompt(
    { name: 'profile', requestable: true },
    new Check('profile_not_chosen', 'no profile is chosen for this client in this session', async (ctx: KoaContextWithOIDC) => {
      const { session, client, params, result } = ctx.oidc;
      if (!session?.accountId || !client) return Check.NO_NEED_TO_PROMPT;
      // Chosen in this very authorization: done, even when it is not what a hint asked for (no loop).
      if (result?.['profile']) return Check.NO_NEED_TO_PROMPT;
      // A fresh sign-in chooses afresh: the key just used may belong to another company.
      if (result?.['login']) return Check.REQUEST_PROMPT;
      const chosen = await store.profileSelections.find(session.uid, client.clientId);
      if (!chosen) return Check.REQUEST_PROMPT;
      const hint = typeof params['profile_hint'] === 'string' ? params['profile_hint'] : undefined;
      const matches = !hint || (hint === 'individual' ? chosen.type === 'individual' : chosen.bin === hint);
      return matches ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  policy.add(agreement, consentIndex);
  policy.add(profile, consentIndex + 1);
  return policy;
}
