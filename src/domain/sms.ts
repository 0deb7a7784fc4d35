/** An SMS as Kilt sends it; `to` is in E.164 (+77011234567). */
export interface Sms {
  readonly to: string;
  readonly text: string;
}

/**
 * SMS behind a port: Twilio in production, the development outbox otherwise (src/adapters/sms). `send` rejects when the
 * message was not accepted; the caller decides what to tell the person.
 */
export interface SmsSender {
  send(sms: Sms): Promise<void>;
}
