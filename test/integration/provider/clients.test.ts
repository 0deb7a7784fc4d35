import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { clientsCommand } from '../../../src/cli/clients-command.ts';
import type { CommandContext } from '../../../src/cli/command-context.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { browser } from '../../support/kilt/browser.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';

function authorizationRequest(issuer: string, clientId: string, redirectUri: string): URL {
  const url = new URL(`${issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 'st',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
  }).toString();
  return url;
}

/** Where Kilt sends the browser for an authorization request: the sign-in screen when the client is known. */
async function landing(kilt: TestKilt, clientId: string, redirectUri: string): Promise<{ status: number; location: string | undefined; text: string }> {
  const url = authorizationRequest(kilt.url, clientId, redirectUri);
  const response = await browser(kilt.url).get(`${url.pathname}${url.search}`);
  return { status: response.status, location: response.headers['location'], text: response.text };
}

describe('kilt clients, on the store running providers use', () => {
  const store = createMemoryStore();
  const printed: Record<string, unknown>[] = [];
  let one: TestKilt;
  let other: TestKilt;
  let context: CommandContext;

  beforeAll(async () => {
    [one, other] = await Promise.all([startTestKilt({ store }), startTestKilt({ store })]);
    context = { store, config: one.config, print: (result) => printed.push(result) };
  });
  afterAll(() => Promise.all([one.stop(), other.stop()]));

  it('a client added by the CLI is accepted at once by every provider on the store', async () => {
    expect((await landing(one, 'keden', 'https://keden.kilt.test/cb')).status).toBe(400);
    const code = await clientsCommand([
      'add', '--client-id', 'keden', '--redirect-uri', 'https://keden.kilt.test/cb', '--public', '--first-party',
      '--profile-policy', 'certificate', '--post-logout-redirect-uri', 'https://keden.kilt.test/',
    ])(context);
    expect(code).toBe(0);
    expect(printed.at(-1)).toMatchObject({ ok: true, client: { clientId: 'keden', public: true, firstParty: true, profilePolicy: 'certificate' } });
    for (const kilt of [one, other]) {
      const answer = await landing(kilt, 'keden', 'https://keden.kilt.test/cb');
      expect(answer.status).toBe(303);
      expect(answer.location).toMatch(/^\/interaction\/[\w-]+$/);
    }
    expect(await store.clients.find('keden')).toMatchObject({ firstParty: true, profilePolicy: 'certificate', profileTypes: ['individual', 'legal_entity'] });
  });

  it('generates and prints a secret once when neither --secret nor --public is given; list never shows secrets', async () => {
    await clientsCommand(['add', '--client-id', 'knp', '--redirect-uri', 'https://knp.kilt.test/cb'])(context);
    const secret = (printed.at(-1)!['client'] as Record<string, unknown>)['secret'];
    expect(secret).toEqual(expect.stringMatching(/^[\w-]{43}$/));
    expect((await store.clients.find('knp'))!.metadata).toMatchObject({ client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' });
    await clientsCommand(['list'])(context);
    const listed = printed.at(-1)!;
    expect(JSON.stringify(listed)).not.toContain(String(secret));
    expect((listed['clients'] as { clientId: string }[]).map((client) => client.clientId)).toEqual(['keden', 'kilt-account', 'knp']);
  });

  it('a removed client is refused at once', async () => {
    expect(await clientsCommand(['remove', '--client-id', 'knp'])(context)).toBe(0);
    const answer = await landing(other, 'knp', 'https://knp.kilt.test/cb');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('invalid_client');
    expect(await clientsCommand(['remove', '--client-id', 'knp'])(context)).toBe(1);
    expect(printed.at(-1)).toMatchObject({ ok: false, code: 'client.not_found' });
  });

  it('refuses bad input as usage errors', () => {
    expect(() => clientsCommand(['add', '--client-id', 'x', '--redirect-uri', 'https://x.test/cb', '--secret', 'long-enough-secret-1', '--public'])).toThrow(UsageError);
    expect(() => clientsCommand(['add', '--client-id', 'bad.id', '--redirect-uri', 'https://x.test/cb', '--public'])).toThrow(/clientId/);
    expect(() => clientsCommand(['add', '--client-id', 'x', '--redirect-uri', 'not a url', '--public'])).toThrow(/redirectUris/);
    expect(() => clientsCommand(['add', '--redirect-uri', 'https://x.test/cb'])).toThrow(/--client-id/);
    expect(() => clientsCommand(['rename'])).toThrow(/unknown clients command/);
  });
});
