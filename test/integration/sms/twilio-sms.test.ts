import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioSms } from '../../../src/adapters/sms/twilio-sms.ts';
import { freePort } from '../../support/free-port.ts';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'tw-secret-token-6f1e2d';
const SERVICE_SID = `MG${'fedcba9876543210'.repeat(2)}`;
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const MESSAGE_SID = `SM${'1'.repeat(32)}`;

interface Received {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly form: Record<string, string>;
}

type Answer = (response: ServerResponse) => void;

const json = (status: number, body: unknown): Answer => (response) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** Twilio's answer to a queued message, trimmed to what a reader of this test needs. */
const queued = (form: Record<string, string>) =>
  json(201, {
    sid: MESSAGE_SID,
    account_sid: ACCOUNT_SID,
    to: form.To,
    from: form.From ?? null,
    messaging_service_sid: form.MessagingServiceSid ?? null,
    body: form.Body,
    status: 'queued',
    num_segments: '1',
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}.json`,
  });

describe('the Twilio SMS sender, against a stand-in for Twilio\'s REST API', () => {
  const server = createServer();
  const received: Received[] = [];
  let answer: (form: Record<string, string>) => Answer;
  let apiUrl: string;

  beforeAll(async () => {
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        received.push({ method: request.method, path: request.url, headers: request.headers, form });
        answer(form)(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    received.length = 0;
    answer = queued;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the message to the account\'s Messages resource, with basic auth and a form body', async () => {
    const sms = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567' }, { apiUrl });
    await sms.send({ to: '+77011234567', text: 'Kilt: код 482913. Никому его не сообщайте.' });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: MESSAGES_PATH });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(request!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.form).toEqual({ To: '+77011234567', From: '+77001234567', Body: 'Kilt: код 482913. Никому его не сообщайте.' });
  });

  it('sends through the messaging service, not the number, when both are set', async () => {
    const sms = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567', messagingServiceSid: SERVICE_SID }, { apiUrl });
    await sms.send({ to: '+77011234567', text: 'Kilt: код 000111' });
    expect(received[0]!.form).toEqual({ To: '+77011234567', MessagingServiceSid: SERVICE_SID, Body: 'Kilt: код 000111' });
  });

  it('rejects with Twilio\'s error code and message when Twilio refuses, never with the token', async () => {
    answer = (form) => json(400, { code: 21211, message: `Invalid 'To' Phone Number: ${form.To}`, more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
    const sms = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567' }, { apiUrl });

    const error = await sms.send({ to: '+7701', text: 'Kilt: код 1' }).then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("Twilio refused the SMS: HTTP 400, error 21211: Invalid 'To' Phone Number: +7701");
    expect(JSON.stringify(error)).not.toContain(AUTH_TOKEN);
    expect(String((error as Error).stack)).not.toContain(AUTH_TOKEN);
    expect((error as Error).cause).toBeUndefined();
  });

  it('rejects on a server error, with or without a JSON body', async () => {
    const sms = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567' }, { apiUrl });
    answer = () => (response) => response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>');
    await expect(sms.send({ to: '+77011234567', text: 'x' })).rejects.toThrow(/^Twilio refused the SMS: HTTP 500/);
    answer = () => json(503, {});
    await expect(sms.send({ to: '+77011234567', text: 'x' })).rejects.toThrow(/^Twilio refused the SMS: HTTP 503$/);
  });

  it('rejects when nothing listens, and when Twilio stays silent past the timeout', async () => {
    const refused = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567' }, { apiUrl: `http://127.0.0.1:${await freePort()}` });
    await expect(refused.send({ to: '+77011234567', text: 'x' })).rejects.toThrow(/^Twilio could not be reached: .*ECONNREFUSED/);

    answer = () => () => {};
    const silent = twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+77001234567' }, { apiUrl, timeoutMs: 300 });
    await expect(silent.send({ to: '+77011234567', text: 'x' })).rejects.toThrow(/^Twilio could not be reached: timeout/);
  });

  it('refuses to start without a sender', () => {
    expect(() => twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })).toThrow(/TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/);
  });
});
