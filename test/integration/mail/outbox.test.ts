import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetter } from '../../../src/adapters/mail/letters.ts';
import { createOutbox } from '../../../src/adapters/mail/outbox.ts';
import { outboxRoutes } from '../../../src/dev/outbox-routes.ts';
import { temporaryDirectory } from '../../support/kilt/files.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import { freePort } from '../../support/free-port.ts';

const resetLetter = (to: string, link: string) => ({ to, ...renderLetter('password-reset', 'ru', { link }) });

function served(outbox: ReturnType<typeof createOutbox>) {
  const app = new Koa();
  app.use(outboxRoutes(outbox));
  return request(app.callback());
}

describe('the development outbox', () => {
  it('lists the letters newest first on /dev/outbox.json with their links, and writes each as a JSON file', async () => {
    const dir = join(temporaryDirectory('outbox'), 'outbox');
    const outbox = createOutbox({ dir });
    await outbox.send(resetLetter('first@example.kz', 'https://id.kilt.kz/password/reset?token=one&x=1'));
    await outbox.send(resetLetter('second@example.kz', 'https://id.kilt.kz/password/reset?token=two'));

    const response = await served(outbox).get('/dev/outbox.json').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual([
      { kind: 'mail', to: 'second@example.kz', subject: 'Восстановление пароля Kilt', text: expect.stringContaining('token=two'), links: ['https://id.kilt.kz/password/reset?token=two'], time: expect.any(String) },
      { kind: 'mail', to: 'first@example.kz', subject: 'Восстановление пароля Kilt', text: expect.any(String), links: ['https://id.kilt.kz/password/reset?token=one&x=1'], time: expect.any(String) },
    ]);
    expect(Date.parse(response.body[0].time)).toBeGreaterThanOrEqual(Date.parse(response.body[1].time));

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    const written = await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8'))));
    expect(written.map((letter) => letter.to)).toEqual(['first@example.kz', 'second@example.kz']);
    expect(written[0]).toMatchObject({ kind: 'mail', links: ['https://id.kilt.kz/password/reset?token=one&x=1'], html: expect.stringContaining('<!DOCTYPE html>') });
  });

  it('keeps only the newest letters in memory, every one on disk', async () => {
    const dir = temporaryDirectory('outbox-bound');
    const outbox = createOutbox({ dir, limit: 3 });
    for (let index = 1; index <= 5; index++) await outbox.send(resetLetter(`person${index}@example.kz`, `https://id.kilt.kz/r?${index}`));

    const listed = (await served(outbox).get('/dev/outbox.json').expect(200)).body as { to: string }[];
    expect(listed.map((letter) => letter.to)).toEqual(['person5@example.kz', 'person4@example.kz', 'person3@example.kz']);
    expect(await readdir(dir)).toHaveLength(5);
  });

  it('shows the letters on /dev/outbox with their links clickable and everything else escaped', async () => {
    const outbox = createOutbox({ dir: temporaryDirectory('outbox-page') });
    await outbox.send({ to: 'x@example.kz', subject: '<script>alert(1)</script>', text: 'Go to https://id.kilt.kz/r?a=1&b=<2>\nthen <b>done</b>', html: '<p>"quoted"</p>' });

    const page = (await served(outbox).get('/dev/outbox').expect(200).expect('content-type', /html/)).text;
    expect(page).toContain('<a href="https://id.kilt.kz/r?a=1&amp;b=">https://id.kilt.kz/r?a=1&amp;b=</a>&lt;2&gt;');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('then &lt;b&gt;done&lt;/b&gt;');
    expect(page).toContain('srcdoc="&lt;p&gt;&quot;quoted&quot;&lt;/p&gt;"');
    expect(page).not.toContain('<script>');
    await served(outbox).get('/dev/elsewhere').expect(404);
  });

  it('takes SMS too: listed with the letters newest first as kind sms, shown apart on /dev/outbox, written as JSON', async () => {
    const dir = temporaryDirectory('outbox-sms');
    const outbox = createOutbox({ dir });
    await outbox.send(resetLetter('first@example.kz', 'https://id.kilt.kz/password/reset?token=one'));
    await outbox.send({ to: '+77011234567', text: 'Kilt: код <482913>. Никому его не сообщайте.' });

    const listed = (await served(outbox).get('/dev/outbox.json').expect(200)).body as Record<string, unknown>[];
    expect(listed).toHaveLength(2);
    expect(listed[0]).toEqual({ kind: 'sms', to: '+77011234567', text: 'Kilt: код <482913>. Никому его не сообщайте.', links: [], time: expect.any(String) });
    expect(listed[1]).toMatchObject({ kind: 'mail', to: 'first@example.kz', subject: 'Восстановление пароля Kilt' });
    expect(outbox.letters().map((letter) => letter.to)).toEqual(['first@example.kz']);

    const page = (await served(outbox).get('/dev/outbox').expect(200)).text;
    expect(page).toContain('SMS на +77011234567');
    expect(page).toContain('Kilt: код &lt;482913&gt;. Никому его не сообщайте.');
    expect(page.indexOf('SMS на')).toBeLessThan(page.indexOf('Восстановление пароля Kilt'));

    const files = (await readdir(dir)).sort();
    expect(files).toEqual([expect.stringMatching(/-mail-/), expect.stringMatching(/-sms-/)]);
    expect(JSON.parse(await readFile(join(dir, files[1]!), 'utf8'))).toEqual({ kind: 'sms', to: '+77011234567', text: expect.stringContaining('482913'), links: [], time: expect.any(String) });
  });
});

describe('the mailer main.ts builds', () => {
  let dev: TestKilt;
  let catcher: SmtpCatcher;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = temporaryDirectory('data');
    catcher = await startSmtpCatcher();
    dev = await startTestKilt({ env: { KILT_DEV_INSTANCE: 'true', KILT_DEV_NCALAYER_PORT: String(await freePort()), KILT_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await dev.stop();
    await catcher.close();
  });

  it('is the outbox without SMTP_URL: letters under KILT_DATA_DIR/outbox and on the development instance\'s /dev/outbox', async () => {
    await dev.instance.mailer.send(resetLetter('newcomer@example.kz', 'https://id.kilt.kz/password/reset?token=dev'));
    const listed = (await request(dev.url).get('/dev/outbox.json').expect(200)).body as { to: string; links: string[] }[];
    expect(listed[0]).toMatchObject({ to: 'newcomer@example.kz', links: ['https://id.kilt.kz/password/reset?token=dev'] });
    expect((await request(dev.url).get('/dev/outbox').expect(200)).text).toContain('newcomer@example.kz');
    expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(1);
  });

  it('is SMTP with SMTP_URL, and no outbox page is served', async () => {
    const kilt = await startTestKilt({ env: { SMTP_URL: catcher.url, MAIL_FROM: 'Kilt <no-reply@kilt.kz>' } });
    try {
      await kilt.instance.mailer.send(resetLetter('aidar@example.kz', 'https://id.kilt.kz/password/reset?token=smtp'));
      expect(catcher.letters.at(-1)).toMatchObject({ rcptTo: ['aidar@example.kz'], mailFrom: 'no-reply@kilt.kz' });
      await request(kilt.url).get('/dev/outbox.json').expect(404);
    } finally {
      await kilt.stop();
    }
  });
});
