import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, signChallenge } from '../../../public/js/ncalayer-client.js';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../../src/dev/development-instance.ts';
import { browser } from '../../support/kilt/browser.ts';
import { attributeOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { freePort } from '../../support/free-port.ts';

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
});
