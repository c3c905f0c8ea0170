import { describe, expect, it } from 'vitest';
import { gatewayFromThreadSpec } from '../../../src/main/adapters/carrier-thread-registry';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import type { CarrierThreadSpec } from '../../../src/main/core/ports/carrier-gateway';

/**
 * The sending thread gets its carrier as data: what `threadSpec()` returns must cross a worker's
 * message port (structured clone) unchanged and rebuild the same gateway on the other side.
 */
const sandbox = new TwilioCarrier({
  credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sandbox-secret' },
  baseUrl: 'http://127.0.0.1:4010',
  timeoutMs: 3_000,
});
const live = new TwilioCarrier({
  credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', apiKeySid: 'SK0123', apiKeySecret: 'key-secret' },
});

describe('CarrierGateway.threadSpec', () => {
  it('describes the Sandbox gateway as plain data that survives structured clone', () => {
    const spec = sandbox.threadSpec();
    expect(spec).toEqual({
      kind: 'twilio',
      credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sandbox-secret' },
      baseUrl: 'http://127.0.0.1:4010',
      timeoutMs: 3_000,
    });
    expect(structuredClone(spec)).toEqual(spec);
  });

  it('describes a live gateway with no base URL and the default timeout', () => {
    expect(structuredClone(live.threadSpec())).toEqual({
      kind: 'twilio',
      credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', apiKeySid: 'SK0123', apiKeySecret: 'key-secret' },
      baseUrl: null,
      timeoutMs: 15_000,
    });
  });

  it('rebuilds, from a cloned spec, a gateway that describes itself the same way', () => {
    for (const gateway of [sandbox, live]) {
      const spec = structuredClone(gateway.threadSpec());
      const rebuilt = gatewayFromThreadSpec(spec);
      expect(rebuilt).not.toBe(gateway);
      expect(rebuilt.threadSpec()).toEqual(spec);
    }
  });

  it('hands out copies: changing one does not change how the gateway sends', () => {
    const spec = sandbox.threadSpec() as CarrierThreadSpec & { credentials: { authToken: string } };
    spec.baseUrl = 'http://elsewhere.example';
    spec.credentials.authToken = 'changed';
    expect(sandbox.threadSpec()).toMatchObject({ baseUrl: 'http://127.0.0.1:4010', credentials: { authToken: 'sandbox-secret' } });
  });
});
