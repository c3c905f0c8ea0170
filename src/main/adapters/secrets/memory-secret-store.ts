import type { SecretName, SecretStore } from '../../core/ports/secret-store';

/** For unit tests and throwaway sandboxes: nothing leaves the process. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  async get(name: SecretName): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.values.set(name, value);
  }

  async delete(name: SecretName): Promise<void> {
    this.values.delete(name);
  }
}
