import keytar from 'keytar';
import type { SecretName, SecretStore } from '../../core/ports/secret-store';

/** OS keychain (macOS Keychain, Windows Credential Vault, Secret Service on Linux). */
export class KeytarSecretStore implements SecretStore {
  constructor(private readonly service = 'SMS Desk') {}

  get(name: SecretName): Promise<string | null> {
    return keytar.getPassword(this.service, name);
  }

  set(name: SecretName, value: string): Promise<void> {
    return keytar.setPassword(this.service, name, value);
  }

  async delete(name: SecretName): Promise<void> {
    await keytar.deletePassword(this.service, name);
  }
}
