import { TwilioSimulator } from '../../../src/main/sandbox/simulator';
import type { SimulatorOptions } from '../../../src/main/sandbox/simulator';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import type { TwilioCarrierOptions } from '../../../src/main/adapters/twilio/twilio-carrier';
import type { BrandForm } from '../../../src/main/core/ports/carrier-gateway';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'sandbox-secret-token';

export interface Harness {
  sim: TwilioSimulator;
  baseUrl: string;
  carrier: TwilioCarrier;
  carrierWith(options?: Partial<TwilioCarrierOptions>): TwilioCarrier;
  /** Raw Twilio API call with valid credentials, for set-up the port does not offer. */
  api(method: string, path: string, form?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** The same with a form that repeats keys (lists such as MessageSamples). */
  apiForm(method: string, path: string, form: URLSearchParams): Promise<{ status: number; body: unknown }>;
  control(method: string, path: string, json?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const sim = new TwilioSimulator();
  // Tests drive the simulator's control API directly: open mode.
  // An ISV parent account (approved Primary Customer Profile) unless a test asks for a bare one;
  // registration is enforced only where a test turns `enforceA2p` on, so tests of sending
  // mechanics need no campaign.
  const handle = await sim.start({
    accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, control: 'open', isv: true, ...options,
    settings: { enforceA2p: false, ...options.settings },
  });
  const baseUrl = handle.baseUrl;
  const carrierWith = (extra: Partial<TwilioCarrierOptions> = {}): TwilioCarrier =>
    new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl, timeoutMs: 5_000, ...extra });
  const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  const send = async (method: string, path: string, form?: URLSearchParams): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: auth, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: form.toString() } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };
  return {
    sim,
    baseUrl,
    carrier: carrierWith(),
    carrierWith,
    api: (method, path, form) => send(method, path, form ? new URLSearchParams(form) : undefined),
    apiForm: (method, path, form) => send(method, path, form),
    async control(method, path, json) {
      const res = await fetch(`${baseUrl}${path}`, { method, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
      return (await res.json()) as unknown;
    },
    stop: () => handle.stop(),
  };
}

export const validBrand: BrandForm = {
  legalName: 'Tumble Town Gymnastics LLC',
  businessType: 'Limited Liability Corporation',
  ein: '12-3456789',
  industry: 'EDUCATION',
  websiteUrl: 'https://tumbletown.example.com',
  street: '100 Main St',
  city: 'Austin',
  state: 'TX',
  postalCode: '78701',
  contactFirstName: 'Dana',
  contactLastName: 'Rivera',
  email: 'dana@tumbletown.example.com',
  phone: '+15125550142',
};

/** Rejects with whatever the promise rejected with, or fails when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
