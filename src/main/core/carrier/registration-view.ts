import { campaignFormSchema, type AccountModel, type RegistrationView } from '../../../shared/contract';
import type { RegistrationRecord } from '../ports/stores/registration-store';

type Supported = Extract<RegistrationView, { supported: true }>;

/** Twilio lets a brand be updated three times by self-service; the fourth is error 21724. */
export const BRAND_UPDATE_LIMIT = 3;

export interface ViewContext {
  now: number;
  timeoutMs: number;
  accountModel: AccountModel;
  accountNotice: string | null;
}

/** The stored record as the admin sees it. */
export function toRegistrationView(row: RegistrationRecord, ctx: ViewContext): Supported {
  const suspended = row.brandStatus === 'SUSPENDED';
  const timedOut = row.brandState === 'in_process' && row.submittedAt !== null && ctx.now - row.submittedAt > ctx.timeoutMs;
  const updatesLeft = Math.max(0, BRAND_UPDATE_LIMIT - row.brandUpdatesUsed);
  const brand: Supported['brand'] = suspended
    ? { state: 'suspended', message: row.failureMessage ?? SUSPENDED_MESSAGE }
    : timedOut
      ? { state: 'timed_out' }
      : row.brandState === 'in_process'
        ? { state: 'in_process', submittedAt: row.submittedAt ?? 0 }
        : row.brandState === 'failed'
          ? { state: 'failed', message: row.failureMessage ?? '', updatesLeft }
          : { state: row.brandState };
  const phone: Supported['phone'] =
    row.phoneState === 'assigned' && row.phoneNumber
      ? { state: 'assigned', number: row.phoneNumber }
      : row.phoneState === 'in_process' || row.phoneState === 'no_number'
        ? { state: row.phoneState, areaCode: row.phoneAreaCode ?? '' }
        : { state: 'none' };
  const savedCampaign = row.campaignForm === null ? null : campaignFormSchema.safeParse(JSON.parse(row.campaignForm));
  const campaign: Supported['campaign'] = {
    state: row.campaignState,
    ...(row.campaignState === 'failed' ? { message: row.campaignFailureMessage ?? CAMPAIGN_FAILED_MESSAGE } : {}),
    ...(row.campaignState === 'in_process' ? { message: CAMPAIGN_IN_REVIEW_MESSAGE } : {}),
    form: savedCampaign?.success ? savedCampaign.data : null,
  };
  return {
    supported: true,
    form: row.brandForm ? (JSON.parse(row.brandForm) as Record<string, string>) : null,
    brand,
    // A brand in review for days is normal: fixing is offered on failure, or after the timeout.
    showReset: brand.state === 'timed_out' || (brand.state === 'failed' && (updatesLeft > 0 || row.brandSid === null)),
    phone,
    campaign,
    accountModel: ctx.accountModel,
    accountNotice: ctx.accountNotice,
  };
}

export const SUSPENDED_MESSAGE =
  'Twilio suspended this brand. Only Twilio can lift a suspension: contact Twilio support (help.twilio.com) and mention your brand registration.';
export const CAMPAIGN_FAILED_MESSAGE = 'The carriers did not approve this campaign. Check the details, then submit it again.';
export const CAMPAIGN_IN_REVIEW_MESSAGE =
  'The carriers are reviewing how you will text families. This usually takes a few days; texts can go out once it is approved.';
