import { type AddressInfo, type Socket, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetter } from '../../../src/adapters/mail/letters.ts';
import { smtpMailer } from '../../../src/adapters/mail/smtp-mailer.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';

const FROM = 'Kilt <no-reply@kilt.kz>';
// Long and with `&`, so quoted-printable line wrapping and HTML escaping both get their chance to break it.
const LINK = `https://id.kilt.kz/password/reset?token=${'x'.repeat(80)}&lang=ru`;

describe('the SMTP mailer', () => {
  let catcher: SmtpCatcher;

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ credentials: { user: 'kilt', password: 's3cret:@/' } });
  });
  afterAll(() => catcher.close());

  it('delivers a rendered password-reset letter with its text and HTML parts, logged in as SMTP_URL says', async () => {
    const letter = renderLetter('password-reset', 'ru', { name: 'Айдар Серикович', link: LINK });
    await smtpMailer({ url: catcher.url, from: FROM }).send({ to: 'aidar@example.kz', ...letter });

    const received = catcher.letters.at(-1)!;
    expect(received).toMatchObject({ mailFrom: 'no-reply@kilt.kz', rcptTo: ['aidar@example.kz'], user: 'kilt', subject: 'Восстановление пароля Kilt' });
    expect(received.headers.get('from')).toBe('Kilt <no-reply@kilt.kz>');
    expect(received.headers.get('to')).toBe('aidar@example.kz');
    expect(received.text).toContain('Здравствуйте, Айдар Серикович!');
    expect(received.text).toContain(`\n${LINK}\n`);
    expect(received.text).toContain('1 час');
    expect(received.text).toContain('ничего не делайте');
    expect(received.html).toContain(`href="${LINK.replace('&', '&amp;')}"`);
    expect(received.html).toContain('Задать новый пароль');
    expect(received.html).toMatch(/^<!DOCTYPE html><html lang="ru">/);
  });

  it('sends without logging in when SMTP_URL names no user (AUTH is optional here)', async () => {
    const letter = renderLetter('password-changed', 'kk', { link: 'https://id.kilt.kz/password/forgot' });
    await smtpMailer({ url: catcher.url.replace(/\/\/[^@]+@/, '//'), from: FROM }).send({ to: 'aigul@example.kz', ...letter });

    const received = catcher.letters.at(-1)!;
    expect(received).toMatchObject({ rcptTo: ['aigul@example.kz'], user: undefined, subject: 'Kilt құпиясөзі өзгертілді' });
    expect(received.text).toContain('https://id.kilt.kz/password/forgot');
    expect(received.html).toContain('<html lang="kk">');
  });

  it('rejects when the server refuses the login', async () => {
    const letter = renderLetter('password-reset', 'en', { link: LINK });
    const mailer = smtpMailer({ url: catcher.url.replace('s3cret', 'wrong'), from: FROM });
    await expect(mailer.send({ to: 'aidar@example.kz', ...letter })).rejects.toThrow(/Invalid username or password/);
  });
});

describe('an unreachable SMTP server', () => {
  const letter = { to: 'aidar@example.kz', ...renderLetter('password-reset', 'en', { link: LINK }) };

  it('rejects at once when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }).send(letter)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects within the timeout when the server accepts the connection and never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }, 300).send(letter)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
