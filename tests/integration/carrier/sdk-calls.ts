import twilio from 'twilio';
import { toCarrierError } from '../../../src/main/adapters/twilio/error-mapping';
import { toBrandRegistration, toCarrierMessage } from '../../../src/main/adapters/twilio/mappers';
import { PooledRequestClient } from '../../../src/main/adapters/twilio/pooled-request-client';
import type { BrandRegistration, CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import { ACCOUNT_SID, AUTH_TOKEN } from './sim-harness';

/**
 * Twilio operations the app itself never makes, for tests of the simulator that answers them:
 * made with the official SDK as the adapter builds it, answers and errors read the adapter's way.
 */
export function sdkCalls(baseUrl: string) {
  const client = twilio(ACCOUNT_SID, AUTH_TOKEN, {
    accountSid: ACCOUNT_SID,
    httpClient: new PooledRequestClient({ baseUrl, timeoutMs: 5_000 }),
    autoRetry: false,
  });
  const write = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toCarrierError(error, 'write');
    }
  };
  return {
    /** Cancels a scheduled message that has not started sending (Twilio error 30409 otherwise). */
    cancelScheduledMessage: (sid: string): Promise<CarrierMessage> =>
      write(async () => toCarrierMessage(await client.messages(sid).update({ status: 'canceled' }))),
    /** Asks Twilio to vet the same brand again. */
    resubmitBrand: (brandSid: string): Promise<BrandRegistration> =>
      write(async () => toBrandRegistration(await client.messaging.v1.brandRegistrations(brandSid).update())),
  };
}
