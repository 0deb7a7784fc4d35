import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, NcaLayerError, signChallenge } from '../../public/js/ncalayer-client.js';
import { createPkiVerifier } from '../../src/pki/create-verifier.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from '../../src/dev/ncalayer-emulator.ts';
import { type TestPki, createTestPki, signCms } from '../support/pki/index.ts';

/** The page's NCALayer client (public/js) against the emulator, over a real WebSocket (Node's global client). */
describe('NCALayer protocol: browser client ↔ emulator', () => {
  let pki: TestPki<'gost512'>;
  let emulator: NcaLayerEmulator;
  let legacy: NcaLayerEmulator;
  const signed: string[] = [];
  const challenge = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');

  beforeAll(async () => {
    pki = await createTestPki({ algorithm: 'gost512' });
    const person = pki.endEntities.individual;
    const key = { label: `${person.person!.surname} ${person.person!.name} (GOST)`, sign: (data: Uint8Array, attached: boolean) => signCms(data, person, { detached: !attached }) };
    emulator = await startNcaLayerEmulator({ keys: [key], onSign: (label) => signed.push(label) });
    legacy = await startNcaLayerEmulator({ keys: [key], modules: ['commonUtils'] });
  });
  afterAll(async () => {
    await emulator.close();
    await legacy.close();
  });
  afterEach(() => {
    emulator.behaviour = 'sign';
    legacy.behaviour = 'sign';
  });

  async function verify(cms: string) {
    const { verifier } = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off' });
    return verifier.verifyCms(cms, { expectedContent: new Uint8Array(Buffer.from(challenge, 'base64')), purpose: 'auth', singleSigner: true });
  }

  it('signs the challenge through basics.sign; the server verifies the attached CMS', async () => {
    const socket = await connect(emulator.url);
    const cms = await signChallenge(socket, challenge, { testMode: true });
    socket.close();
    expect(cms).not.toContain('-----');
    const { signers } = await verify(cms);
    expect(signers[0]!.iin).toBe(pki.endEntities.individual.person!.iin);
    expect(signed.at(-1)).toContain('(GOST)');
  });

  it('falls back to commonUtils when the basics module is missing', async () => {
    const socket = await connect(legacy.url);
    const cms = await signChallenge(socket, challenge);
    socket.close();
    await expect(verify(cms)).resolves.toBeDefined();
  });

  it.each([
    ['basics', () => emulator],
    ['commonUtils', () => legacy],
  ])('reports a cancelled dialog (%s) as cancelled', async (_name, pick) => {
    pick().behaviour = 'cancel';
    const socket = await connect(pick().url);
    await expect(signChallenge(socket, challenge)).rejects.toMatchObject({ reason: 'cancelled' });
    socket.close();
  });

  it('reports a signing failure as failed', async () => {
    emulator.behaviour = 'fail';
    const socket = await connect(emulator.url);
    await expect(signChallenge(socket, challenge)).rejects.toMatchObject({ reason: 'failed' });
    socket.close();
  });

  it('reports NCALayer not running when nothing listens', async () => {
    const closed = await startNcaLayerEmulator({ keys: [{ label: 'x', sign: () => new Uint8Array() }] });
    const { url } = closed;
    await closed.close();
    const error = await connect(url, 1000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NcaLayerError);
    expect(error).toMatchObject({ reason: 'not_running' });
  });

  it('answers like NCALayer to heartbeats, unknown modules and malformed requests', async () => {
    const socket = await connect(emulator.url);
    const next = () => new Promise<string>((resolve) => socket.addEventListener('message', (event: MessageEvent) => resolve(String(event.data)), { once: true }));
    socket.send('--heartbeat--');
    expect(await next()).toBe('--heartbeat--');
    socket.send(JSON.stringify({ module: 'kz.gov.pki.unknown', method: 'x', args: {} }));
    expect(JSON.parse(await next())).toEqual({ success: false, errorCode: 'MODULE_NOT_FOUND' });
    socket.send('{not json');
    expect(JSON.parse(await next())).toMatchObject({ status: false, code: 'INVOCATION_ERROR' });
    socket.close();
  });

  it('signs with the key chosen last, as a key file picked in NCALayer', async () => {
    const employee = pki.endEntities.employee;
    const keys = [
      { label: 'individual', sign: (data: Uint8Array, attached: boolean) => signCms(data, pki.endEntities.individual, { detached: !attached }) },
      { label: 'employee', sign: (data: Uint8Array, attached: boolean) => signCms(data, employee, { detached: !attached }) },
    ];
    const chosen: [string, number][] = [];
    const two = await startNcaLayerEmulator({ keys, onSign: (label, index) => chosen.push([label, index]) });
    try {
      expect(two.chosen).toBe(0);
      two.choose(1);
      const socket = await connect(two.url);
      const cms = await signChallenge(socket, challenge, { testMode: true });
      socket.close();
      expect((await verify(cms)).signers[0]!.iin).toBe(employee.person!.iin);
      expect(chosen).toEqual([['employee', 1]]);
      expect(() => two.choose(2)).toThrow(RangeError);
      expect(two.chosen).toBe(1);
    } finally {
      await two.close();
    }
  });

  it('needs a key to start', async () => {
    await expect(startNcaLayerEmulator({ keys: [] })).rejects.toThrow(RangeError);
  });
});
