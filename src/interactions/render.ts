import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import pug from 'pug';
import type { Locale } from '../pki/messages.ts';
import { TEXTS } from './texts.ts';

const VIEWS = join(dirname(fileURLToPath(import.meta.url)), '../../views');
const compiled = new Map<string, pug.compileTemplate>();

/** Renders views/<name>.pug with the screen texts of the locale; templates are compiled once per process. */
export function render(ctx: Koa.Context, name: string, locale: Locale, locals: Record<string, unknown>, status = 200): void {
  let template = compiled.get(name);
  if (!template) {
    template = pug.compileFile(join(VIEWS, `${name}.pug`));
    compiled.set(name, template);
  }
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = template({ ...locals, locale, texts: TEXTS[locale] });
}
