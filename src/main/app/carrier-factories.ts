import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError, type Mode } from '../../shared/contract';
import { TwilioCarrier } from '../adapters/twilio/twilio-carrier';
import type { CarrierFactories } from '../core/carrier';
import type { CarrierGateway } from '../core/ports/carrier-gateway';
import type { SecretStore } from '../core/ports/secret-store';
import { CONTROL_TOKEN_HEADER } from '../sandbox/control-access';
import { TwilioSimulator, type SimulatorHandle } from '../sandbox/simulator';

export interface CarrierHostOptions {
  dataDir: string;
  secrets: SecretStore;
  /** An external Twilio-compatible endpoint (tests, benchmarks) instead of api.twilio.com / the built-in sandbox. */
  twilioBaseUrl?: string;
  /** Sandbox knobs, e.g. a short brand review for demos and end-to-end tests. */
  sandboxBrandReviewMs?: number;
  /** Credentials for `twilioBaseUrl` while in Sandbox mode. */
  externalCredentials?: { accountSid: string; authToken: string };
  /** The provider's approved Primary Customer Profile on the live (or `twilioBaseUrl`) account. */
  primaryCustomerProfileSid?: string;
}

/** Per-install sandbox credentials: random, kept in the keychain, never shown. */
async function sandboxCredentials(secrets: SecretStore): Promise<{ accountSid: string; authToken: string }> {
  let authToken = await secrets.get('sandbox.authToken');
  if (!authToken) {
    authToken = randomBytes(24).toString('hex');
    await secrets.set('sandbox.authToken', authToken);
  }
  return { accountSid: `AC${createHash('sha256').update(authToken).digest('hex').slice(0, 32)}`, authToken };
}

export function createCarrierFactories(
  options: CarrierHostOptions,
): CarrierFactories & {
  primaryCustomerProfileSid(mode: Mode): Promise<string | null>;
  simulateInbound(from: string, to: string, body: string): Promise<void>;
  stop(): Promise<void>;
} {
  let sandbox: Promise<{ carrier: CarrierGateway; handle: SimulatorHandle | null; primaryProfile: string | null }> | null = null;
  // The built-in simulator's control API answers only this secret: made at each launch, kept in
  // memory, so no other program on the computer can read the texts or forge a STOP through it.
  const controlToken = randomBytes(32).toString('base64url');

  const startSandbox = async () => {
    if (options.twilioBaseUrl) {
      const credentials = options.externalCredentials ?? (await sandboxCredentials(options.secrets));
      return { carrier: new TwilioCarrier({ credentials, baseUrl: options.twilioBaseUrl }), handle: null, primaryProfile: options.primaryCustomerProfileSid ?? null };
    }
    const credentials = await sandboxCredentials(options.secrets);
    // The built-in Sandbox is a provider (ISV) parent account with one approved Primary Customer
    // Profile, as SMS Desk's provider account is on Twilio.
    const simulator = new TwilioSimulator();
    const handle = await simulator.start({
      ...credentials,
      port: 0,
      control: { token: controlToken },
      stateFile: join(options.dataDir, 'sandbox-carrier.json'),
      isv: true,
      // The campaign is reviewed as quickly as the brand (SMS_DESK_SANDBOX_BRAND_REVIEW_MS).
      settings:
        options.sandboxBrandReviewMs === undefined
          ? {}
          : { brandReviewMs: options.sandboxBrandReviewMs, profileReviewMs: 0, campaignReviewMs: options.sandboxBrandReviewMs },
    });
    return { carrier: new TwilioCarrier({ credentials, baseUrl: handle.baseUrl }), handle, primaryProfile: simulator.primaryCustomerProfileSid };
  };

  const sandboxReady = () =>
    (sandbox ??= startSandbox().catch((error: unknown) => {
      sandbox = null;
      throw error;
    }));

  return {
    sandbox: async () => (await sandboxReady()).carrier,
    live: (credentials) => new TwilioCarrier({ credentials, baseUrl: options.twilioBaseUrl }),
    /** Configuration, never guessed: the Sandbox's own, or SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID for live. */
    primaryCustomerProfileSid: async (mode: Mode) =>
      mode === 'sandbox' ? (await sandboxReady()).primaryProfile : (options.primaryCustomerProfileSid ?? null),
    /** Sandbox only: a family's reply handed to the simulator (built-in, or the one at `twilioBaseUrl`). */
    simulateInbound: async (from: string, to: string, body: string) => {
      sandbox ??= startSandbox();
      const running = await sandbox;
      const baseUrl = running.handle?.baseUrl ?? options.twilioBaseUrl;
      if (baseUrl === undefined) throw new AppError('FAILED_PRECONDITION', 'This carrier cannot simulate replies.');
      // An external simulator (tests, benchmarks) runs its control API in open mode.
      const access: Record<string, string> = running.handle ? { [CONTROL_TOKEN_HEADER]: controlToken } : {};
      const response = await fetch(new URL('/__sim/inbound', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...access },
        body: JSON.stringify({ from, to, body }),
      });
      if (!response.ok) throw new AppError('CARRIER_ERROR', `The Sandbox carrier refused the reply (${response.status}).`);
    },
    stop: async () => {
      const running = await sandbox?.catch(() => null);
      await running?.handle?.stop();
    },
  };
}

/** Host configuration read once from the environment by both hosts. */
export function carrierEnvOptions(
  env: NodeJS.ProcessEnv,
): Pick<CarrierHostOptions, 'sandboxBrandReviewMs' | 'externalCredentials' | 'primaryCustomerProfileSid'> & {
  registrationTimeoutMs?: number;
} {
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const sid = env.SMS_DESK_TWILIO_ACCOUNT_SID;
  const token = env.SMS_DESK_TWILIO_AUTH_TOKEN;
  return {
    sandboxBrandReviewMs: number(env.SMS_DESK_SANDBOX_BRAND_REVIEW_MS),
    registrationTimeoutMs: number(env.SMS_DESK_REGISTRATION_TIMEOUT_MS),
    externalCredentials: sid && token ? { accountSid: sid, authToken: token } : undefined,
    primaryCustomerProfileSid: /^BU[0-9a-fA-F]{32}$/.test(env.SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID ?? '') ? env.SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID : undefined,
  };
}
