import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, signChallenge } from '../../../public/js/ncalayer-client.js';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../../src/dev/development-instance.ts';
import { browser } from '../../support/kilt/browser.ts';
import { open } from '../../support/kilt/registration.ts';
import { attributeOf, challengeOf, csrfOf, errorOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { freePort } from '../../support/free-port.ts';
import { SECOND_ORGANIZATION_SIGNER, SECOND_TEST_ORGANIZATION, TEST_ORGANIZATION, TEST_PEOPLE } from '../../support/pki/index.ts';

interface KeyListing {
  readonly current: number;
  readonly keys: readonly { index: number; label: string; iin: string; bin: string | null; role: string; current: boolean; account: { email: string; confirmed: boolean } | null }[];
}

/** `npm start` with no configuration: a first-time visitor can click through the whole sign-in. */
describe('the development instance', () => {
  let kilt: TestKilt;
  let emulatorPort: number;

  beforeAll(async () => {
    emulatorPort = await freePort();
    kilt = await startTestKilt({ env: { KILT_DEV_INSTANCE: 'true', KILT_DEV_NCALAYER_PORT: String(emulatorPort) } });
  });
  afterAll(() => kilt.stop());

  it("points the login page's script at the emulator, with NCA TEST keys selectable", async () => {
    const agent = browser(kilt.url);
    const authorization = new URL((await agent.get('/demo/login')).headers['location']!);
    const interaction = (await agent.get(`${authorization.pathname}${authorization.search}`)).headers['location']!;
    const page = (await agent.get(interaction)).text;
    expect(attributeOf(page, /data-ncalayer-url="([^"]+)"/)).toBe(`ws://127.0.0.1:${emulatorPort}/`);
    expect(attributeOf(page, /data-test-mode="([^"]+)"/)).toBe('true');
  });

  it('signs the demo person in at the demo portal through the NCALayer emulator, past the agreement and the profile picker', async () => {
    const agent = browser(kilt.url);
    const authorization = new URL((await agent.get('/demo/login')).headers['location']!);
    const ncalayer = async (challenge: string) => {
      const socket = await connect(`ws://127.0.0.1:${emulatorPort}/`);
      try {
        return await signChallenge(socket, challenge, { testMode: true });
      } finally {
        socket.close();
      }
    };
    const atDemo = (url: URL) => url.pathname === '/demo/callback';
    const callback = await signInThroughScreens(agent, kilt.url, authorization, { email: DEMO_EMAIL, password: DEMO_PASSWORD, key: ncalayer }, atDemo);
    expect(callback.pathname).toBe('/demo/callback');
    const result = await agent.get(`${callback.pathname}${callback.search}`);
    expect(result.status).toBe(200);
    expect(result.text).toContain('Вы вошли');
    expect(result.text).toContain('&quot;type&quot;: &quot;individual&quot;');
    expect(result.text).toContain('&quot;amr&quot;');
    expect(result.text).toContain('&quot;iin&quot;');
  });

  describe('/dev/ncalayer: the key the emulator signs with', () => {
    const chooseByJson = (body: unknown, type = 'application/json') =>
      fetch(`${kilt.url}/dev/ncalayer.json`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    const listing = async () => (await (await fetch(`${kilt.url}/dev/ncalayer.json`)).json()) as KeyListing;
    /** What the page's script gets from the emulator for a fresh challenge of the registration page. */
    const ncalayerSigns = async (challenge: string) => {
      const socket = await connect(`ws://127.0.0.1:${emulatorPort}/`);
      try {
        return await signChallenge(socket, challenge, { testMode: true });
      } finally {
        socket.close();
      }
    };
    afterEach(() => chooseByJson({ index: 0 }));

    it('offers the demo head (with the demo account), a newcomer, an employee of the demo company and the signer of a new company', async () => {
      const { current, keys } = await listing();
      expect(current).toBe(0);
      expect(keys.map((key) => key.current)).toEqual([true, false, false, false]);
      expect(keys.map(({ iin, bin, role }) => ({ iin, bin, role }))).toEqual([
        { iin: TEST_PEOPLE.firstHead.iin, bin: TEST_ORGANIZATION.bin, role: 'firstHead' },
        { iin: TEST_PEOPLE.individual.iin, bin: null, role: 'individual' },
        { iin: TEST_PEOPLE.employee.iin, bin: TEST_ORGANIZATION.bin, role: 'employee' },
        { iin: SECOND_ORGANIZATION_SIGNER.iin, bin: SECOND_TEST_ORGANIZATION.bin, role: 'signingRight' },
      ]);
      expect(keys.map((key) => key.account)).toEqual([{ email: DEMO_EMAIL, confirmed: true }, null, null, null]);
      expect(keys[1]!.label).toMatch(/^ИСКАКОВ АЙДАР ЕРЛАНОВИЧ · ИИН \d{12} · физическое лицо · ГОСТ 34\.10-2015 \(512\)$/);
      expect(await kilt.store.participants.find(TEST_ORGANIZATION.bin, TEST_PEOPLE.employee.iin)).toMatchObject({ role: 'declarant', status: 'added' });
    });

    it('lets the employee the demo head added register as the company\'s employee, with the key chosen by IIN', async () => {
      expect((await chooseByJson({ iin: TEST_PEOPLE.employee.iin })).status).toBe(200);
      expect((await listing()).current).toBe(2);
      const agent = browser(kilt.url);
      const page = (await open(agent, '/register')).html;
      const challenge = challengeOf(page);
      const posted = await agent.post('/register/certificate').type('form').send({ csrf: csrfOf(page), challengeId: challenge.id, signature: await ncalayerSigns(challenge.base64) });
      expect(posted.headers['location'], errorOf(posted.text)).toBe('/register/contacts');
      const contacts = (await open(agent, '/register/contacts')).html;
      expect(contacts).toContain(TEST_PEOPLE.employee.iin);
      expect(contacts).toContain('сотрудник организации');
    });

    it('sends the demo head, who has an account, to sign-in instead', async () => {
      const agent = browser(kilt.url);
      const page = (await open(agent, '/register')).html;
      const challenge = challengeOf(page);
      const refused = await agent.post('/register/certificate').type('form').send({ csrf: csrfOf(page), challengeId: challenge.id, signature: await ncalayerSigns(challenge.base64) });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('href="/forgot-password"');
    });

    it("chooses on the page's form only with the page's CSRF token", async () => {
      const agent = browser(kilt.url);
      const page = (await agent.get('/dev/ncalayer')).text;
      expect(page).toContain('Сейчас подписывает: <strong>СЕЙТКАЛИЕВА ДИНАРА МАРАТОВНА</strong>');
      expect(page).toContain(`учётная запись: ${DEMO_EMAIL}`);
      expect((await agent.post('/dev/ncalayer').type('form').send({ csrf: 'forged', index: '1' })).status).toBe(403);
      expect((await listing()).current).toBe(0);
      const chosen = await agent.post('/dev/ncalayer').type('form').send({ csrf: csrfOf(page), index: '3' });
      expect(chosen.headers['location']).toBe('/dev/ncalayer');
      expect((await agent.get('/dev/ncalayer')).text).toContain('Сейчас подписывает: <strong>КАСЫМОВ ЕРЖАН ТАЛГАТОВИЧ</strong>');
    });

    it('refuses JSON choices that name no key, and any body that is not JSON', async () => {
      expect((await chooseByJson({ index: 4 })).status).toBe(400);
      expect((await chooseByJson({ iin: '000000000000' })).status).toBe(400);
      expect((await chooseByJson({ index: 1 }, 'text/plain')).status).toBe(415);
      expect((await fetch(`${kilt.url}/dev/ncalayer.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"index":' })).status).toBe(400);
      expect((await listing()).current).toBe(0);
    });
  });
});
