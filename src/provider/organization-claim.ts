import type { Profile } from '../domain/sign-in/profiles.ts';
import type { ProfileSelectionRepository, UserRecord } from '../domain/store.ts';

/** Where the `organization` claim is asked for: the person, and the client, grant and session of the token. */
export interface OrganizationClaimRequest {
  readonly user: UserRecord;
  readonly clientId: string | undefined;
  readonly grantId: string | undefined;
  readonly sessionUid: string | undefined;
}

/** The profile the person acts in at this client (individual or a company): the `organization` claim. */
export type OrganizationClaimSource = (request: OrganizationClaimRequest) => Promise<Profile | undefined>;

/**
 * The profile chosen for this session and client, as the profile prompt records it in `store.profileSelections`
 * (provider/interaction-policy.ts); nothing when no choice was recorded (so no claim is released).
 */
export function selectedProfile(selections: ProfileSelectionRepository): OrganizationClaimSource {
  return async ({ sessionUid, clientId }) => {
    if (!sessionUid || !clientId) return undefined;
    return (await selections.find(sessionUid, clientId)) ?? undefined;
  };
}
