import { describe, expect, it } from 'vitest';
import { carrierErrorScope, deliveryPauseReason, describeCarrierError, knownCarrierErrorCodes } from '../../../src/shared/carrier/error-codes';
import { CarrierError } from '../../../src/main/core/ports/carrier-gateway';

const refused = (code: number, httpStatus = 400) => new CarrierError({ kind: 'rejected', code, httpStatus, detail: 'refused' });

describe('each carrier code has one scope, used to fail one recipient or hold the outbox', () => {
  it('21608 (a trial account texting an unverified number) fails that recipient only', () => {
    expect(refused(21608)).toMatchObject({ scope: 'recipient', retryHint: 'never' });
  });

  it('Messaging Service problems (21701, 21702, 21704, 21705) hold the outbox for an admin', () => {
    for (const code of [21701, 21702, 21704, 21705]) expect(refused(code)).toMatchObject({ scope: 'account', retryHint: 'wait_for_fix' });
  });

  it('an unknown code from the account or the Messaging Service holds the outbox; other unknown codes fail the request', () => {
    for (const code of [20999, 21799]) {
      expect(carrierErrorScope(code, 400)).toBe('account');
      expect(refused(code).retryHint).toBe('wait_for_fix');
      expect(describeCarrierError(code).action).toMatch(/texts wait/);
    }
    expect(carrierErrorScope(21999, 400)).toBe('message');
    expect(refused(21999).retryHint).toBe('never');
    // Twilio refusing the credentials themselves is the account's, whatever the code.
    expect(carrierErrorScope(21999, 401)).toBe('account');
    expect(carrierErrorScope(21999, 403)).toBe('account');
  });

  it('30034 and 30007 on a delivery status hold mass sending, each with its own plain reason', () => {
    expect(deliveryPauseReason(30034)).toMatch(/registration/);
    expect(deliveryPauseReason(30007)).toMatch(/spam/);
    for (const code of [30003, 30005, 21610, null]) expect(deliveryPauseReason(code)).toBeNull();
    // Only codes the table knows hold sending, and each says why in words, not numbers.
    const holding = knownCarrierErrorCodes.filter((code) => deliveryPauseReason(code) !== null);
    expect(holding.sort()).toEqual([30007, 30034]);
    for (const code of holding) expect(deliveryPauseReason(code)).not.toMatch(/\d{5}/);
  });
});
