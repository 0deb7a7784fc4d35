import type { Config } from '../../config/schema.ts';
import type { SmsSender } from '../../domain/sms.ts';
import type { Outbox } from '../mail/outbox.ts';
import type { TwilioSettings } from './twilio-sms.ts';

/**
 * The twilio library (some 35 MB once loaded) is imported with the first SMS, not at start: most deployments never
 * ask for a phone, and the process's memory budget is small.
 */
function lazyTwilio(settings: TwilioSettings): SmsSender {
  let sender: Promise<SmsSender> | undefined;
  return {
    async send(sms) {
      sender ??= import('./twilio-sms.ts').then(({ twilioSms }) => twilioSms(settings));
      await (await sender).send(sms);
    },
  };
}

/**
 * Twilio when configured; otherwise the outbox, which production never has. Production without Twilio sends no SMS
 * (phones are not asked for then), so a send reaching this is a wiring mistake and fails loudly.
 */
export function openSms(settings: Config['sms'], outbox: Outbox | undefined): SmsSender {
  if (settings.twilio) return lazyTwilio(settings.twilio);
  if (outbox) return outbox;
  return {
    send: () => Promise.reject(new Error('no SMS sender: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)')),
  };
}
