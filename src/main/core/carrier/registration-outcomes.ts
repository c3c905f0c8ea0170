import { AppError, type FindExistingResult } from '../../../shared/contract';
import { CarrierError, type BrandRegistration } from '../ports/carrier-gateway';
import type { BrandProgress, CampaignRegistration, ExistingRegistration } from '../ports/registration-gateway';
import type { RegistrationRecord } from '../ports/stores/registration-store';
import { SUSPENDED_MESSAGE } from './registration-view';

/**
 * What Twilio's answers mean for the stored registration, and the words the admin and the
 * composer see for each step: pure functions, so the service only reads, asks and stores.
 */

export const SUPPORT_CONTACT = 'support@smsdesk.app';

export const NO_PRIMARY_PROFILE =
  'This Twilio account is not set up to register businesses under it (it has no approved Primary Customer Profile configured). ' +
  `If you registered in the Twilio Console, choose "I have my own Twilio account". Otherwise contact ${SUPPORT_CONTACT}.`;
export const UPDATES_USED_UP =
  'Twilio allows a brand to be corrected three times, and all three are used (error 21724). Contact Twilio support to change it.';
const NOTHING_TO_ADOPT =
  'No registered Messaging Service was found on this Twilio account. In the Twilio Console, open Messaging → Regulatory Compliance, register your brand and campaign on a Messaging Service and add a number to it; SMS Desk then finds it here.';

export function brandStateOf(status: string): RegistrationRecord['brandState'] {
  return status === 'APPROVED' ? 'approved' : status === 'FAILED' || status === 'SUSPENDED' ? 'failed' : 'in_process';
}

export function campaignStateOf(status: string): RegistrationRecord['campaignState'] {
  return status === 'VERIFIED' ? 'verified' : status === 'FAILED' ? 'failed' : 'in_process';
}

/** The brand's status as Twilio reports it, with the reason and the way to fix a failure. */
export function brandOutcome(brand: BrandRegistration): Partial<RegistrationRecord> {
  if (brand.status === 'APPROVED') return { brandState: 'approved', brandStatus: brand.status, failureMessage: null };
  if (brand.status === 'SUSPENDED') return { brandState: 'failed', brandStatus: brand.status, failureMessage: SUSPENDED_MESSAGE };
  if (brand.status !== 'FAILED') return { brandStatus: brand.status };
  const reason = brand.taxIdMismatch
    ? 'The carriers could not match your EIN to your legal business name. Check both against your IRS paperwork, then use Reset Brand to correct them and resubmit.'
    : `${brand.errors[0]?.description ?? 'The carriers did not approve this brand.'} Use Reset Brand to correct the details and resubmit.`;
  return { brandState: 'failed', brandStatus: brand.status, failureMessage: reason };
}

/** The campaign's status, with Twilio's reason when it failed. */
export function campaignOutcome(campaign: CampaignRegistration): Partial<RegistrationRecord> {
  const state = campaignStateOf(campaign.status);
  const reason = campaign.errors.map((e) => e.description).filter(Boolean).join(' ');
  return {
    campaignState: state,
    campaignFailureMessage: state === 'failed' ? `${reason || 'The carriers did not approve this campaign.'} Correct the details and submit again.` : null,
  };
}

/** The first registration step still open, in the composer's words; null when texts can go. */
export function notReadyReason(row: RegistrationRecord): string | null {
  if (row.brandStatus === 'SUSPENDED') return 'Texting is stopped: Twilio suspended your business registration. An admin needs to contact Twilio support.';
  if (row.brandState === 'in_process') return 'Your business registration is being reviewed by the carriers. Texts can go out once it is approved.';
  if (row.brandState === 'failed') return 'The carriers did not approve your business registration. An admin can fix it in Settings → SMS.';
  if (row.brandState !== 'approved') return 'An admin needs to register your business in Settings → SMS before texts can go out.';
  if (row.campaignState === 'failed') return 'The carriers did not approve how you will text families. An admin can fix it in Settings → SMS.';
  if (row.campaignState === 'in_process') return 'The carriers are reviewing how you will text families. Texts can go out once it is approved.';
  if (row.campaignState === 'none') return 'An admin needs to describe how you will text families in Settings → SMS before texts can go out.';
  if (row.phoneState !== 'assigned') return 'An admin needs to choose a texting number in Settings → SMS before texts can go out.';
  return null;
}

export function progressOf(row: RegistrationRecord): BrandProgress {
  return {
    customerProfileSid: row.customerProfileSid,
    businessEndUserSid: row.businessEndUserSid,
    representativeEndUserSid: row.representativeEndUserSid,
    addressSid: row.addressSid,
    supportingDocumentSid: row.supportingDocumentSid,
    trustProductSid: row.trustProductSid,
    messagingProfileEndUserSid: row.messagingProfileEndUserSid,
    brandSid: row.brandSid,
  };
}

/** Own account: what the Messaging Services hold, or what to do in the Console when none can be adopted. */
export function toFindExistingResult(found: ExistingRegistration[]): FindExistingResult {
  // A service with an approved brand is enough: the campaign and number can be registered here.
  const usable = found.some((s) => s.campaign !== null || s.numbers.length > 0 || s.brand?.status === 'APPROVED');
  return {
    found: found.map((s) => ({
      messagingServiceSid: s.messagingServiceSid,
      friendlyName: s.friendlyName,
      brand: s.brand === null ? null : { sid: s.brand.sid, status: s.brand.status },
      campaign: s.campaign === null ? null : { sid: s.campaign.sid, status: s.campaign.status, useCase: s.campaign.useCase },
      numbers: s.numbers.map((n) => n.phoneNumber),
    })),
    advice: usable ? null : NOTHING_TO_ADOPT,
  };
}

/** Own account: the record after taking over a Messaging Service with its brand, campaign and first number. */
export function adoption(found: ExistingRegistration, now: number): Partial<RegistrationRecord> {
  const number = found.numbers[0] ?? null;
  const brandState = found.brand === null ? 'none' : brandStateOf(found.brand.status);
  return {
    messagingServiceSid: found.messagingServiceSid,
    brandSid: found.brand?.sid ?? found.campaign?.brandSid ?? null,
    customerProfileSid: found.brand?.customerProfileSid ?? null,
    // A verified campaign means its brand was approved, even when the brand cannot be read.
    brandState: found.campaign?.status === 'VERIFIED' ? 'approved' : brandState,
    brandStatus: found.brand?.status ?? null,
    submittedAt: now,
    campaignSid: found.campaign?.sid ?? null,
    campaignState: found.campaign === null ? 'none' : campaignStateOf(found.campaign.status),
    phoneState: number === null ? 'none' : 'in_process',
    phoneNumber: number?.phoneNumber ?? null,
    phoneNumberSid: number?.sid ?? null,
  };
}

/** Carrier failures become what the owner should do next. */
export async function translate<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CarrierError) throw new AppError('CARRIER_ERROR', error.userMessage, { code: error.code });
    throw error;
  }
}
