import type { CampaignFormValues, RegistrationView, SendingReadiness } from '../../../src/shared/contract';
import { validBrand } from './sim-harness';
export { until } from '../../support/wait';
import { until } from '../../support/wait';

/**
 * The US registration as an admin does it, through the router: brand, campaign (the app's own
 * suggested answers), then a number, until texts can go out. Shared by every integration test
 * that needs a desk able to send; the review times are the simulator's, so tests keep them short
 * (brandReviewMs, profileReviewMs, campaignReviewMs) or move its clock.
 */

export type Call = (channel: string, input?: unknown) => Promise<unknown>;
export type ReadyView = Extract<RegistrationView, { supported: true }>;

export const brandForm = { ...validBrand, phone: '(512) 555-0142' };


/** Refreshes until `done`; `tick` runs before each look (moving the simulator's clock on, say). */
export const refreshUntil = (call: Call, what: string, done: (view: ReadyView) => boolean, tick: () => void = () => {}) =>
  until(what, async () => {
    tick();
    return (await call('registration.refresh')) as ReadyView;
  }, done);

/** The suggested campaign, optionally changed, as the admin would submit it. */
export async function campaignForm(call: Call, change: Partial<CampaignFormValues> = {}): Promise<CampaignFormValues> {
  return { ...((await call('registration.campaignDefaults')) as CampaignFormValues), ...change };
}

/**
 * Brand → approved → campaign → number → verified, so `sendingReadiness` says ready. `tick`
 * moves time on for the reviews when the test drives the simulator's clock.
 */
export async function registerForSending(call: Call, options: { areaCode?: string; tick?: () => void } = {}): Promise<ReadyView> {
  const tick = options.tick ?? (() => {});
  await call('registration.submitBrand', brandForm);
  await refreshUntil(call, 'the brand to be approved', (view) => view.brand.state === 'approved', tick);
  await call('registration.submitCampaign', await campaignForm(call));
  await call('registration.registerPhoneNumber', { areaCode: options.areaCode ?? '512' });
  const done = await refreshUntil(call, 'the campaign to be verified', (view) => view.campaign.state === 'verified' && view.phone.state === 'assigned', tick);
  const readiness = (await call('registration.sendingReadiness')) as SendingReadiness;
  if (!readiness.ready) throw new Error(`registered, but not ready to send: ${readiness.reason ?? ''}`);
  return done;
}
