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

/** Hands the result back to oidc-provider, which redirects the browser onwards (to the next prompt or the client). */
export async function finish(screen: Screen, result: Record<string, unknown>, merge = true): Promise<void> {
  screen.ctx.respond = false;
  await screen.provider.interactionFinished(screen.ctx.req, screen.ctx.res, result, { mergeWithLastSubmission: merge });
}

export function clientIdOf(screen: Screen): string {
  return String(screen.interaction.params['client_id']);
}
