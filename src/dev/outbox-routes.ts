import type Koa from 'koa';
import { LINK, type Outbox, type OutboxLetter } from '../adapters/mail/outbox.ts';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The text with its links clickable; split on a capturing pattern, so the odd parts are the links. */
const linkified = (text: string) =>
  text.split(new RegExp(`(${LINK.source})`)).map((part, index) => (index % 2 ? `<a href="${escape(part)}">${escape(part)}</a>` : escape(part))).join('');

function letterHtml(letter: OutboxLetter): string {
  return `<article><h2>${escape(letter.subject)}</h2>
<p>Кому: <strong>${escape(letter.to)}</strong> · <time datetime="${letter.time.toISOString()}">${letter.time.toISOString()}</time></p>
<pre style="white-space:pre-wrap">${linkified(letter.text)}</pre>
<details><summary>HTML</summary><iframe sandbox srcdoc="${escape(letter.html)}" style="width:100%;height:480px;border:0"></iframe></details></article>`;
}

function page(letters: readonly OutboxLetter[]): string {
  const body = letters.length > 0 ? letters.map(letterHtml).join('<hr>') : '<p>Писем пока нет.</p>';
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Исходящие письма</title>
<link rel="stylesheet" href="/static/css/kilt.css"></head><body><main class="card"><h1>Исходящие письма</h1>
<p>Письма экземпляра для разработки (новые сверху); обновите страницу, чтобы увидеть новые.</p>${body}</main></body></html>`;
}

/**
 * /dev/outbox and /dev/outbox.json: the letters a development instance "sent", so a newcomer can follow a confirmation
 * or reset link like in a mail catcher, and tests can read them. Never mounted in production.
 */
export function outboxRoutes(outbox: Outbox): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' || (ctx.path !== '/dev/outbox' && ctx.path !== '/dev/outbox.json')) return next();
    ctx.set('cache-control', 'no-store');
    if (ctx.path === '/dev/outbox.json') {
      ctx.body = outbox.letters().map(({ to, subject, text, links, time, kind }) => ({ to, subject, text, links, time, kind }));
    } else {
      ctx.type = 'html';
      ctx.body = page(outbox.letters());
    }
  };
}
