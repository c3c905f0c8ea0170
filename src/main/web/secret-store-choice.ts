import { KeytarSecretStore } from '../adapters/secrets/keytar-secret-store';
import { MemorySecretStore } from '../adapters/secrets/memory-secret-store';
import type { SecretStore } from '../core/ports/secret-store';

/**
 * Browser mode may run where no keychain exists (a server without a desktop session).
 * Then secrets live only in memory for this run: Sandbox still works, live credentials
 * must be entered again after a restart, and nothing is ever written to disk in clear.
 */
export async function chooseSecretStore(timeoutMs = 3000): Promise<SecretStore> {
  const keychain = new KeytarSecretStore();
  try {
    await Promise.race([
      keychain.get('sandbox.authToken'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('keychain did not answer')), timeoutMs).unref()),
    ]);
    return keychain;
  } catch {
    console.error('No OS keychain is reachable: secrets are kept in memory for this run only.');
    return new MemorySecretStore();
  }
}
