import type { BrandProgress } from '../registration-gateway';

export type BrandState = 'none' | 'in_process' | 'approved' | 'failed';
export type PhoneState = 'none' | 'no_number' | 'in_process' | 'assigned';
export type CampaignState = 'none' | 'in_process' | 'verified' | 'failed';

/**
 * Where the business stands with the carrier's US registration: one record per install. Each SID of
 * the brand's progress is kept the moment Twilio creates it, so a retry resumes, never repeats.
 */
export interface RegistrationRecord extends BrandProgress {
  /** The brand form as submitted (JSON), kept to prefill a resubmission. */
  brandForm: string | null;
  brandState: BrandState;
  /** Twilio's own last brand status (e.g. SUSPENDED, IN_REVIEW). */
  brandStatus: string | null;
  /** Fix-and-resubmit updates used; Twilio allows three (error 21724 after). */
  brandUpdatesUsed: number;
  failureMessage: string | null;
  submittedAt: number | null;
  messagingServiceSid: string | null;
  campaignSid: string | null;
  campaignState: CampaignState;
  /** The campaign form as submitted (JSON), kept to prefill a resubmission. */
  campaignForm: string | null;
  campaignFailureMessage: string | null;
  campaignSubmittedAt: number | null;
  phoneState: PhoneState;
  phoneAreaCode: string | null;
  phoneNumber: string | null;
  phoneNumberSid: string | null;
  /** Background status checks: the last one, and when the next is due. */
  statusCheckedAt: number | null;
  nextStatusCheckAt: number | null;
}

export interface RegistrationStore {
  read(): Promise<RegistrationRecord>;
  /** Changes the named fields only and returns the whole record after the change. */
  update(patch: Partial<RegistrationRecord>, at: number): Promise<RegistrationRecord>;
}
