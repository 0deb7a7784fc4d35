// A relying party and a person's browser for the benchmark: plain node:http with a cookie jar, no test framework, so that
// the figures measure Kilt rather than the client.
import { createHash, randomBytes } from 'node:crypto';
import { type TestEndEntity, cmsToBase64 } from '../../test/support/pki/index.ts';
import { templateCmsSigner } from './template-cms.ts';
import { attributeOf, challengeOf, csrfOf, formAction } from '../../test/support/kilt/screens.ts';
import { httpRequest } from './http-client.ts';

export interface BenchClient {
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface Tokens {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token: string;
}

class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Takes the Set-Cookie headers of a response. */
  store(setCookies: readonly string[] = []): void {
    for (const cookie of setCookies) {
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
  const request = async (url: string, fields?: Record<string, string>) => {
    const response = await httpRequest(new URL(url, issuer), fields
      ? { method: 'POST', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }
      : { headers: { cookie: jar.header() } });
    jar.store(response.headers['set-cookie']);
    return response;
  };
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
      const html = response.body;
      if (html.includes('id="login-form"')) {
        const challenge = challengeOf(html);
        const signature = cmsToBase64(signChallenge(options.key, new Uint8Array(Buffer.from(challenge.base64, 'base64'))));
        response = await request(formAction(html, 'login-form'), { csrf: csrfOf(html), email: options.email, password: options.password, signature, challengeId: challenge.id });
      } else if (html.includes('id="consent-form"')) {
        response = await request(formAction(html, 'consent-form'), { csrf: csrfOf(html), decision: 'accept' });
      } else if (html.includes('id="profile-form"')) {
        response = await request(formAction(html, 'profile-form'), { csrf: csrfOf(html), profile: attributeOf(html, /name="profile" value="([^"]+)"/) });
      } else {
        throw new Error(`unexpected page: ${html.slice(0, 300)}`);
      }
    }
    const { location } = response.headers;
    if (!location) throw new Error(`no redirect (${response.status}): ${response.body.slice(0, 300)}`);
    next = new URL(location, issuer).href;
  }
  const code = new URL(next).searchParams.get('code');
  if (!code) throw new Error(`no code: ${next}`);
  const tokens = await tokenRequest(issuer, client, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier });
  const userinfo = await httpRequest(new URL('/me', issuer), { headers: { authorization: `Bearer ${tokens.access_token}` } });
  if (userinfo.status !== 200) throw new Error(`userinfo ${userinfo.status}`);
  return tokens;
}

export async function tokenRequest(issuer: string, client: BenchClient, fields: Record<string, string>): Promise<Tokens> {
  const response = await httpRequest(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: client.clientId, ...fields }).toString(),
  });
  if (response.status !== 200) throw new Error(`token ${response.status}: ${response.body}`);
  return JSON.parse(response.body) as Tokens;
}
