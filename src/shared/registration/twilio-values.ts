/**
 * The one table of values Twilio accepts for US A2P 10DLC registration, each with the words a
 * front-desk admin sees. Screens show `label`/`help`; the wire carries `value`/`code` unchanged.
 *
 * Sources: Twilio "Create a Secondary Customer Profile" (business_industry, business_type on the
 * customer_profile_business_information EndUser), "ISV onboarding" step 8 (company_type on the
 * us_a2p_messaging_profile_information EndUser) and the Usa2p/Usecases resource
 * (tests/fixtures/twilio-openapi/twilio_messaging_v1.json). Notes: /work/shared/twilio-api-notes.md §3.5.
 */

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** `business_industry` on the business-information EndUser, exactly as Twilio spells them. */
export const businessIndustries = [
  { value: 'AGRICULTURE', label: 'Agriculture' },
  { value: 'AUTOMOTIVE', label: 'Automotive' },
  { value: 'BANKING', label: 'Banking' },
  { value: 'CONSUMER', label: 'Consumer services' },
  { value: 'EDUCATION', label: 'Education (classes, lessons, schools)' },
  { value: 'ELECTRONICS', label: 'Electronics' },
  { value: 'ENERGY', label: 'Energy' },
  { value: 'ENGINEERING', label: 'Engineering' },
  { value: 'FAST_MOVING_CONSUMER_GOODS', label: 'Consumer goods' },
  { value: 'FINANCIAL', label: 'Financial services' },
  { value: 'FINTECH', label: 'Financial technology' },
  { value: 'FOOD_AND_BEVERAGE', label: 'Food and drink' },
  { value: 'GOVERNMENT', label: 'Government' },
  { value: 'HEALTHCARE', label: 'Health and fitness' },
  { value: 'HOSPITALITY', label: 'Hospitality' },
  { value: 'INSURANCE', label: 'Insurance' },
  { value: 'JEWELRY', label: 'Jewelry' },
  { value: 'LEGAL', label: 'Legal' },
  { value: 'MANUFACTURING', label: 'Manufacturing' },
  { value: 'MEDIA', label: 'Media' },
  { value: 'NOT_FOR_PROFIT', label: 'Non-profit' },
  { value: 'OIL_AND_GAS', label: 'Oil and gas' },
  { value: 'ONLINE', label: 'Online business' },
  { value: 'RAW_MATERIALS', label: 'Raw materials' },
  { value: 'REAL_ESTATE', label: 'Real estate' },
  { value: 'RELIGION', label: 'Religious organization' },
  { value: 'RETAIL', label: 'Retail' },
  { value: 'TECHNOLOGY', label: 'Technology' },
  { value: 'TELECOMMUNICATIONS', label: 'Telecommunications' },
  { value: 'TRANSPORTATION', label: 'Transportation' },
  { value: 'TRAVEL', label: 'Travel' },
] as const satisfies readonly Choice<string>[];

export type BusinessIndustry = (typeof businessIndustries)[number]['value'];
export const businessIndustryValues = businessIndustries.map((c) => c.value) as [BusinessIndustry, ...BusinessIndustry[]];

/** `business_type` on the business-information EndUser (Twilio's own spelling, spaces included). */
export const businessTypes = [
  { value: 'Sole Proprietorship', label: 'Sole proprietor (one owner, no company)' },
  { value: 'Partnership', label: 'Partnership' },
  { value: 'Limited Liability Corporation', label: 'LLC (limited liability company)' },
  { value: 'Co-operative', label: 'Co-operative' },
  { value: 'Non-profit Corporation', label: 'Non-profit' },
  { value: 'Corporation', label: 'Corporation' },
] as const satisfies readonly Choice<string>[];

export type BusinessType = (typeof businessTypes)[number]['value'];
export const businessTypeValues = businessTypes.map((c) => c.value) as [BusinessType, ...BusinessType[]];

/** `company_type` on the us_a2p_messaging_profile_information EndUser. */
export const companyTypes = [
  { value: 'private', label: 'Privately owned' },
  { value: 'public', label: 'Publicly traded' },
  { value: 'non-profit', label: 'Non-profit' },
  { value: 'government', label: 'Government' },
] as const satisfies readonly Choice<string>[];

export type CompanyType = (typeof companyTypes)[number]['value'];

/**
 * What a business's answers mean on the wire. A non-profit is registered as NOT_FOR_PROFIT with
 * company type non-profit (the Campaign Registry vets non-profits on both); a government body as
 * government. Everyone else the form serves is privately owned: a public company also needs a
 * stock ticker, which the form does not ask for.
 */
export function companyTypeFor(businessType: BusinessType, industry: BusinessIndustry): CompanyType {
  if (businessType === 'Non-profit Corporation') return 'non-profit';
  if (industry === 'GOVERNMENT') return 'government';
  return 'private';
}

export function industryFor(businessType: BusinessType, industry: BusinessIndustry): BusinessIndustry {
  return businessType === 'Non-profit Corporation' ? 'NOT_FOR_PROFIT' : industry;
}

export interface UseCase {
  readonly code: string;
  readonly label: string;
  readonly help: string;
}

/**
 * A2P campaign use cases (`UsAppToPersonUsecase`). Twilio decides which ones a brand may use
 * (GET Services/{MG}/Compliance/Usa2p/Usecases); this table only gives them plain words. A code
 * Twilio returns that is not here is shown with Twilio's own name.
 */
export const a2pUseCases = [
  {
    code: 'MIXED',
    label: 'A mix of reminders, news and offers',
    help: 'Best for most gyms and swim schools: class reminders, closures, schedule news and the occasional promotion.',
  },
  {
    code: 'ACCOUNT_NOTIFICATION',
    label: 'Account and class notices only',
    help: 'Reminders and notices about a family’s own classes, bookings or payments. No promotions.',
  },
  {
    code: 'CUSTOMER_CARE',
    label: 'Answering questions',
    help: 'Conversations with families about their questions and support.',
  },
  {
    code: 'MARKETING',
    label: 'Promotions and offers',
    help: 'Sales, sign-up offers and events meant to bring in business.',
  },
  {
    code: 'DELIVERY_NOTIFICATION',
    label: 'Delivery updates',
    help: 'Updates about orders or deliveries.',
  },
  {
    code: 'PUBLIC_SERVICE_ANNOUNCEMENT',
    label: 'Public announcements',
    help: 'Information for the public, such as weather closures.',
  },
  {
    code: 'LOW_VOLUME',
    label: 'Low volume, mixed',
    help: 'For small senders: fewer than about 2,000 texts a day, any mix of purposes.',
  },
  {
    code: 'K12_EDUCATION',
    label: 'K-12 school',
    help: 'For schools teaching kindergarten to grade 12.',
  },
  {
    code: 'HIGHER_EDUCATION',
    label: 'College or university',
    help: 'For colleges, universities and other higher education.',
  },
  { code: 'CHARITY', label: 'Charity', help: 'For registered charities asking for donations or support.' },
  { code: 'POLLING_VOTING', label: 'Polls and surveys', help: 'Questions and surveys that are not political.' },
  { code: '2FA', label: 'Sign-in codes', help: 'One-time codes to confirm a person’s identity.' },
  { code: 'SECURITY_ALERT', label: 'Security alerts', help: 'Warnings about a possible security problem on an account.' },
  { code: 'FRAUD_ALERT', label: 'Fraud alerts', help: 'Warnings about possible fraud.' },
  { code: 'SOLE_PROPRIETOR', label: 'Sole proprietor', help: 'For a business with one owner and no tax ID.' },
] as const satisfies readonly UseCase[];

/** A gym or swim school sends reminders, closures and the odd offer: Mixed fits. */
export const defaultUseCase = 'MIXED';

export function labelOf<T extends string>(choices: readonly Choice<T>[], value: string): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}

export function wordsForUseCase(code: string, twilioName?: string): { label: string; help: string } {
  const known = a2pUseCases.find((u) => u.code === code);
  if (known) return { label: known.label, help: known.help };
  return { label: twilioName ?? code, help: '' };
}
