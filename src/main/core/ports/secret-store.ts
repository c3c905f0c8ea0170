/**
 * OS keychain access. Secrets are written and read only in main; across the bridge a
 * secret can be set or cleared, and its presence reported, never read back.
 */
export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** `billing.token`: the business's token for the provider's billing service (live); `sandbox.billingToken`: the Sandbox's own. The desk never holds a payment provider's secret. */
export const secretNames = ['twilio.accountSid', 'twilio.authToken', 'sandbox.authToken', 'billing.token', 'sandbox.billingToken'] as const;
export type SecretName = (typeof secretNames)[number];
