import type { Config } from '../../config/schema.ts';
import type { SmsSender } from '../../domain/sms.ts';
import type { Outbox } from '../mail/outbox.ts';
import { twilioSms } from './twilio-sms.ts';

/**
 * Twilio when configured; otherwise the outbox, which production never has. Production without Twilio sends no SMS
 * (phones are not asked for then), so a send reaching this is a wiring mistake and fails loudly.
 */
export function openSms(settings: Config['sms'], outbox: Outbox | undefined): SmsSender {
  if (settings.twilio) return twilioSms(settings.twilio);
  if (outbox) return outbox;
  return {
    send: () => Promise.reject(new Error('no SMS sender: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)')),
  };
}
