import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { CarrierService } from '../../../src/main/core/carrier/carrier-service';
import { CarrierNotReady } from '../../../src/main/core/ports/carrier-gateway';

/** Texts queued for live mode wait for set-up when the credentials are gone: not a failure to log. */
describe('CarrierService without live credentials', () => {
  it('refuses the live carrier as not set up, with the reason an admin reads', async () => {
    const noCarrier = () => {
      throw new Error('no carrier in unit tests');
    };
    const service = new CarrierService(new MemorySettingsStore(), new MemorySecretStore(), { sandbox: () => Promise.reject(new Error('unused')), live: noCarrier });
    const refusal = await service.forMode('live').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CarrierNotReady);
    expect(refusal).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/No Twilio credentials/) });
  });
});
