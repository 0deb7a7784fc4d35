/** What ending a person's access to a company did, for the company's audit log. */
export interface CompanyAccessRevocation {
  /** Sessions whose choice of the company at a client was ended, with the grant and tokens issued there. */
  readonly revoked: number;
  /** Those that could not be ended (logged with the reason); the exclusion stands regardless. */
  readonly failed: number;
  /** Clients told over the back channel, and those that could not be reached. */
  readonly notified: readonly string[];
  readonly unreachable: readonly string[];
}

/**
 * Ends at once what the account holds at the provider for the company (BIN): every session's choice of it, the
 * grants and tokens issued for it, and the relying parties' sessions over back-channel logout. What it holds as an
 * individual or for other companies stays.
 */
export type RevokeCompanyAccess = (access: { readonly accountId: string; readonly bin: string }) => Promise<CompanyAccessRevocation>;
