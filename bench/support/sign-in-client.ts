// A relying party and a person's browser for the benchmark: plain fetch with a cookie jar, no test framework, so that
// the figures measure Kilt rather than the client.
import { createHash, randomBytes } from 'node:crypto';
import { type TestEndEntity, cmsToBase64 } from '../../test/support/pki/index.ts';
import { templateCmsSigner } from './template-cms.ts';
import { attributeOf, challengeOf, csrfOf, formAction } from '../../test/support/kilt/screens.ts';

export interface BenchClient {
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface Tokens {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token: string;
}

export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

const cmsSigners = new WeakMap<TestEndEntity, (challenge: Uint8Array) => Uint8Array>();

function signChallenge(key: TestEndEntity, challenge: Uint8Array): Uint8Array {
  let signer = cmsSigners.get(key);
  if (!signer) cmsSigners.set(key, (signer = templateCmsSigner(key, challenge.length)));
  return signer(challenge);
}

export interface SignInOptions {
  readonly issuer: string;
  readonly client: BenchClient;
  readonly email: string;
  readonly password: string;
  readonly key: TestEndEntity;
  readonly scope: string;
}

/** One complete sign-in: authorization request → screens → code → token → userinfo. */
export async function signIn(options: SignInOptions): Promise<Tokens> {
  const { issuer, client } = options;
  const jar = new CookieJar();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.store(response);
    return response;
  };
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorization = new URL('/auth', issuer);
  authorization.search = new URLSearchParams({
    client_id: client.clientId, redirect_uri: client.redirectUri, response_type: 'code', scope: options.scope, state,
    // OpenID Connect grants offline_access only with prompt=consent; a portal asks for it only when it wants one.
    ...(options.scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  }).toString();

  let next = authorization.href;
  for (let hop = 0; hop < 20; hop++) {
    if (next.startsWith(client.redirectUri)) break;
    let response = await request(next);
    if (response.status === 200) {
      const html = await response.text();
      if (html.includes('id="login-form"')) {
        const challenge = challengeOf(html);
        const signature = cmsToBase64(signChallenge(options.key, new Uint8Array(Buffer.from(challenge.base64, 'base64'))));
        response = await request(formAction(html, 'login-form'), form({ csrf: csrfOf(html), email: options.email, password: options.password, signature, challengeId: challenge.id }));
      } else if (html.includes('id="consent-form"')) {
        response = await request(formAction(html, 'consent-form'), form({ csrf: csrfOf(html), decision: 'accept' }));
      } else if (html.includes('id="profile-form"')) {
        response = await request(formAction(html, 'profile-form'), form({ csrf: csrfOf(html), profile: attributeOf(html, /name="profile" value="([^"]+)"/) }));
      } else {
        throw new Error(`unexpected page: ${html.slice(0, 300)}`);
      }
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect (${response.status}): ${(await response.text()).slice(0, 300)}`);
    next = new URL(location, issuer).href;
  }
  const code = new URL(next).searchParams.get('code');
  if (!code) throw new Error(`no code: ${next}`);
  const tokens = await tokenRequest(issuer, client, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier });
  const userinfo = await fetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${tokens.access_token}` } });
  if (!userinfo.ok) throw new Error(`userinfo ${userinfo.status}`);
  await userinfo.arrayBuffer();
  return tokens;
}

export async function tokenRequest(issuer: string, client: BenchClient, fields: Record<string, string>): Promise<Tokens> {
  const response = await fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: client.clientId, ...fields }).toString(),
  });
  if (!response.ok) throw new Error(`token ${response.status}: ${await response.text()}`);
  return (await response.json()) as Tokens;
}
