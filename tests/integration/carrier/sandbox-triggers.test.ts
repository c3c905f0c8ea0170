import { brandInput } from './brand-input';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateBrandResult } from '../../../src/main/core/ports/carrier-gateway';
import { sandboxTriggers } from '../../../src/shared/sandbox/trigger-values';
import { rejectionOf, startHarness, validBrand } from './sim-harness';
import type { Harness } from './sim-harness';

/**
 * The values the Sandbox screens and the README name (src/shared/sandbox/trigger-values.ts) do
 * what they say, through the real twilio SDK against the simulator with its default settings.
 */
let h: Harness;
let serviceSid: string;
const REVIEW_MS = 20_000;

beforeAll(async () => {
  h = await startHarness({ isv: true });
  serviceSid = h.sim.bootstrap({ areaCode: '512' }).messagingServiceSid;
});
afterAll(() => h.stop());

async function verdictFor(ein: string, after: number) {
  const result: CreateBrandResult = await h.carrier.registerBrand(brandInput({ ...validBrand, ein }, h.sim.primaryCustomerProfileSid));
  if (result.kind !== 'submitted') throw new Error(`expected submission, got ${JSON.stringify(result.issues)}`);
  h.sim.advanceClock(after);
  return h.carrier.fetchBrand(result.brand.sid);
}

describe('Sandbox trigger values', () => {
  it(`EIN ${sandboxTriggers.failingEin} fails review with a tax ID mismatch`, async () => {
    expect(await verdictFor(sandboxTriggers.failingEin, REVIEW_MS + 1)).toMatchObject({ status: 'FAILED', taxIdMismatch: true });
  });

  it(`EIN ${sandboxTriggers.undecidedEin} is never decided`, async () => {
    expect(await verdictFor(sandboxTriggers.undecidedEin, 30 * 86_400_000)).toMatchObject({ status: 'PENDING', taxIdMismatch: false });
  });

  it(`area code ${sandboxTriggers.emptyAreaCode} has no numbers`, async () => {
    expect(await h.carrier.searchAvailableNumbers(sandboxTriggers.emptyAreaCode, 5)).toEqual([]);
  });

  it(`${sandboxTriggers.landlineNumber} is refused as a landline`, async () => {
    const refused = h.carrier.sendMessage({ to: sandboxTriggers.landlineNumber, body: 'Gym closed today', messagingServiceSid: serviceSid });
    expect(await rejectionOf(refused)).toMatchObject({ kind: 'rejected', code: 21614 });
  });
});
