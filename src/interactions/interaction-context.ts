import type Koa from 'koa';
import type { Interaction, Provider } from 'oidc-provider';
import type { SignInDependencies } from '../domain/sign-in/authenticate.ts';
import type { Store } from '../domain/store.ts';
import type { Locale } from '../pki/messages.ts';
import type { LiveProvider } from '../provider/live-provider.ts';
import { csrfToken } from './csrf.ts';
import { pickLocale } from './locale.ts';

export interface InteractionDependencies {
  readonly provider: LiveProvider;
  readonly store: Store;
  /** Absent when no trust anchors are configured: then no NCA signature can be verified and nobody can sign in. */
  readonly signIn: SignInDependencies | undefined;
  readonly acr: string;
  /** Where the page's script finds NCALayer: the real one, or the dev emulator. */
  readonly ncalayerUrl: string;
  /** NCA TEST keys are selectable in NCALayer (signerParams.chain: []). */
  readonly testMode: boolean;
  readonly clock: () => Date;
}

/** One screen request: the interaction, the provider that owns it, the person's language and the form token. */
export interface Screen {
  readonly ctx: Koa.Context;
  readonly provider: Provider;
  readonly interaction: Interaction;
  readonly locale: Locale;
  readonly csrf: string;
  readonly deps: InteractionDependencies;
}

export async function openScreen(ctx: Koa.Context, deps: InteractionDependencies): Promise<Screen> {
  const provider = deps.provider.current;
  const interaction = await provider.interactionDetails(ctx.req, ctx.res);
  return { ctx, provider, interaction, locale: pickLocale(ctx, interaction.params['ui_locales']), csrf: csrfToken(ctx), deps };
}

/**
 * Hands the result back to oidc-provider, which redirects the browser onwards (to the next prompt or the client). What
 * interactionFinished does, on the interaction this request loaded already: it would find it and its cookie again.
 * Resuming checks the session against it once more.
 */
export async function finish(screen: Screen, result: Record<string, unknown>, merge = true): Promise<void> {
  const { ctx, interaction } = screen;
  interaction.result = merge && !('error' in result) ? { ...interaction.lastSubmission, ...result } : result;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  ctx.respond = false;
  ctx.res.statusCode = 303;
  ctx.res.setHeader('Location', interaction.returnTo);
  ctx.res.setHeader('Content-Length', '0');
  ctx.res.end();
}

export function clientIdOf(screen: Screen): string {
  return String(screen.interaction.params['client_id']);
}
