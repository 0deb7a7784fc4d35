import Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { type ProviderSetup, providerConfiguration } from './configuration.ts';
import { logProviderEvents } from './provider-events.ts';

export interface ProviderOptions extends ProviderSetup {
  /** Trust X-Forwarded-* (only behind a proxy that sets them; KILT_TRUST_PROXY). */
  readonly trustProxy: boolean;
  readonly logger?: Logger;
}

export function createProvider(options: ProviderOptions): Provider {
  const provider = new Provider(options.issuer, providerConfiguration(options));
  // The provider builds its own request contexts for cookies, so it needs the same proxy trust as the app.
  provider.proxy = options.trustProxy;
  if (options.logger) logProviderEvents(provider, options.logger);
  return provider;
}
