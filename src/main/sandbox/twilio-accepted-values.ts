/**
 * What Twilio's Trust Hub accepts in EndUser `Attributes`, written down from Twilio's documents
 * and kept apart from the app's own table (src/shared/registration) on purpose: the simulator
 * plays Twilio, so when the app gets a value wrong the simulator must refuse it rather than agree.
 *
 * Sources:
 * - "API: Create a Secondary Customer Profile", Business registration data and Authorized
 *   representative tables: https://www.twilio.com/docs/trust-hub/trusthub-rest-api/api-create-secondary-customer-profile
 * - "A2P 10DLC - Standard and Low-Volume Standard Brand Onboarding Guide for ISVs", step 2.2
 *   (us_a2p_messaging_profile_information): https://www.twilio.com/docs/messaging/compliance/a2p-10dlc/onboarding-isv-api
 */

export const BUSINESS_IDENTITIES = ['direct_customer', 'isv_reseller_or_partner', 'unknown'] as const;

export const BUSINESS_TYPES = [
  'Sole Proprietorship', 'Partnership', 'Limited Liability Corporation', 'Co-operative', 'Non-profit Corporation', 'Corporation',
] as const;

export const BUSINESS_INDUSTRIES = [
  'AGRICULTURE', 'AUTOMOTIVE', 'BANKING', 'CONSUMER', 'EDUCATION', 'ELECTRONICS', 'ENERGY', 'ENGINEERING',
  'FAST_MOVING_CONSUMER_GOODS', 'FINANCIAL', 'FINTECH', 'FOOD_AND_BEVERAGE', 'GOVERNMENT', 'HEALTHCARE', 'HOSPITALITY',
  'INSURANCE', 'JEWELRY', 'LEGAL', 'MANUFACTURING', 'MEDIA', 'NOT_FOR_PROFIT', 'OIL_AND_GAS', 'ONLINE', 'RAW_MATERIALS',
  'REAL_ESTATE', 'RELIGION', 'RETAIL', 'TECHNOLOGY', 'TELECOMMUNICATIONS', 'TRANSPORTATION', 'TRAVEL',
] as const;

export const REGISTRATION_IDENTIFIERS = ['EIN', 'CBN', 'CN', 'ACN', 'CIN', 'VAT', 'VATRN', 'RN', 'Other'] as const;

/** Sent comma-separated, e.g. "USA_AND_CANADA" or "USA_AND_CANADA,EUROPE". */
export const REGIONS_OF_OPERATION = ['AFRICA', 'ASIA', 'EUROPE', 'LATIN_AMERICA', 'USA_AND_CANADA'] as const;

export const JOB_POSITIONS = ['Director', 'GM', 'VP', 'CEO', 'CFO', 'General Counsel', 'Other'] as const;

export const COMPANY_TYPES = ['public', 'private', 'non-profit', 'government'] as const;

export const STOCK_EXCHANGES = [
  'NONE', 'NASDAQ', 'NYSE', 'AMEX', 'AMX', 'ASX', 'B3', 'BME', 'BSE', 'FRA', 'ICEX', 'JPX', 'JSE', 'KRX', 'LON', 'NSE',
  'OMX', 'SEHK', 'SSE', 'STO', 'SWX', 'SZSE', 'TSX', 'TWSE', 'VSE',
] as const;

/**
 * EndUser types the simulator knows. Twilio lists its types at GET /v1/EndUserTypes; an unknown
 * `Type` is refused there too (stricter reading: we accept only the ones the A2P flows use).
 */
export const END_USER_TYPES = [
  'customer_profile_business_information', 'authorized_representative_1', 'authorized_representative_2',
  'us_a2p_messaging_profile_information', 'individual', 'business',
] as const;

type Rule = { values: readonly string[]; list?: boolean };

/** Per EndUser type, the attributes whose value must come from a fixed list. */
export const ENUMERATED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  customer_profile_business_information: {
    business_identity: { values: BUSINESS_IDENTITIES },
    business_type: { values: BUSINESS_TYPES },
    business_industry: { values: BUSINESS_INDUSTRIES },
    business_registration_identifier: { values: REGISTRATION_IDENTIFIERS },
    business_regions_of_operation: { values: REGIONS_OF_OPERATION, list: true },
  },
  authorized_representative_1: { job_position: { values: JOB_POSITIONS } },
  authorized_representative_2: { job_position: { values: JOB_POSITIONS } },
  us_a2p_messaging_profile_information: { company_type: { values: COMPANY_TYPES }, stock_exchange: { values: STOCK_EXCHANGES } },
};

/** Attribute values a type's fixed lists refuse, as "name: value" (empty when all are accepted). */
export function refusedAttributes(type: string, attributes: Readonly<Record<string, unknown>>): string[] {
  const rules = ENUMERATED_ATTRIBUTES[type] ?? {};
  const refused: string[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    const value = attributes[name];
    if (value === undefined) continue;
    const parts = typeof value === 'string' ? (rule.list === true ? value.split(',').map((p) => p.trim()) : [value]) : [String(value)];
    if (typeof value !== 'string' || parts.some((p) => !rule.values.includes(p))) refused.push(`${name}: ${String(value)}`);
  }
  return refused;
}
