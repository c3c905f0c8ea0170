import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../src/main/adapters/secrets/keytar-secret-store';

// CI always runs this inside scripts/with-keyring.sh; elsewhere it needs a desktop keychain.
const hasKeychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) || Boolean(process.env.CI);
const service = `SMS Desk test ${process.pid}`;

describe.skipIf(!hasKeychain)('KeytarSecretStore against the real OS keychain', () => {
  const store = new KeytarSecretStore(service);
  afterAll(async () => {
    await store.delete('twilio.authToken');
    await store.delete('twilio.accountSid');
  });

  it('stores, overwrites, reads and deletes a secret', async () => {
    expect(await store.get('twilio.authToken')).toBeNull();
    await store.set('twilio.authToken', 'first-value');
    await store.set('twilio.authToken', 'sécret ✓ 🔑');
    expect(await store.get('twilio.authToken')).toBe('sécret ✓ 🔑');
    await store.delete('twilio.authToken');
    expect(await store.get('twilio.authToken')).toBeNull();
  });

  it('keeps different names apart', async () => {
    await store.set('twilio.accountSid', 'AC123');
    await store.set('twilio.authToken', 'token');
    expect(await store.get('twilio.accountSid')).toBe('AC123');
    expect(await new KeytarSecretStore(`${service} other`).get('twilio.accountSid')).toBeNull();
  });
});
