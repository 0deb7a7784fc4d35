// oidc-provider ships no types; this declares the part Kilt touches. Its configuration is validated by the library
// itself at construction, so it stays a loose record here rather than a hand-copied schema that would drift.
declare module 'oidc-provider' {
  import type Koa from 'koa';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type Configuration = Record<string, unknown>;

  export interface OidcClient {
    readonly clientId: string;
    readonly clientAuthMethod: string;
    readonly redirectUris: readonly string[];
    readonly applicationType: string;
    readonly sectorIdentifier: string;
  }

  export interface OidcSession {
    readonly uid: string;
    readonly accountId: string | undefined;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface ResourceServerInfo {
    readonly scope: string;
  }

  export interface OidcContext {
    readonly route: string;
    readonly provider: Provider;
    readonly client: OidcClient | undefined;
    readonly session: OidcSession | undefined;
    readonly result: ({ readonly consent?: { readonly grantId?: string } } & Readonly<Record<string, unknown>>) | undefined;
    readonly requestParamOIDCScopes: ReadonlySet<string>;
    readonly requestParamClaims: ReadonlySet<string>;
    readonly resourceServers: Readonly<Record<string, ResourceServerInfo>> | undefined;
    readonly entities: Readonly<Record<string, unknown>>;
    readonly params: Readonly<Record<string, unknown>>;
  }

  export type KoaContextWithOIDC = Koa.ParameterizedContext & { readonly oidc: OidcContext };

  /** The token models findAccount and extraTokenClaims receive (AccessToken, AuthorizationCode, RefreshToken …). */
  export interface OidcToken {
    readonly kind: string;
    readonly accountId?: string;
    readonly clientId?: string;
    readonly grantId?: string;
    readonly sessionUid?: string;
    readonly scope?: string;
    readonly resourceServer?: ResourceServerInfo;
    readonly remainingTTL?: number;
    isSenderConstrained?(): boolean;
  }

  export interface Grant {
    readonly jti: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: readonly string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantModel {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Interaction {
    readonly uid: string;
    readonly prompt: { readonly name: string; readonly reasons: readonly string[]; readonly details: Readonly<Record<string, unknown>> };
    readonly params: Readonly<Record<string, unknown>>;
    readonly session?: { readonly accountId: string; readonly uid: string };
    readonly grantId?: string;
    readonly returnTo: string;
    /** What the previous interaction of this authorization submitted (its `result`). */
    readonly lastSubmission?: InteractionResults;
    /** What this interaction submits, for the provider to read on resuming; stored by `save`. */
    result?: InteractionResults;
    /** When the interaction expires, in seconds since the epoch. */
    readonly exp: number;
    save(ttlSeconds: number): Promise<string>;
  }

  export type InteractionResults = Record<string, unknown>;

  export interface StoredSession extends OidcSession {
    /** Per client: the grant and the session id (sid) of its sign-in; removing an entry ends the session there. */
    readonly authorizations?: Record<string, { readonly grantId?: string; readonly sid?: string }>;
    /** Saves the session for the rest of its lifetime. */
    persist(): Promise<unknown>;
  }

  /** A client as the provider loaded it, with what back-channel logout needs. */
  export interface LoadedClient extends OidcClient {
    readonly backchannelLogoutUri?: string;
    /** Posts a logout token for the account (the pairwise `sub` when the client is pairwise) and the sid. */
    backchannelLogout(accountId: string, sid: string): Promise<void>;
  }

  export interface ClientModel {
    find(clientId: string): Promise<LoadedClient | undefined>;
  }

  export interface SessionModel {
    /** The session by its uid; undefined when unknown or expired. */
    findByUid(uid: string): Promise<StoredSession | undefined>;
  }

  export interface AuthorizationCodeToken {
    readonly clientId: string;
    readonly accountId: string;
    readonly sessionUid?: string;
    readonly redirectUri: string;
    readonly codeChallenge?: string;
    readonly codeChallengeMethod?: string;
    readonly consumed?: unknown;
    readonly isExpired: boolean;
    consume(): Promise<void>;
  }

  export interface AuthorizationCodeModel {
    find(value: string): Promise<AuthorizationCodeToken | undefined>;
  }

  export class Provider extends Koa {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: GrantModel;
    readonly Session: SessionModel;
    readonly Client: ClientModel;
    readonly AuthorizationCode: AuthorizationCodeModel;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  }

  export interface PolicyCheck {
    readonly reason: string;
  }

  export interface PolicyPrompt {
    readonly name: string;
  }

  export interface Policy extends Array<PolicyPrompt> {
    add(prompt: PolicyPrompt, index?: number): void;
  }

  type CheckFunction = (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>;

  export const interactionPolicy: {
    readonly Check: { new (reason: string, description: string, check: CheckFunction): PolicyCheck; readonly REQUEST_PROMPT: true; readonly NO_NEED_TO_PROMPT: false };
    readonly Prompt: new (options: { name: string; requestable?: boolean }, ...checks: PolicyCheck[]) => PolicyPrompt;
    base(): Policy;
  };

  export const errors: {
    readonly InvalidTarget: new (description?: string) => Error;
    readonly SessionNotFound: new (description?: string) => Error;
  };

  export default Provider;
}
