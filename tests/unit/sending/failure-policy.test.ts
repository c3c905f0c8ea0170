import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/contract';
import { CarrierError, CarrierNotReady } from '../../../src/main/core/ports/carrier-gateway';
import { FailurePolicy } from '../../../src/main/core/sending/failure-policy';
import type { DueMessage } from '../../../src/main/core/ports/stores/outbox-store';
import { SendThrottle } from '../../../src/main/core/sending/throttle';

const NOW = 1_000_000;
const row: DueMessage = {
  id: 7, batchId: 1, mode: 'live', to: '+15125550101', text: 'Meet at 4', credits: 1, validitySeconds: 3600, attempts: 1, inDoubt: false, claimedAt: NOW,
};

function rig() {
  const throttle = new SendThrottle(16, () => 0.5);
  const logged: string[] = [];
  const policy = new FailurePolicy(throttle, {
    requestTimeoutMs: 15_000, reconcileGraceMs: 5_000, retryBaseMs: 1_000, retryMaxMs: 60_000, random: () => 0.5,
    logError: (message, error) => logged.push(`${message}: ${error instanceof Error ? error.message : String(error)}`),
  });
  return { throttle, policy, logged };
}

const carrierError = (kind: CarrierError['kind'], code: number | null, scope?: CarrierError['scope']) =>
  new CarrierError({ kind, code, httpStatus: null, detail: 'test', ...(scope ? { scope } : {}) });

describe('FailurePolicy', () => {
  it('looks an in-doubt text up no sooner than the request timeout plus the grace after its claim', () => {
    const { policy } = rig();
    expect(policy.outcomeOf(row, carrierError('in_doubt', null), NOW + 10)).toEqual({ kind: 'in_doubt', row, at: NOW + 20_000 });
    expect(policy.outcomeOf(row, new Error('a bug'), NOW + 30_000)).toEqual({ kind: 'in_doubt', row, at: NOW + 35_000 });
  });

  it('slows the whole mode down when the carrier asks for fewer requests, and sends again later', () => {
    const { policy, throttle } = rig();
    const outcome = policy.outcomeOf(row, carrierError('not_sent', 20429), NOW);
    expect(outcome).toMatchObject({ kind: 'retry', code: 20429 });
    expect(throttle.limit()).toBe(8);
    expect(throttle.activeModes(NOW)).toEqual(['sandbox']);
  });

  it('backs off without a pause when nothing was sent for another reason', () => {
    const { policy, throttle } = rig();
    const outcome = policy.outcomeOf(row, carrierError('not_sent', 20503), NOW);
    expect(outcome).toEqual({ kind: 'retry', row, at: NOW + 750, code: 20503 });
    expect(throttle.limit()).toBe(16);
    expect(throttle.pausedAt(NOW)).toEqual({});
  });

  it('pauses briefly while the carrier cannot be reached', () => {
    const { policy, throttle } = rig();
    expect(policy.outcomeOf(row, carrierError('not_sent', null), NOW)).toMatchObject({ kind: 'retry', code: null });
    expect(throttle.pausedAt(NOW).live?.until).toBe(NOW + 1_000);
  });

  it('holds the mode for an account problem instead of failing every text', () => {
    const { policy, throttle } = rig();
    expect(policy.outcomeOf(row, carrierError('rejected', 20003), NOW)).toEqual({ kind: 'retry', row, at: NOW + 60_000, code: 20003 });
    expect(throttle.pausedAt(NOW).live?.reason).toMatch(/Auth Token/);
  });

  it('fails a text the carrier refused for good, with the reason the owner reads', () => {
    const { policy, throttle } = rig();
    const outcome = policy.outcomeOf(row, carrierError('rejected', 21614), NOW);
    expect(outcome).toMatchObject({ kind: 'rejected', code: 21614, message: expect.stringMatching(/landline/) });
    expect(throttle.pausedAt(NOW)).toEqual({});
  });

  it('holds rows while the carrier is not set up, until set-up changes', () => {
    const { policy, throttle } = rig();
    expect(policy.outcomeOf(row, new CarrierNotReady('Register a number first.'), NOW)).toEqual({ kind: 'retry', row, at: NOW, code: null });
    expect(throttle.pausedAt(NOW).live?.reason).toBe('Register a number first.');
    throttle.liftSetUpPauses();
    expect(throttle.pausedAt(NOW)).toEqual({});
  });

  it('treats any other app error while connecting as a real failure: logged and tried again later, no set-up pause', () => {
    const { policy, throttle, logged } = rig();
    const outcome = policy.outcomeOf(row, new AppError('CARRIER_ERROR', 'The carrier could not be reached.'), NOW);
    expect(outcome).toEqual({ kind: 'retry', row, at: NOW + 750, code: null });
    expect(throttle.pausedAt(NOW)).toEqual({});
    expect(logged).toEqual(['could not connect to the carrier: The carrier could not be reached.']);
  });
});
