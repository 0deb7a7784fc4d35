import type Koa from 'koa';
import { agreementDocument } from '../../domain/registration/agreement.ts';
import type { ConfirmedRegistration } from '../../domain/registration/confirm.ts';
import { issueChallenge } from '../../domain/sign-in/challenges.ts';
import { maskedPhone } from '../../domain/phone/phone-number.ts';
import type { RegistrationRecord } from '../../domain/store.ts';
import { type Locale, interpolate } from '../../pki/messages.ts';
import { render } from '../render.ts';
import type { RegistrationRouteDependencies } from './routes.ts';
import { REGISTRATION_TEXTS, type RegistrationTexts } from './texts.ts';

/** A refused step: the message for the page and its code, which decides the links offered with it. */
export interface Refusal {
  readonly error: string;
  readonly errorCode: string;
}

export interface PageOptions {
  readonly ctx: Koa.Context;
  readonly locale: Locale;
  readonly csrf: string;
  readonly deps: RegistrationRouteDependencies;
  readonly registration: RegistrationRecord | null;
}

/** Codes whose message links to sign-in and password reset: the person has an account already. */
const HAS_ACCOUNT = new Set(['registration.iin_taken', 'registration.email_taken']);

function common(options: PageOptions) {
  const r: RegistrationTexts = REGISTRATION_TEXTS[options.locale];
  return {
    r,
    pageTitle: r.title,
    fill: (text: string, params: Record<string, string>) => interpolate(text, params),
    csrf: options.csrf,
    phoneRequired: options.deps.settings.phone === 'required',
    ncalayerUrl: options.deps.ncalayerUrl,
    testMode: options.deps.testMode,
  };
}

/** Step 1: a fresh challenge for this browser, signed with any key of the person. */
export async function certificatePage(
  options: PageOptions,
  locals: { readonly returnTo: string | null } & Partial<Refusal>,
  status = 200,
): Promise<void> {
  const { deps, ctx, csrf } = options;
  const challenge = await issueChallenge(deps.store.challenges, `register:${csrf}`, deps.clock());
  render(ctx, 'register/certificate', options.locale, {
    ...common(options),
    challenge,
    returnTo: locals.returnTo,
    error: locals.error,
    hasAccount: locals.errorCode !== undefined && HAS_ACCOUNT.has(locals.errorCode),
    step: 'certificate',
  }, status);
}

export type StepName = 'contacts' | 'phone' | 'agreement' | 'sent' | 'confirmed' | 'link-invalid';

export interface StepLocals extends Partial<Refusal> {
  /** A key of RegistrationTexts to show as a notice. */
  readonly notice?: 'smsResent' | 'sentResent';
  readonly values?: { readonly email: string; readonly phone: string; readonly consent: boolean };
  readonly confirmed?: ConfirmedRegistration;
}

/** The pages of steps 2–4 and of the link, each with what the person told and what the certificate said. */
export async function stepPage(options: PageOptions, step: StepName, locals: StepLocals, status = 200): Promise<void> {
  const { registration, deps } = options;
  const agreement = step === 'agreement' && registration ? await agreementLocals(deps, registration) : undefined;
  render(options.ctx, `register/${step}`, options.locale, {
    ...common(options),
    ...locals,
    step,
    registration,
    person: registration?.person,
    kind: registration?.kind,
    phone: registration?.phone ? maskedPhone(registration.phone) : undefined,
    agreement,
    hasAccount: locals.errorCode !== undefined && HAS_ACCOUNT.has(locals.errorCode),
  }, status);
}

/** The text in the registration's language: the one signed and recorded, whatever the page's language is now. */
async function agreementLocals(deps: RegistrationRouteDependencies, registration: RegistrationRecord) {
  const latest = await deps.store.agreements.latest();
  if (!latest) return null;
  const signed = deps.settings.agreementSignature === 'required';
  return {
    version: latest.version,
    text: latest.texts[registration.locale],
    document: signed ? Buffer.from(agreementDocument(latest, registration)).toString('base64') : undefined,
  };
}
