import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';
import { z } from 'zod';
import type { Store, UserRecord } from '../domain/store.ts';
import { csrfToken, csrfValid } from '../interactions/csrf.ts';
import type { Logger } from '../server/logger.ts';
import type { DevelopmentKey } from './dev-keys.ts';
import { DEV_LINKS, escape } from './html.ts';
import type { NcaLayerEmulator } from './ncalayer-emulator.ts';

export interface NcaLayerRoutesOptions {
  readonly emulator: NcaLayerEmulator;
  /** The emulator's keys, in its order, with what the page tells of them. */
  readonly keys: readonly DevelopmentKey[];
  readonly store: Store;
  readonly logger: Logger;
}

type Account = Pick<UserRecord, 'email' | 'emailConfirmedAt'> | null;

const accountText = (account: Account) =>
  !account ? 'нет учётной записи' : account.emailConfirmedAt ? `учётная запись: ${account.email}` : `ожидает подтверждения e-mail: ${account.email}`;

function keyHtml(key: DevelopmentKey, index: number, chosen: boolean, account: Account): string {
  const company = key.organization ? `${key.roleText} · ${key.organization} · БИН ${key.bin}` : key.roleText;
  return `<label class="profile" for="key-${index}"><input type="radio" name="index" id="key-${index}" value="${index}"${chosen ? ' checked' : ''}>
<span class="profile-kind">${escape(key.fullName)}</span><span>ИИН ${escape(key.iin)}</span><span>${escape(company)}</span>
<span class="hint">${escape(key.algorithm)} · ${escape(accountText(account))}</span><span class="hint">${escape(key.purpose)}</span></label>`;
}

function page(options: NcaLayerRoutesOptions, accounts: readonly Account[], csrf: string): string {
  const { emulator, keys } = options;
  const entries = keys.map((key, index) => keyHtml(key, index, index === emulator.chosen, accounts[index] ?? null)).join('\n');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Ключи NCALayer</title>
<link rel="stylesheet" href="/static/css/kilt.css"></head><body><main class="card"><h1>Ключи NCALayer</h1>
<p>Эмулятор NCALayer (<code>${escape(emulator.url)}</code>) подписывает выбранным здесь ключом, как если бы в NCALayer выбрали файл этого ключа.
Ключи выпущены тестовым УЦ этого экземпляра при его запуске.</p>
<p class="notice" role="status">Сейчас подписывает: <strong>${escape(keys[emulator.chosen]?.fullName ?? '')}</strong></p>
<form id="ncalayer-key-form" method="post" action="/dev/ncalayer"><input type="hidden" name="csrf" value="${escape(csrf)}">
${entries}
<button type="submit">Выбрать ключ</button></form>
<p class="hint">Для автоматизации: <a href="/dev/ncalayer.json">/dev/ncalayer.json</a>; выбор — POST туда же с JSON <code>{"index": 1}</code> или <code>{"iin": "…"}</code>.</p>
${DEV_LINKS}</main></body></html>`;
}

const formToken = z.object({ csrf: z.string() });
const choice = z.union([z.object({ index: z.coerce.number().int().min(0) }), z.object({ iin: z.string().regex(/^\d{12}$/) })]);

/**
 * /dev/ncalayer and /dev/ncalayer.json: which of the emulator's keys signs next, so a developer can register a
 * newcomer, an employee or a new company besides signing in as the demo head. Never mounted in production.
 */
export function ncalayerRoutes(options: NcaLayerRoutesOptions): Koa.Middleware {
  const { emulator, keys, store, logger } = options;
  const parse = bodyParser({ enableTypes: ['json', 'form'] });
  const accounts = () => Promise.all(keys.map((key) => store.users.findByIin(key.iin)));
  const listing = async () => {
    const found = await accounts();
    return {
      emulator: emulator.url,
      current: emulator.chosen,
      keys: keys.map((key, index) => ({
        index, label: key.label, fullName: key.fullName, iin: key.iin, bin: key.bin, organization: key.organization, role: key.role, algorithm: key.algorithm,
        account: found[index] ? { email: found[index].email, confirmed: Boolean(found[index].emailConfirmedAt) } : null,
        current: index === emulator.chosen,
      })),
    };
  };
  /** The index of the chosen key, or undefined when the request names none of the keys. */
  const indexOf = (body: unknown): number | undefined => {
    const parsed = choice.safeParse(body);
    if (!parsed.success) return undefined;
    const { data } = parsed;
    const index = 'index' in data ? data.index : keys.findIndex((key) => key.iin === data.iin);
    return index >= 0 && index < keys.length ? index : undefined;
  };
  const choose = (index: number) => {
    emulator.choose(index);
    logger.info({ key: keys[index]!.label }, 'dev NCALayer emulator: key chosen');
  };

  return async (ctx, next) => {
    if (ctx.path !== '/dev/ncalayer' && ctx.path !== '/dev/ncalayer.json') return next();
    ctx.set('cache-control', 'no-store');
    const json = ctx.path === '/dev/ncalayer.json';
    if (ctx.method === 'GET') {
      if (json) ctx.body = await listing();
      else {
        ctx.type = 'html';
        ctx.body = page(options, await accounts(), csrfToken(ctx));
      }
      return;
    }
    if (ctx.method !== 'POST') return next();
    // Answered here rather than thrown: Kilt logs thrown errors as failures, and these are the caller's mistakes.
    const refuse = (status: number, message: string) => {
      ctx.status = status;
      ctx.type = 'text';
      ctx.body = message;
    };
    // JSON cannot be posted across sites without a preflight, which this route never answers; a form needs the token.
    if (!ctx.is(json ? 'application/json' : 'application/x-www-form-urlencoded')) {
      refuse(415, json ? 'send JSON: {"index": 1} or {"iin": "…"}' : 'send the form of /dev/ncalayer');
      return;
    }
    try {
      await parse(ctx, async () => undefined);
    } catch {
      refuse(400, json ? 'not JSON' : 'not a form');
      return;
    }
    const body: unknown = ctx.request.body;
    if (!json && !csrfValid(ctx, formToken.safeParse(body).data?.csrf)) {
      refuse(403, 'the form is stale: reload /dev/ncalayer');
      return;
    }
    const index = indexOf(body);
    if (index === undefined) {
      refuse(400, `no such key: choose an index 0–${keys.length - 1} or the IIN of one of the keys`);
      return;
    }
    choose(index);
    if (json) ctx.body = await listing();
    else ctx.redirect('/dev/ncalayer');
  };
}
