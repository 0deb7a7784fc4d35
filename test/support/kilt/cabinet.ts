// Signs a person into the personal cabinet the way a browser does: /account → Kilt's sign-in screens → back.
import type { TestEndEntity } from '../pki/index.ts';
import type { Browser } from './browser.ts';
import { type PersonAtScreens, signInThroughScreens } from './screens.ts';

export async function signInToCabinet(
  agent: Browser,
  issuer: string,
  person: Omit<PersonAtScreens, 'key'> & { readonly key: TestEndEntity },
  query = '',
): Promise<string> {
  const login = await agent.get(`/account/login${query}`);
  const callback = await signInThroughScreens(agent, issuer, new URL(login.headers['location']!, issuer), person, (url) => url.pathname === '/account/callback');
  const landed = await agent.get(`${callback.pathname}${callback.search}`);
  if (landed.headers['location'] !== '/account') throw new Error(`the cabinet refused the sign-in: ${landed.status} ${landed.headers['location']}`);
  const page = await agent.get('/account/profile');
  return page.text;
}
