import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { RegistrationService } from '../../../src/main/core/carrier/registration-service';
import type { BrandRegistration, CarrierGateway } from '../../../src/main/core/ports/carrier-gateway';
import type { AppError } from '../../../src/shared/contract';
import { brandFormSchema } from '../../../src/shared/registration/brand-form';
import { brandForm, type ReadyView } from './registration-steps';

/**
 * Brand outcomes the simulator cannot produce (Twilio suspends a brand by hand), against the real
 * registration store: a carrier that answers only what the test names, and fails on anything else.
 */

const BRAND = 'BN0123456789abcdef0123456789abcdef';

function brand(status: string): BrandRegistration {
  return { sid: BRAND, status, customerProfileSid: null, a2pProfileSid: null, tcrId: null, errors: [], taxIdMismatch: false, dateCreated: null, dateUpdated: null };
}

async function desk(answers: Partial<CarrierGateway>) {
  const storage = new SqliteStorage(openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-brand-states-')), 'desk.sqlite')));
  const calls: string[] = [];
  // Any method the test did not answer is a request the service should not have made.
  const carrier = new Proxy(answers, {
    get: (target, name: string) => {
      // Not a promise: awaiting the carrier must not look like a call.
      if (name === 'then') return undefined;
      calls.push(name);
      const answer = target[name as keyof CarrierGateway];
      return answer ?? (() => Promise.reject(new Error(`unexpected carrier call: ${name}`)));
    },
  }) as CarrierGateway;
  const service = new RegistrationService(storage.registration, { current: () => Promise.resolve(carrier) }, new MemorySettingsStore(), { now: () => Date.now() });
  await storage.registration.update({ brandForm: JSON.stringify(brandForm), brandSid: BRAND, brandState: 'in_process', submittedAt: Date.now() }, Date.now());
  return { service, calls };
}

const refusal = async (work: Promise<unknown>) => work.then(() => { throw new Error('expected a refusal'); }, (error: AppError) => ({ code: error.code, message: error.message }));

describe('brand states Twilio decides by hand', () => {
  it('a suspended brand says to contact Twilio support, offers no reset and sends nothing to Twilio', async () => {
    const { service, calls } = await desk({ fetchBrand: () => Promise.resolve(brand('SUSPENDED')) });
    const view = (await service.refresh()) as ReadyView;
    expect(view.brand).toEqual({ state: 'suspended', message: expect.stringMatching(/contact Twilio support/) });
    expect(view.showReset).toBe(false);
    expect(await refusal(service.resetBrand())).toEqual({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/contact Twilio support/) });
    const changed = brandFormSchema.parse({ ...brandForm, legalName: 'Tumble Town Gym Inc' });
    expect(await refusal(service.submitBrand(changed))).toEqual({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/contact Twilio support/) });
    // The refused details are not kept as if Twilio had them.
    expect(((await service.view()) as ReadyView).form).toMatchObject({ legalName: brandForm.legalName });
    expect(await service.sendingReadiness()).toEqual({ ready: false, reason: expect.stringMatching(/suspended.*Twilio support/i) });
    expect(calls.filter((name) => name !== 'fetchBrand')).toEqual([]);
  });

  it('a failed brand tells the composer that an admin can fix it, not that nothing was registered', async () => {
    const { service } = await desk({ fetchBrand: () => Promise.resolve({ ...brand('FAILED'), taxIdMismatch: true }) });
    expect(((await service.refresh()) as ReadyView).brand).toMatchObject({ state: 'failed', updatesLeft: 3 });
    expect(await service.sendingReadiness()).toEqual({ ready: false, reason: expect.stringMatching(/did not approve your business.*Settings → SMS/) });
  });

  it('a brand suspended after approval is noticed by the daily look and stops texts; a plain refresh leaves an approval alone', async () => {
    let status = 'APPROVED';
    const { service, calls } = await desk({
      fetchBrand: () => Promise.resolve(brand(status)),
      fetchCampaign: () => Promise.resolve({ sid: 'QE0', status: 'VERIFIED', errors: [] } as never),
    });
    await service.refresh();
    // A registered desk: approved brand, verified campaign, assigned number.
    const storage = (service as unknown as { repo: SqliteStorage['registration'] }).repo;
    await storage.update({ messagingServiceSid: 'MG0', campaignSid: 'QE0', campaignState: 'verified', phoneState: 'assigned', phoneNumber: '+15125550100' }, Date.now());
    expect(await service.sendingServiceSid()).toBe('MG0');

    status = 'SUSPENDED';
    calls.length = 0;
    await service.refresh();
    expect(calls).toEqual([]);
    expect(await service.sendingServiceSid()).toBe('MG0');

    await service.refresh({ settled: true });
    expect(calls).toEqual(expect.arrayContaining(['fetchBrand']));
    expect(await service.sendingServiceSid()).toBeNull();
    expect(await service.sendingReadiness()).toEqual({ ready: false, reason: expect.stringMatching(/suspended.*Twilio support/i) });
  });
});
