import type Koa from 'koa';
import { LOCALES, type Locale } from '../pki/messages.ts';

/** The first supported language of `ui_locales`, then of Accept-Language; Russian by default, as on Keden and KNP. */
export function pickLocale(ctx: Koa.Context, uiLocales: unknown): Locale {
  const wanted = [
    ...(typeof uiLocales === 'string' ? uiLocales.split(' ') : []),
    ...(ctx.get('accept-language') || '').split(',').map((part) => part.split(';')[0]!.trim()),
  ];
  for (const tag of wanted) {
    const language = tag.toLowerCase().split('-')[0] as Locale;
    if (LOCALES.includes(language)) return language;
  }
  return 'ru';
}

/** The language of a page Kilt serves on its own: `?ui_locales=` carried along its links, then Accept-Language. */
export const requestLocale = (ctx: Koa.Context): Locale => pickLocale(ctx, ctx.query['ui_locales']);
