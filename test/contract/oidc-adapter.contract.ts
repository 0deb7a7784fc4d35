import { describe, expect, it } from 'vitest';
import { type Fresh, freshStore, type StoreFactory } from './store-under-test.ts';

const HOUR = 3600;

function adapter(fresh: Fresh, model: string) {
  return new fresh.store.oidcAdapter(model);
}

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export function oidcAdapterContract(factory: StoreFactory): void {
  describe('oidc adapter', () => {
    const fresh = freshStore(factory);

    it('finds what was upserted, per model, and replaces the whole payload on upsert', async () => {
      const codes = adapter(fresh, 'AuthorizationCode');
      const payload = { iat: 1, exp: 2, kind: 'AuthorizationCode', jti: 'code-1', grantId: 'grant-1', scope: 'openid iin', claims: { id_token: { acr: null }, userinfo: {} } };
      await codes.upsert('code-1', payload, 60);
      expect(await codes.find('code-1')).toEqual(payload);
      expect(await adapter(fresh, 'AccessToken').find('code-1')).toBeUndefined();
      expect(await codes.find('code-2')).toBeUndefined();
      await codes.upsert('code-1', { kind: 'AuthorizationCode', jti: 'code-1' }, 60);
      expect(await codes.find('code-1')).toEqual({ kind: 'AuthorizationCode', jti: 'code-1' });
    });

    it('finds a session by uid and a device code by user code, within the model only', async () => {
      const sessions = adapter(fresh, 'Session');
      const session = { kind: 'Session', jti: 'session-1', uid: 'uid-1', accountId: 'user-1', authorizations: { keden: { grantId: 'grant-1' } } };
      await sessions.upsert('session-1', session, HOUR);
      expect(await sessions.findByUid('uid-1')).toEqual(session);
      expect(await sessions.findByUid('uid-2')).toBeUndefined();
      expect(await adapter(fresh, 'Interaction').findByUid('uid-1')).toBeUndefined();
      const deviceCodes = adapter(fresh, 'DeviceCode');
      const deviceCode = { kind: 'DeviceCode', jti: 'device-1', userCode: 'WDJB-MJHT', grantId: 'grant-1' };
      await deviceCodes.upsert('device-1', deviceCode, 600);
      expect(await deviceCodes.findByUserCode('WDJB-MJHT')).toEqual(deviceCode);
      expect(await deviceCodes.findByUserCode('XXXX-XXXX')).toBeUndefined();
    });

    it('marks a payload consumed with the epoch seconds, and ignores unknown ids', async () => {
      const codes = adapter(fresh, 'AuthorizationCode');
      await codes.upsert('code-1', { jti: 'code-1' }, 60);
      expect((await codes.find('code-1'))?.['consumed']).toBeUndefined();
      await codes.consume('code-1');
      expect((await codes.find('code-1'))?.['consumed']).toBe(epochSeconds(fresh.clock.now()));
      await expect(codes.consume('no-such-code')).resolves.toBeUndefined();
      expect(await codes.find('no-such-code')).toBeUndefined();
    });

    it('keeps the expiry of a payload it marks consumed', async () => {
      const tokens = adapter(fresh, 'RefreshToken');
      await tokens.upsert('token-1', { jti: 'token-1', grantId: 'grant-1' }, 10);
      fresh.clock.advance(5_000);
      await tokens.consume('token-1');
      expect(await tokens.find('token-1')).toEqual({ jti: 'token-1', grantId: 'grant-1', consumed: epochSeconds(fresh.clock.now()) });
      fresh.clock.advance(5_000);
      expect(await tokens.find('token-1')).toBeUndefined();
    });

    it('destroys one payload', async () => {
      const tokens = adapter(fresh, 'AccessToken');
      await tokens.upsert('token-1', { jti: 'token-1' }, HOUR);
      await tokens.upsert('token-2', { jti: 'token-2' }, HOUR);
      await tokens.destroy('token-1');
      await tokens.destroy('no-such-token');
      expect(await tokens.find('token-1')).toBeUndefined();
      expect(await tokens.find('token-2')).toEqual({ jti: 'token-2' });
    });

    it("revokes a grant's tokens in every token model, leaving other grants, the grant itself and interactions", async () => {
      const granted = ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode'];
      for (const model of granted) await adapter(fresh, model).upsert(`${model}-1`, { jti: `${model}-1`, grantId: 'grant-1' }, HOUR);
      await adapter(fresh, 'AccessToken').upsert('other', { jti: 'other', grantId: 'grant-2' }, HOUR);
      await adapter(fresh, 'Grant').upsert('grant-1', { jti: 'grant-1', accountId: 'user-1', clientId: 'keden' }, HOUR);
      await adapter(fresh, 'Interaction').upsert('interaction-1', { jti: 'interaction-1', uid: 'interaction-1', grantId: 'grant-1' }, HOUR);
      await adapter(fresh, 'RefreshToken').revokeByGrantId('grant-1');
      for (const model of granted) expect(await adapter(fresh, model).find(`${model}-1`)).toBeUndefined();
      expect(await adapter(fresh, 'AccessToken').find('other')).toEqual({ jti: 'other', grantId: 'grant-2' });
      expect(await adapter(fresh, 'Grant').find('grant-1')).toBeDefined();
      expect(await adapter(fresh, 'Interaction').find('interaction-1')).toBeDefined();
    });

    it('stops returning payloads once they expire, by id, uid and user code', async () => {
      const sessions = adapter(fresh, 'Session');
      const deviceCodes = adapter(fresh, 'DeviceCode');
      await sessions.upsert('session-1', { jti: 'session-1', uid: 'uid-1' }, 10);
      await deviceCodes.upsert('device-1', { jti: 'device-1', userCode: 'WDJB-MJHT' }, 10);
      fresh.clock.advance(9_000);
      expect(await sessions.find('session-1')).toBeDefined();
      expect(await sessions.findByUid('uid-1')).toBeDefined();
      expect(await deviceCodes.findByUserCode('WDJB-MJHT')).toBeDefined();
      fresh.clock.advance(1_000);
      expect(await sessions.find('session-1')).toBeUndefined();
      expect(await sessions.findByUid('uid-1')).toBeUndefined();
      expect(await deviceCodes.findByUserCode('WDJB-MJHT')).toBeUndefined();
      expect(await deviceCodes.find('device-1')).toBeUndefined();
    });

    it('restarts the lifetime on every upsert', async () => {
      const sessions = adapter(fresh, 'Session');
      await sessions.upsert('session-1', { jti: 'session-1', uid: 'uid-1' }, 10);
      fresh.clock.advance(8_000);
      await sessions.upsert('session-1', { jti: 'session-1', uid: 'uid-1', touched: true }, 10);
      fresh.clock.advance(8_000);
      expect(await sessions.find('session-1')).toEqual({ jti: 'session-1', uid: 'uid-1', touched: true });
      fresh.clock.advance(2_000);
      expect(await sessions.find('session-1')).toBeUndefined();
    });

    it('keeps its own copies', async () => {
      const sessions = adapter(fresh, 'Session');
      const payload = { jti: 'session-1', uid: 'uid-1', authorizations: { keden: { grantId: 'grant-1', persistsLogout: true } } };
      await sessions.upsert('session-1', payload, HOUR);
      payload.authorizations.keden.grantId = 'changed';
      const found = await sessions.find('session-1');
      expect(found).toEqual({ jti: 'session-1', uid: 'uid-1', authorizations: { keden: { grantId: 'grant-1', persistsLogout: true } } });
      (found as { authorizations: { keden: { grantId: string } } }).authorizations.keden.grantId = 'changed';
      expect(await sessions.findByUid('uid-1')).toEqual({ jti: 'session-1', uid: 'uid-1', authorizations: { keden: { grantId: 'grant-1', persistsLogout: true } } });
    });
  });
}
