import type Koa from 'koa';
import { LINK, type Outbox, type OutboxEntry, type OutboxLetter, type OutboxSms } from '../adapters/mail/outbox.ts';
import { DEV_LINKS, escape } from './html.ts';

/** The text with its links clickable; split on a capturing pattern, so the odd parts are the links. */
const linkified = (text: string) =>
  text.split(new RegExp(`(${LINK.source})`)).map((part, index) => (index % 2 ? `<a href="${escape(part)}">${escape(part)}</a>` : escape(part))).join('');

const timeHtml = (time: Date) => `<time datetime="${time.toISOString()}">${time.toISOString()}</time>`;

function letterHtml(letter: OutboxLetter): string {
  return `<article class="outbox-letter"><h2>${escape(letter.subject)}</h2>
<p>Кому: <strong>${escape(letter.to)}</strong> · ${timeHtml(letter.time)}</p>
<pre style="white-space:pre-wrap">${linkified(letter.text)}</pre>
<details><summary>HTML</summary><iframe sandbox srcdoc="${escape(letter.html)}" style="width:100%;height:480px;border:0"></iframe></details></article>`;
}

// Set apart from the letters at a glance: a developer scanning for the code must not read it off a letter.
function smsHtml(sms: OutboxSms): string {
  return `<article class="outbox-sms" style="background:#f3f8fd;border-left:4px solid #0a66c2;padding:.2rem 1rem;border-radius:8px">
<h2>SMS на ${escape(sms.to)}</h2>
<p>${timeHtml(sms.time)}</p>
<pre style="white-space:pre-wrap;font-size:1.1rem">${linkified(sms.text)}</pre></article>`;
}

function page(entries: readonly OutboxEntry[]): string {
  const body = entries.length > 0
    ? entries.map((entry) => (entry.kind === 'sms' ? smsHtml(entry) : letterHtml(entry))).join('<hr>')
    : '<p>Писем и SMS пока нет.</p>';
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Исходящие письма и SMS</title>
<link rel="stylesheet" href="/static/css/kilt.css"></head><body><main class="card"><h1>Исходящие письма и SMS</h1>
<p>Письма и SMS экземпляра для разработки (новые сверху); обновите страницу, чтобы увидеть новые.</p>${DEV_LINKS}${body}</main></body></html>`;
}

const listed = (entry: OutboxEntry) =>
  entry.kind === 'sms'
    ? { kind: entry.kind, to: entry.to, text: entry.text, links: entry.links, time: entry.time }
    : { to: entry.to, subject: entry.subject, text: entry.text, links: entry.links, time: entry.time, kind: entry.kind };

/**
 * /dev/outbox and /dev/outbox.json: the letters and SMS a development instance "sent", so a newcomer can follow a
 * confirmation link or type an SMS code like with a mail catcher, and tests can read them. Never mounted in production.
 */
export function outboxRoutes(outbox: Outbox): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' || (ctx.path !== '/dev/outbox' && ctx.path !== '/dev/outbox.json')) return next();
    ctx.set('cache-control', 'no-store');
    if (ctx.path === '/dev/outbox.json') {
      ctx.body = outbox.entries().map(listed);
    } else {
      ctx.type = 'html';
      ctx.body = page(outbox.entries());
    }
  };
}
