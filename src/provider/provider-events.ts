import type { Logger } from 'pino';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';

/** The endpoints' error events: protocol errors answered to a client (4xx), worth a line each for support. */
const CLIENT_ERROR_EVENTS = [
  'authorization.error', 'grant.error', 'userinfo.error', 'introspection.error', 'revocation.error', 'end_session.error',
  'end_session_confirm.error', 'pushed_authorization_request.error', 'jwks.error', 'discovery.error',
] as const;

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const { error: code, error_description: description, error_detail: detail } = error as Error & Record<string, unknown>;
  return { error: code ?? error.message, description, detail };
}

const requestIdOf = (ctx: KoaContextWithOIDC | undefined): unknown => ctx?.state?.['requestId'];

/** oidc-provider reports through events, not exceptions: without these, client failures leave no trace in the log. */
export function logProviderEvents(provider: Provider, logger: Logger): void {
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: unknown) => {
    logger.error({ requestId: requestIdOf(ctx), err: error }, 'oidc-provider server error');
  });
  for (const event of CLIENT_ERROR_EVENTS) {
    provider.on(event, (ctx: KoaContextWithOIDC, error: unknown) => {
      logger.info({ requestId: requestIdOf(ctx), event, client: ctx?.oidc?.client?.clientId, ...describe(error) }, 'oidc request refused');
    });
  }
  provider.on('backchannel.error', (_ctx: unknown, error: unknown, client: { clientId?: string } | undefined) => {
    logger.warn({ client: client?.clientId, ...describe(error) }, 'back-channel logout delivery failed');
  });
}
