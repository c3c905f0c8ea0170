import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPhones, toCarrierError } from '../../../src/main/adapters/twilio/error-mapping';
import { findCarrierError, knownCarrierErrorCodes } from '../../../src/shared/carrier/error-codes';

/** What the SDK throws for an HTTP error: RestException-like objects with status and code. */
const rest = (status: number, code?: number, message = 'x') => Object.assign(new Error(message), { status, ...(code === undefined ? {} : { code }) });
const net = (code: string) => Object.assign(new Error(code), { code });

describe('toCarrierError', () => {
  it.each([
    [429, 20429, 'write', 'not_sent'],
    [500, 20500, 'write', 'in_doubt'],
    [503, 20503, 'write', 'in_doubt'],
    [503, 20503, 'read', 'not_sent'],
    [400, 21211, 'write', 'rejected'],
    [400, 21611, 'write', 'not_sent'],
    [401, 20003, 'read', 'rejected'],
    [404, 20404, 'read', 'rejected'],
  ] as const)('HTTP %i / %i on a %s → %s', (status, code, effect, kind) => {
    expect(toCarrierError(rest(status, code), effect)).toMatchObject({ kind, code, httpStatus: status });
  });

  it('fills in a code when Twilio sent none', () => {
    expect(toCarrierError(rest(429), 'write').code).toBe(20429);
    expect(toCarrierError(rest(502), 'write').code).toBe(20500);
    expect(toCarrierError(rest(418), 'write').code).toBeNull();
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])('%s never reached Twilio: not sent', (code) => {
    expect(toCarrierError(net(code), 'write')).toMatchObject({ kind: 'not_sent', code: null, httpStatus: null });
  });

  it.each(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE'])('%s on a write is in doubt', (code) => {
    expect(toCarrierError(net(code), 'write')).toMatchObject({ kind: 'in_doubt' });
    expect(toCarrierError(net(code), 'read')).toMatchObject({ kind: 'not_sent' });
  });

  it('reads the network code from an error cause too', () => {
    const wrapped = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(toCarrierError(wrapped, 'write').kind).toBe('not_sent');
  });

  it('treats anything unrecognised on a write as in doubt', () => {
    expect(toCarrierError('boom', 'write').kind).toBe('in_doubt');
  });
});

describe('redactPhones', () => {
  it('keeps only the last two digits of a number', () => {
    expect(redactPhones("Invalid 'To' Phone Number: +15125550123")).toBe("Invalid 'To' Phone Number: …23");
    expect(redactPhones('call (512) 555-0123 now')).toBe('call …23 now');
    expect(redactPhones('error 21211')).toBe('error 21211');
  });

  it('never lets a whole E.164 number through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+1[2-9]\d{9}$/), fc.string(), fc.string(), (phone, before, after) => {
        expect(redactPhones(`${before} ${phone} ${after}`)).not.toContain(phone.slice(2));
      }),
    );
  });
});

describe('toCarrierError reads the shared table', () => {
  it('classifies by each code\'s retry policy in the table, not by a list of its own', () => {
    for (const code of knownCarrierErrorCodes) {
      const policy = findCarrierError(code)?.retry;
      const kind = toCarrierError(rest(400, code), 'write').kind;
      expect([code, kind]).toEqual([code, policy === 'safe' ? 'not_sent' : policy === 'check_first' ? 'in_doubt' : 'rejected']);
    }
  });

  it('gives the engine a retry hint, never a carrier code to interpret', () => {
    expect(toCarrierError(rest(400, 21611), 'write').retryHint).toBe('slow_down');
    expect(toCarrierError(rest(503, 20503), 'read').retryHint).toBe('back_off');
    // An invalid Messaging Service stops every text: wait for an admin. A trial account's
    // unverified number (21608) stops only that recipient.
    expect(toCarrierError(rest(400, 21705), 'write').retryHint).toBe('wait_for_fix');
    expect(toCarrierError(rest(400, 21608), 'write').retryHint).toBe('never');
    expect(toCarrierError(rest(400, 21610), 'write').retryHint).toBe('never');
  });
});
