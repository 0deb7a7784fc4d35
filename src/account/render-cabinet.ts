import type Koa from 'koa';
import { administeredCompany } from '../domain/participants/administrator.ts';
import { csrfToken } from '../interactions/csrf.ts';
import { requestLocale } from '../interactions/locale.ts';
import { render } from '../interactions/render.ts';
import type { Cabinet } from './cabinet-session.ts';
import { interpolate } from '../pki/messages.ts';
import type { Profile } from '../domain/sign-in/profiles.ts';
import { CABINET_TEXTS } from './texts.ts';

export type CabinetTab = 'profile' | 'participants' | 'sessions' | 'agreements' | 'journal';

/** A page of the cabinet inside its frame: who, as whom, the tabs this profile may see, and the form token. */
export function renderCabinet(ctx: Koa.Context, cabinet: Cabinet, view: string, tab: CabinetTab, locals: Record<string, unknown>, status = 200): void {
  const locale = requestLocale(ctx);
  const c = CABINET_TEXTS[locale];
  render(ctx, `account/${view}`, locale, {
    ...locals,
    c,
    pageTitle: c.title,
    tab,
    csrf: csrfToken(ctx),
    user: cabinet.user,
    profile: cabinet.profile,
    administers: administeredCompany(cabinet.profile) !== null,
    // For the templates: a profile as the frame names it, and {placeholders} filled in the page's texts.
    profileLabel: (shown: Profile) => (shown.type === 'legal_entity' ? `${shown.name} (${c.bin} ${shown.bin})` : shown.name),
    fill: interpolate,
  }, status);
}
