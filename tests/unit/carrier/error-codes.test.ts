import { describe, expect, it } from 'vitest';
import {
  describeCarrierError, findCarrierError, isNotTextable, isOptOut, knownCarrierErrorCodes,
} from '../../../src/shared/carrier/error-codes';
import { CarrierError } from '../../../src/main/core/ports/carrier-gateway';

const REQUIRED = [20003, 20429, 21211, 21408, 21610, 21611, 21614, 30001, 30003, 30005, 30006, 30007, 30034, 30036];

describe('carrier error table', () => {
  it('explains every code the app must handle, in words an owner can act on', () => {
    for (const code of REQUIRED) {
      const info = findCarrierError(code);
      expect(info, String(code)).toBeDefined();
      expect(info?.title.length).toBeGreaterThan(3);
      // A sentence with an instruction, not a restatement of the code.
      expect(info?.action).toMatch(/\.$/);
      expect(info?.action.length).toBeGreaterThan(40);
      expect(info?.action).not.toMatch(new RegExp(`^${code}`));
    }
  });

  it('lists each code once', () => {
    expect(new Set(knownCarrierErrorCodes).size).toBe(knownCarrierErrorCodes.length);
  });

  it('marks only throttling and queue-full refusals as safe to retry', () => {
    const safe = knownCarrierErrorCodes.filter((c) => findCarrierError(c)?.retry === 'safe').sort();
    expect(safe).toEqual([20429, 21611]);
    expect(findCarrierError(20500)?.retry).toBe('check_first');
    for (const code of [21211, 21408, 21610, 21614, 30003, 30007, 30034, 30036]) expect(findCarrierError(code)?.retry).toBe('never');
  });

  it('flags opt-outs and numbers that cannot take texts', () => {
    expect(isOptOut(21610)).toBe(true);
    expect(isOptOut(21211)).toBe(false);
    expect(isOptOut(null)).toBe(false);
    for (const code of [21211, 21614, 21635, 30005, 30006]) expect(isNotTextable(code)).toBe(true);
    for (const code of [21610, 30003, 30007, 20429]) expect(isNotTextable(code)).toBe(false);
  });

  it('scopes account-wide problems so a sender can pause instead of failing every recipient', () => {
    for (const code of [20003, 20429, 21611, 30001, 30034]) expect(findCarrierError(code)?.scope).toBe('account');
    for (const code of [21211, 21610, 21614, 30003, 30005, 30006]) expect(findCarrierError(code)?.scope).toBe('recipient');
  });

  it('still names unknown codes so support can look them up', () => {
    const info = describeCarrierError(63999);
    expect(info.title).toBe('Carrier error 63999');
    expect(info.action).toContain('63999');
    expect(describeCarrierError(null).action).toMatch(/could not be reached/);
  });
});

describe('CarrierError', () => {
  it('carries the table advice and the retry verdict', () => {
    const e = new CarrierError({ kind: 'rejected', code: 21610, httpStatus: 400, detail: 'Attempt to send to unsubscribed recipient' });
    expect(e.userMessage).toBe(findCarrierError(21610)?.action);
    expect(e.scope).toBe('recipient');
    expect(e.retrySafe).toBe(false);
    expect(e.message).toBe('rejected 21610: Attempt to send to unsubscribed recipient');
  });

  it('explains network failures by whether anything may have been sent', () => {
    const notSent = new CarrierError({ kind: 'not_sent', code: null, httpStatus: null, detail: 'ECONNREFUSED' });
    const inDoubt = new CarrierError({ kind: 'in_doubt', code: null, httpStatus: null, detail: 'ECONNRESET' });
    expect(notSent.retrySafe).toBe(true);
    expect(notSent.userMessage).toMatch(/nothing was sent/);
    expect(inDoubt.retrySafe).toBe(false);
    expect(inDoubt.userMessage).toMatch(/checks whether/);
    expect(inDoubt.scope).toBe('account');
  });

  it('lets an adapter give more specific advice', () => {
    const e = new CarrierError({ kind: 'rejected', code: null, httpStatus: null, detail: 'x', userMessage: 'Do this.' });
    expect(e.userMessage).toBe('Do this.');
  });
});
