/**
 * OS keychain access. Secrets are written and read only in main; across the bridge a
 * secret can be set or cleared, and its presence reported, never read back.
 */
export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

export const secretNames = ['twilio.accountSid', 'twilio.authToken', 'stripe.secretKey', 'sandbox.authToken'] as const;
export type SecretName = (typeof secretNames)[number];
