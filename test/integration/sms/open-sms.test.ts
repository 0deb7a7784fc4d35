import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/adapters/mail/outbox.ts';
import { openSms } from '../../../src/adapters/sms/open-sms.ts';
import { temporaryDirectory } from '../../support/kilt/files.ts';

const twilio = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'token', from: '+77001234567', messagingServiceSid: undefined };

describe('the SMS sender main.ts opens', () => {
  it('is the outbox without Twilio', async () => {
    const outbox = createOutbox({ dir: temporaryDirectory('open-sms') });
    const sms = openSms({ twilio: undefined }, outbox);
    expect(sms).toBe(outbox);
    await sms.send({ to: '+77011234567', text: 'Kilt: код 123456' });
    expect(outbox.entries()[0]).toMatchObject({ kind: 'sms', to: '+77011234567' });
  });

  it('is Twilio when configured, even with an outbox at hand', () => {
    const outbox = createOutbox({ dir: temporaryDirectory('open-sms') });
    expect(openSms({ twilio }, outbox)).not.toBe(outbox);
  });

  it('rejects every SMS, saying what is missing, with neither', async () => {
    await expect(openSms({ twilio: undefined }, undefined).send({ to: '+77011234567', text: 'x' })).rejects.toThrow(/no SMS sender: set TWILIO_ACCOUNT_SID/);
  });
});
