// Walks Kilt's sign-in screens the way a person's browser does: reads each form, fills it, follows the redirects.
import type request from 'supertest';
import { type TestEndEntity, cmsToBase64, signCms } from '../pki/index.ts';
import type { Browser } from './browser.ts';

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly location: string | undefined;
}

/** Turns the page's challenge (base64) into the CMS the page posts (base64): what NCALayer does. */
export type ChallengeSigner = (challengeBase64: string) => Promise<string>;

export interface PersonAtScreens {
  readonly email: string;
  readonly password: string;
  /** The key NCALayer would sign with, or NCALayer itself (e.g. the emulator through the page's client). */
  readonly key: TestEndEntity | ChallengeSigner;
  /** What to answer on the agreement, profile and consent screens; the defaults accept and take the first profile. */
  readonly agreement?: 'accept' | 'decline';
  /** The offer to register the certificate's company; by default declined. */
  readonly company?: 'register' | 'skip';
  readonly profile?: string;
  readonly consent?: 'accept' | 'decline';
  /** Sees every screen before it is answered. */
  readonly seen?: (html: string) => void;
  /** Sees the path of every page the browser is sent to inside Kilt. */
  readonly visited?: (path: string) => void;
}

export const attributeOf = (html: string, pattern: RegExp): string => {
  const match = pattern.exec(html);
  if (!match) throw new Error(`not on the page: ${pattern}\n${html.slice(0, 800)}`);
  return match[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
};

export const formAction = (html: string, id: string) => attributeOf(html, new RegExp(`<form id="${id}"[^>]*action="([^"]+)"`));
export const csrfOf = (html: string) => attributeOf(html, /name="csrf" value="([^"]+)"/);
export const challengeOf = (html: string) => ({
  base64: attributeOf(html, /data-challenge="([^"]+)"/),
  id: attributeOf(html, /name="challengeId" value="([^"]+)"/),
});
export const errorOf = (html: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];

function page(response: request.Response): Page {
  return { status: response.status, html: response.text, location: response.headers['location'] };
}

/** The login form filled and posted with a signature of the page's challenge. */
export async function submitLogin(agent: Browser, html: string, person: Pick<PersonAtScreens, 'email' | 'password' | 'key'>, signed?: Uint8Array): Promise<Page> {
  const challenge = challengeOf(html);
  const { key } = person;
  const cms = typeof key === 'function'
    ? await key(challenge.base64)
    : cmsToBase64(signCms(signed ?? new Uint8Array(Buffer.from(challenge.base64, 'base64')), key));
  return page(
    await agent
      .post(formAction(html, 'login-form'))
      .type('form')
      .send({ csrf: csrfOf(html), email: person.email, password: person.password, signature: cms, challengeId: challenge.id }),
  );
}

/**
 * From an authorization URL to the redirect back to the client: answers every screen Kilt shows on the way.
 * Returns the client's callback URL; throws with the page when a screen refuses.
 */
export async function signInThroughScreens(
  agent: Browser,
  issuer: string,
  authorization: URL,
  person: PersonAtScreens,
  /** Where the client receives the answer; by default anything outside Kilt's origin. */
  isCallback: (url: URL) => boolean = (url) => url.origin !== new URL(issuer).origin,
): Promise<URL> {
  let next: string | undefined = `${authorization.pathname}${authorization.search}`;
  for (let hop = 0; hop < 20 && next; hop++) {
    const target = new URL(next, issuer);
    if (isCallback(target)) return target;
    person.visited?.(target.pathname);
    let current = page(await agent.get(`${target.pathname}${target.search}`));
    if (current.status === 200) {
      const { html } = current;
      person.seen?.(html);
      if (html.includes('id="login-form"')) current = await submitLogin(agent, html, person);
      else if (html.includes('id="agreement-form"')) current = page(await agent.post(formAction(html, 'agreement-form')).type('form').send({ csrf: csrfOf(html), version: attributeOf(html, /name="version" value="(\d+)"/), decision: person.agreement ?? 'accept' }));
      else if (html.includes('id="company-form"')) current = page(await agent.post(formAction(html, 'company-form')).type('form').send({ csrf: csrfOf(html), decision: person.company ?? 'skip' }));
      else if (html.includes('id="profile-form"')) current = page(await agent.post(formAction(html, 'profile-form')).type('form').send({ csrf: csrfOf(html), profile: person.profile ?? attributeOf(html, /name="profile" value="([^"]+)"/) }));
      else if (html.includes('id="consent-form"')) current = page(await agent.post(formAction(html, 'consent-form')).type('form').send({ csrf: csrfOf(html), decision: person.consent ?? 'accept' }));
      else throw new Error(`an unexpected page:\n${html.slice(0, 800)}`);
    }
    if (!current.location) throw new Error(`the screen refused (${current.status}): ${errorOf(current.html) ?? current.html.slice(0, 800)}`);
    next = current.location;
  }
  throw new Error('too many redirects');
}
