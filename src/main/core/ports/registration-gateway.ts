import type { BrandError, BrandForm, BrandRegistration, CreateBrandResult, OwnedNumber, ProfileIssue } from './carrier-gateway';

/**
 * The registration half of the carrier (twilio-api-notes.md §3.5): brand, campaign and the
 * discovery of what an account already has. Every method rejects with `CarrierError` only.
 */
export interface RegistrationGateway {
  /**
   * Provider mode: the secondary customer profile, A2P trust product and brand for one business,
   * resuming from `progress` (what earlier attempts created) and handing each new SID to
   * `saveProgress` the moment Twilio creates it, so a retry never makes a second one.
   */
  registerBrand(input: RegisterBrandInput): Promise<CreateBrandResult>;
  /**
   * Fix-and-resubmit: writes the corrected form into the existing Trust Hub objects, re-evaluates
   * and resubmits them. Returns the problems to fix first, or none when they went back for review.
   */
  updateBrandDetails(form: BrandForm, progress: BrandProgress): Promise<ProfileIssue[]>;
  /** Sends the same brand back to review (POST /v1/a2p/BrandRegistrations/{BN}); 21724 after three. */
  resubmitBrand(brandSid: string): Promise<BrandRegistration>;

  /** GET /v1/Services/{MG}/Compliance/Usa2p/Usecases?BrandRegistrationSid=BN… */
  listCampaignUseCases(messagingServiceSid: string, brandSid: string): Promise<CampaignUseCase[]>;
  /** Registers the campaign, or returns the one already on the service (a retry after a timeout). */
  createCampaign(messagingServiceSid: string, brandSid: string, campaign: CampaignForm): Promise<CampaignRegistration>;
  fetchCampaign(messagingServiceSid: string, campaignSid: string): Promise<CampaignRegistration>;
  /** Removes a failed campaign so a corrected one can be registered on the same service. */
  removeCampaign(messagingServiceSid: string, campaignSid: string): Promise<void>;

  /** Own account: every Messaging Service with its campaign, brand and numbers. */
  findExistingRegistrations(): Promise<ExistingRegistration[]>;
  /** A number already in the service's sender pool (bought by an attempt whose answer was lost). */
  findServiceNumber(messagingServiceSid: string): Promise<OwnedNumber | null>;
  /** Whether the account owns this number (a purchase whose answer was lost may have gone through). */
  ownsNumber(phoneNumber: string): Promise<boolean>;
}

/** The SIDs a brand registration has made so far; null where that step has not run. */
export interface BrandProgress {
  customerProfileSid: string | null;
  businessEndUserSid: string | null;
  representativeEndUserSid: string | null;
  addressSid: string | null;
  supportingDocumentSid: string | null;
  trustProductSid: string | null;
  messagingProfileEndUserSid: string | null;
  brandSid: string | null;
}

export interface RegisterBrandInput {
  form: BrandForm;
  /** The provider's approved Primary Customer Profile (BU…), from configuration. */
  primaryCustomerProfileSid: string;
  progress: BrandProgress;
  saveProgress(patch: Partial<BrandProgress>): Promise<void>;
}

export interface CampaignForm {
  useCase: string;
  description: string;
  messageFlow: string;
  messageSamples: string[];
  hasEmbeddedLinks: boolean;
  hasEmbeddedPhone: boolean;
  optInKeywords: string[];
  optInMessage: string;
  optOutKeywords: string[];
  optOutMessage: string;
  helpKeywords: string[];
  helpMessage: string;
}

export interface CampaignUseCase {
  code: string;
  name: string;
  description: string;
}

export type CampaignStatus = 'IN_PROGRESS' | 'VERIFIED' | 'FAILED';

export interface CampaignRegistration {
  sid: string;
  brandSid: string;
  messagingServiceSid: string;
  useCase: string;
  /** Unknown values pass through; treat them like IN_PROGRESS. */
  status: CampaignStatus | (string & {});
  errors: BrandError[];
}

export interface ExistingRegistration {
  messagingServiceSid: string;
  friendlyName: string;
  campaign: CampaignRegistration | null;
  brand: BrandRegistration | null;
  numbers: OwnedNumber[];
}
