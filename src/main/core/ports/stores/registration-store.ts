export type BrandState = 'none' | 'in_process' | 'approved' | 'failed';
export type PhoneState = 'none' | 'no_number' | 'in_process' | 'assigned';

/** Where the business stands with the carrier's US registration: one record per install. */
export interface RegistrationRecord {
  /** The brand form as submitted (JSON), kept to prefill a resubmission. */
  brandForm: string | null;
  customerProfileSid: string | null;
  trustProductSid: string | null;
  brandSid: string | null;
  brandState: BrandState;
  failureMessage: string | null;
  submittedAt: number | null;
  messagingServiceSid: string | null;
  phoneState: PhoneState;
  phoneAreaCode: string | null;
  phoneNumber: string | null;
}

export interface RegistrationStore {
  read(): Promise<RegistrationRecord>;
  /** Changes the named fields only and returns the whole record after the change. */
  update(patch: Partial<RegistrationRecord>, at: number): Promise<RegistrationRecord>;
}
