// Walks the registration wizard the way a person's browser does: reads each step's form, fills it, follows redirects.
import { type TestEndEntity, cmsToBase64, signCms } from '../pki/index.ts';
import type { Browser } from './browser.ts';
import { attributeOf, challengeOf, csrfOf, formAction } from './screens.ts';

export interface Step {
  readonly status: number;
  readonly html: string;
  /** Where the browser was sent, when it was. */
  readonly location: string | undefined;
}

export interface Contacts {
  readonly email: string;
  readonly password: string;
  readonly passwordConfirmation?: string;
  readonly consent?: boolean;
  readonly phone?: string;
}

const step = (response: { status: number; text: string; headers: Record<string, string | undefined> }): Step => ({
  status: response.status, html: response.text, location: response.headers['location'],
});

export const revisionOf = (html: string) => attributeOf(html, /name="revision" value="(\d+)"/);

/** A GET that follows Kilt's redirects inside the wizard, as a browser would. */
export async function open(agent: Browser, path: string): Promise<Step> {
  let current = step(await agent.get(path));
  for (let hop = 0; hop < 5 && current.location?.startsWith('/register'); hop++) current = step(await agent.get(current.location));
  return current;
}

/** Step 1: the page's challenge signed with `key` (what NCALayer does) and posted. */
export async function submitCertificate(agent: Browser, html: string, key: TestEndEntity): Promise<Step> {
  const challenge = challengeOf(html);
  const signature = cmsToBase64(signCms(new Uint8Array(Buffer.from(challenge.base64, 'base64')), key));
  const returnTo = /name="returnTo" value="([^"]+)"/.exec(html)?.[1];
  const locale = /name="locale" value="([^"]+)"/.exec(html)?.[1];
  return step(await agent.post(formAction(html, 'register-certificate-form')).type('form').send({
    csrf: csrfOf(html), challengeId: challenge.id, signature, ...(returnTo ? { returnTo } : {}), ...(locale ? { locale } : {}),
  }));
}

export async function submitContacts(agent: Browser, html: string, contacts: Contacts): Promise<Step> {
  return step(await agent.post('/register/contacts').type('form').send({
    csrf: csrfOf(html),
    revision: revisionOf(html),
    email: contacts.email,
    password: contacts.password,
    password_confirmation: contacts.passwordConfirmation ?? contacts.password,
    ...(contacts.consent === false ? {} : { consent: 'yes' }),
    phone: contacts.phone ?? '',
  }));
}

export async function submitSmsCode(agent: Browser, html: string, code: string): Promise<Step> {
  return step(await agent.post('/register/phone').type('form').send({ csrf: csrfOf(html), revision: revisionOf(html), code }));
}

/** Step 3: the button, or, with `signer`, the agreement text of the page signed with that key. */
export async function submitAgreement(agent: Browser, html: string, signer?: TestEndEntity): Promise<Step> {
  const fields: Record<string, string> = { csrf: csrfOf(html), revision: revisionOf(html) };
  if (signer) {
    const document = attributeOf(html, /data-agreement="([^"]+)"/);
    fields['signature'] = cmsToBase64(signCms(new Uint8Array(Buffer.from(document, 'base64')), signer));
  } else {
    fields['decision'] = 'accept';
  }
  return step(await agent.post('/register/agreement').type('form').send(fields));
}

/** The confirmation link of a letter's text part, as a path on Kilt. */
export function confirmationPath(text: string): string {
  const link = /https?:\/\/\S+\/register\/confirm\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  if (!link) throw new Error(`no confirmation link in the letter:\n${text}`);
  return new URL(link).pathname;
}
